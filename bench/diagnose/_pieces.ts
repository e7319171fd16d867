import { randomBytes } from 'node:crypto';
import * as fc from '../../src/transparency/field-commitments';
import { nodeSha256, envelopeHasher, chainEvents } from '../../src/infrastructure/event-store/event-hash';
import { benchEvent, streamName } from '../lib/events';
import { GENESIS_HASH } from '../../src/domain/shared';
const secret = randomBytes(32);
const h = envelopeHasher(secret, 'sd-1');
const events = Array.from({ length: 20000 }, (_, i) => { const e = benchEvent(streamName(i % 100), i); return { ...e, metadata: h.mark(e.metadata), stream: 's', streamRevision: 3n, prevHash: GENESIS_HASH }; });
const digests = events.map((e) => fc.digestFields(nodeSha256, secret, e));
const envs = events.map((e, i) => fc.committedEnvelope(e, digests[i]!));
const variants: Record<string, (e: any, i: number) => unknown> = {
  hmac: (e) => nodeSha256.hmacHex(secret, e.eventId),
  digestFields: (e) => fc.digestFields(nodeSha256, secret, e),
  committedEnvelope: (e, i) => fc.committedEnvelope(e, digests[i]!),
  'sha256 of envelope': (_e, i) => nodeSha256.sha256Hex(envs[i]!),
  'hasher.hash': (e) => h.hash(e),
  'chainEvents': (e) => chainEvents(h, 's', { revision: -1n, hash: GENESIS_HASH }, [e]),
};
const cpu = (f: (e: any, i: number) => unknown) => { const s = process.cpuUsage(); events.forEach(f); const u = process.cpuUsage(s); return (u.user + u.system) / events.length; };
for (const f of Object.values(variants)) cpu(f);
const r: Record<string, number[]> = {};
for (let i = 0; i < 7; i++) for (const [n, f] of Object.entries(variants)) (r[n] ??= []).push(+cpu(f).toFixed(1));
console.log(JSON.stringify(Object.fromEntries(Object.entries(r).map(([n, xs]) => [n, [...xs].sort((a, b) => a - b)[3]]))), envs[0]!.length);
