import { createHmac, createSecretKey } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuthenticatedRequest } from '../../src/infrastructure/auth/auth.decorators';
import { requestFingerprint } from '../../src/infrastructure/http/request-fingerprint';

/** The fingerprint as defined: HMAC-SHA256 of canonicalize({ method, path, actor, body }); stored fingerprints stay comparable only if this never changes. */
type Request = Readonly<{ method: string; originalUrl: string; actor?: { actorId: string }; body?: unknown }>;

const defined = (secret: Buffer, request: Request): string =>
  createHmac('sha256', secret)
    .update(canonicalize({ method: request.method, path: request.originalUrl.split('?')[0], actor: request.actor?.actorId ?? null, body: request.body ?? null }) ?? '', 'utf8')
    .digest('hex');

describe('request fingerprint (Idempotency-Key binding)', () => {
  const secret = Buffer.alloc(32, 9);
  const key = createSecretKey(secret);
  const requests: readonly Request[] = [
    { method: 'POST', originalUrl: '/api/v1/communities', actor: { actorId: 'op-1' }, body: { communityId: 'c-1', kind: 'village', name: '东河村', townshipRef: 't-1' } },
    { method: 'POST', originalUrl: '/api/v1/communities?dryRun=1&x=?', actor: { actorId: 'op-"quoted"\\' }, body: { b: [3, { z: null, a: true }], a: 1.5, é: 'é😀"\n' } },
    { method: 'PATCH', originalUrl: '/api/v1/x/%E4%B8%9C/y', body: [1, 'two'] },
    { method: 'DELETE', originalUrl: '/api/v1/x', actor: { actorId: '' } },
    { method: 'POST', originalUrl: '/api/v1/x', actor: { actorId: 'a' }, body: null },
  ];

  it.each(requests.map((request, i) => [i, request] as const))('is the HMAC of the RFC 8785 JSON of method, path, actor and body (request %i)', (_, request) => {
    expect(requestFingerprint(key, request as unknown as AuthenticatedRequest)).toBe(defined(secret, request));
  });

  it('ignores the order of the body keys and the query, and tells apart what differs', () => {
    const fingerprint = (request: Request): string => requestFingerprint(key, request as unknown as AuthenticatedRequest);
    const base = requests[0]!;
    expect(fingerprint({ ...base, originalUrl: `${base.originalUrl}?a=1`, body: { townshipRef: 't-1', name: '东河村', kind: 'village', communityId: 'c-1' } })).toBe(fingerprint(base));
    expect(fingerprint({ ...base, body: { ...(base.body as object), name: '西河村' } })).not.toBe(fingerprint(base));
    expect(fingerprint({ ...base, actor: { actorId: 'op-2' } })).not.toBe(fingerprint(base));
    expect(fingerprint({ ...base, method: 'PUT' })).not.toBe(fingerprint(base));
  });
});
