/**
 * Self time of a V8 .cpuprofile attributed to the subsystem whose frame is nearest the root of each
 * sample's stack (read models, transparency log, HTTP request, pg driver...):
 * `npx ts-node --transpile-only bench/diagnose/cpu-profile-by-subsystem.ts file.cpuprofile`.
 */
import { readFileSync } from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const SUBSYSTEMS: readonly (readonly [string, RegExp])[] = [
  ['profiler / idle / gc', /^$/],
  ['read models (projection runner)', /(src|dist)\/projections\/projection-runner|(src|dist)\/projections\/projection-writer|projection-locks/],
  ['transparency log builder', /(src|dist)\/infrastructure\/transparency/],
  ['lag poller (bench)', /bench\/http\/serve|civic-ledger-bench\/serve/],
  ['command handling (pipeline, store)', /(src|dist)\/application\/command-handling|sql-event-store|group-commit/],
  ['HTTP request (express, Nest, guards, pipes, interceptors, logging)', /express|router|@nestjs|pino-http|body-parser|(src|dist)\/infrastructure\/(http|auth)/],
  ['pg driver (socket reads, parsing)', /node_modules\/pg/],
];

const profile = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const totals = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  all += us;
  const stack: Node[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur) as Node);
  const leaf = stack[0]?.callFrame.functionName ?? '';
  let name = 'other (node internals, timers, microtasks)';
  if (['(idle)', '(garbage collector)', '(program)', 'dispatch'].includes(leaf)) name = 'profiler / idle / gc';
  else {
    // Nearest the root wins: a pg parse under the runner is the runner's.
    for (const node of [...stack].reverse()) {
      const hit = SUBSYSTEMS.slice(1).find(([, re]) => re.test(node.callFrame.url));
      if (hit !== undefined) {
        name = hit[0];
        break;
      }
    }
  }
  totals.set(name, (totals.get(name) ?? 0) + us);
});
process.stdout.write(`| subsystem | self ms | % |\n|---|---:|---:|\n`);
for (const [name, us] of [...totals].sort((a, b) => b[1] - a[1])) process.stdout.write(`| ${name} | ${(us / 1000).toFixed(0)} | ${((100 * us) / all).toFixed(1)} |\n`);
