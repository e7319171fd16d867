/**
 * CPU cost of hashing events on the append path: the whole-envelope hash (`legacy`) against the
 * field commitments (`sd-1`: salts from one HMAC per event, a SHA-256 salt and digest per top-level
 * field, then the envelope), for the W1 bench event, in this process only (no database). Alternates
 * the variants, five rounds, and prints the medians of process CPU time per event and their ratio.
 * `BENCH_BEFORE_TREE=/path/to/checkout` adds that tree's `sd-1` hasher as `sd-1 before`.
 * `npx ts-node --transpile-only bench/diagnose/hash-cost.ts [events]`
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENESIS_HASH } from '../../src/domain/shared';
import { envelopeHasher, linkedEvent, linkEvents } from '../../src/infrastructure/event-store/event-hash';
import { benchEvent, streamName } from '../lib/events';

const EVENTS = Number(process.argv[2] ?? 20000);
const ROUNDS = 5;
const BEFORE = process.env.BENCH_BEFORE_TREE;
const secret = randomBytes(32);
type Chain = (stream: string) => unknown;
const events = Array.from({ length: EVENTS }, (_, i) => benchEvent(streamName(i % 100), i));
const head = { revision: -1n, hash: GENESIS_HASH };
const variants: Record<string, Chain> = {
  legacy: (() => {
    const hasher = envelopeHasher(secret, 'legacy');
    return (stream: string) => events.map((event) => linkEvents(hasher, stream, head, [event], linkedEvent));
  })(),
  'sd-1': (() => {
    const hasher = envelopeHasher(secret, 'sd-1');
    return (stream: string) => events.map((event) => linkEvents(hasher, stream, head, [event], linkedEvent));
  })(),
};
if (BEFORE !== undefined) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const before = require(join(BEFORE, 'src/infrastructure/event-store/event-hash')) as { linkEvents: typeof linkEvents; linkedEvent: typeof linkedEvent; envelopeHasher: typeof envelopeHasher };
  const hasher = before.envelopeHasher(secret, 'sd-1');
  variants['sd-1 before'] = (stream: string) => events.map((event) => before.linkEvents(hasher, stream, head, [event], before.linkedEvent));
}

const cpuUsPerEvent = (chain: Chain): number => {
  const start = process.cpuUsage();
  chain('bench-consultation-1');
  const used = process.cpuUsage(start);
  return (used.user + used.system) / EVENTS;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const chain of Object.values(variants)) cpuUsPerEvent(chain); // warm-up
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let r = 0; r < ROUNDS; r++) for (const [name, chain] of Object.entries(variants)) samples[name]!.push(+cpuUsPerEvent(chain).toFixed(2));
const medians = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, +median(xs).toFixed(2)]));
const ratios = Object.fromEntries(Object.keys(variants).map((name) => [name, +(medians[name]! / medians['legacy']!).toFixed(2)]));
console.log(JSON.stringify({ events: EVENTS, rounds: ROUNDS, cpuUsPerEvent: medians, ratioToLegacy: ratios, samples, load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') }));
