import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { TokenService } from '../../../src/infrastructure/auth/token.service';

/** A community as the registry records it (`POST /api/v1/communities`). */
export type CommunitySeed = Readonly<{
  communityId: string;
  kind?: 'village' | 'urban_community';
  name?: string;
  townshipRef?: string;
  districtRef?: string;
  timeZone?: string;
  occurredAt?: string;
}>;

/** The body of `POST /api/v1/communities` for a seed, with the defaults below. */
export const registrationBody = (seed: CommunitySeed) => ({
  communityId: seed.communityId,
  kind: seed.kind ?? 'village',
  name: seed.name ?? `community ${seed.communityId}`,
  townshipRef: seed.townshipRef ?? 't-1',
  districtRef: seed.districtRef ?? 'd-1',
  ...(seed.timeZone === undefined ? {} : { timeZone: seed.timeZone }),
  occurredAt: seed.occurredAt ?? '2026-01-05T09:00:00+08:00',
});

/**
 * Registers a community over HTTP as the township government of its township (the one role that may),
 * expecting 201: the first step of every procedure that refers to a community (consultations,
 * meetings, supervision). Defaults: a village in township `t-1`, district `d-1`, registered on
 * 2026-01-05 (Asia/Shanghai).
 */
export const registerCommunity = async (app: INestApplication, seed: CommunitySeed): Promise<void> => {
  const body = registrationBody(seed);
  const token = await app.get(TokenService).sign('township-registrar', [`township_government@township:${body.townshipRef}`]);
  const res = await request(app.getHttpServer()).post('/api/v1/communities').set('Authorization', `Bearer ${token}`).send(body);
  if (res.status !== 201) throw new Error(`registering community ${seed.communityId}: ${res.status} ${JSON.stringify(res.body)}`);
};

/**
 * A committee term from 2026-01-01 to 2030-12-31 and the census of 2026 (100 adults, 40 households),
 * recorded by the community's committee (its token), expecting 201 each: what meetings and
 * supervision need before their first step. `at` writes a local time with the community's offset.
 */
export const recordTermAndCensus = async (app: INestApplication, committeeToken: string, communityId: string, at: (local: string) => string): Promise<void> => {
  const post = (path: string, body: object) => request(app.getHttpServer()).post(`/api/v1/communities/${communityId}${path}`).set('Authorization', `Bearer ${committeeToken}`).send(body).expect(201);
  await post('/committee-terms', { termId: 'term-12', termNumber: 12, startsOn: '2026-01-01', endsOn: '2030-12-31', occurredAt: at('2026-01-01T10:00') });
  await post('/census-snapshots', { snapshotId: 'census-2026', effectiveFrom: '2026-01-01', adults: 100, households: 40, occurredAt: at('2026-01-01T11:00') });
};
