/**
 * Self time of a V8 .cpuprofile by library group (Express, Nest, the request log, validation, pg,
 * Node's HTTP internals, the service's own code...), leaving out the wall-clock samples of socket
 * writes, idle and the profiler's stop (on a loaded machine `writev` is mostly time preempted, not
 * CPU): `npx ts-node --transpile-only bench/diagnose/cpu-profile-groups.ts file.cpuprofile`.
 */
import { readFileSync } from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string } };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const p = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const WALL = new Set(['(idle)', '(program)', 'writev', 'dispatch', 'writeString', 'writeBuffer', 'writeUtf8String']);
const G: readonly (readonly [string, RegExp])[] = [['Express (router, express, body-parser, raw-body, type-is, iconv-lite, parseurl, path-to-regexp, debug, on-finished, platform-express)',/node_modules\/(router|express|body-parser|raw-body|type-is|iconv-lite|parseurl|path-to-regexp|debug|on-finished|content-type|@nestjs\/platform-express|media-typer|finalhandler|qs|http-errors)\//],
['Fastify (fastify, find-my-way, avvio, middie, light-my-request, @fastify/*, platform-fastify)',/node_modules\/(fastify|find-my-way|avvio|@fastify\/[^/]+|light-my-request|fast-querystring|fast-json-stringify|secure-json-parse|toad-cache|abstract-logging|process-warning|rfdc|@nestjs\/platform-fastify|ret|safe-regex2|fast-decode-uri-component)\//],
['Nest core and rxjs (router execution, guards/pipes/interceptors consumers, reflector)',/node_modules\/(@nestjs\/core|@nestjs\/common|rxjs|reflect-metadata)\//],
['request log (pino, pino-http, redaction, nestjs-pino)',/node_modules\/(pino|pino-http|@pinojs\/redact|pino-std-serializers|sonic-boom|nestjs-pino|fast-redact|quick-format-unescaped|thread-stream|atomic-sleep|on-exit-leak-free)\//],
['validation (class-validator, class-transformer, validator)',/node_modules\/(class-validator|class-transformer|validator|libphonenumber-js)\//],
['pg driver (pg, pg-protocol, pg-pool, pg-types)',/node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-array|postgres-date)\//],
['token, hashing, ids (jose, canonicalize, @noble/hashes, uuid)',/node_modules\/(jose|canonicalize|@noble\/hashes|uuid)\//],
['service code: HTTP layer and auth (dist/infrastructure/http, auth)',/\/dist\/infrastructure\/(http|auth)\//],
['service code: command pipeline, domain, event store',/\/dist\/(application|domain|infrastructure\/event-store|infrastructure\/serialization)\//],
['service code: read models, transparency log, other infrastructure',/\/dist\//],
['Node.js HTTP, streams, events, timers, async hooks (node:*)',/^node:/],
['bench (lag poller, IPC)',/civic-ledger-bench/],
];
const agg = new Map<string, number>();
let tot = 0;
p.samples.forEach((id, i) => {
  const c = (byId.get(id) as Node).callFrame;
  const us = p.timeDeltas[i] ?? 0;
  if (c.url === '' && WALL.has(c.functionName)) return;
  tot += us;
  let k = 'other (native: microtasks, crypto, JSON...)';
  if (c.functionName === '(garbage collector)') k = 'garbage collector';
  else for (const [n, re] of G) if (re.test(c.url)) { k = n; break; }
  agg.set(k, (agg.get(k) ?? 0) + us);
});
process.stdout.write('| group (self time; wall-clock samples of writes, idle and the profiler left out) | ms | % |\n|---|---:|---:|\n');
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1])) process.stdout.write(`| ${k} | ${(v / 1000).toFixed(0)} | ${((100 * v) / tot).toFixed(1)} |\n`);
process.stdout.write(`| total | ${(tot / 1000).toFixed(0)} | 100 |\n`);
