/**
 * CPU cost of hashing events on the append path: the whole-envelope hash (`legacy`) against the
 * field commitments (`sd-1`: an HMAC salt and a SHA-256 digest per top-level field, then the
 * envelope), for the W1 bench event, in this process only (no database). Alternates the two, five
 * rounds, and prints the medians of process CPU time per event and their ratio.
 * `npx ts-node --transpile-only bench/diagnose/hash-cost.ts [events]`
 */
import { randomBytes } from 'node:crypto';
import { GENESIS_HASH } from '../../src/domain/shared';
import { chainEvents, envelopeHasher } from '../../src/infrastructure/event-store/event-hash';
import { benchEvent, streamName } from '../lib/events';

const EVENTS = Number(process.argv[2] ?? 20000);
const ROUNDS = 5;
const secret = randomBytes(32);
const hashers = { legacy: envelopeHasher(secret, 'legacy'), 'sd-1': envelopeHasher(secret, 'sd-1') };
const events = Array.from({ length: EVENTS }, (_, i) => benchEvent(streamName(i % 100), i));

const cpuUsPerEvent = (scheme: keyof typeof hashers): number => {
  const start = process.cpuUsage();
  for (const event of events) chainEvents(hashers[scheme], event.data['consultationId'] as string, { revision: -1n, hash: GENESIS_HASH }, [event]);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / EVENTS;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
cpuUsPerEvent('legacy');
cpuUsPerEvent('sd-1'); // warm-up
const samples: Record<string, number[]> = { legacy: [], 'sd-1': [] };
for (let r = 0; r < ROUNDS; r++) for (const scheme of ['legacy', 'sd-1'] as const) samples[scheme]!.push(cpuUsPerEvent(scheme));
const legacy = median(samples['legacy']!);
const sd1 = median(samples['sd-1']!);
console.log(JSON.stringify({ events: EVENTS, rounds: ROUNDS, cpuUsPerEvent: { legacy: +legacy.toFixed(2), 'sd-1': +sd1.toFixed(2) }, ratio: +(sd1 / legacy).toFixed(2), samples }));
