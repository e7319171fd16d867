/**
 * The longest stretches of a V8 .cpuprofile that one part of the service held the thread without
 * a break (consecutive samples whose stack holds that part's frames): what stalls the event loop
 * under load. Parts: the read models (dist/projections), the transparency log (dist/transparency,
 * dist/infrastructure/transparency), the garbage collector, everything else ("request path").
 * `npx ts-node --transpile-only bench/diagnose/cpu-profile-stretches.ts file.cpuprofile [top]`.
 */
import { readFileSync } from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const p = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Profile;
const top = Number(process.argv[3] ?? 8);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const IDLE = new Set(['(idle)', '(program)']);
const partOf = new Map<number, string>();
const part = (id: number): string => {
  const known = partOf.get(id);
  if (known !== undefined) return known;
  const leaf = (byId.get(id) as Node).callFrame;
  let found = IDLE.has(leaf.functionName) && leaf.url === '' ? 'idle' : leaf.functionName === '(garbage collector)' ? 'gc' : 'request path';
  for (let at: number | undefined = id; at !== undefined && found === 'request path'; at = parent.get(at)) {
    const url = (byId.get(at) as Node).callFrame.url;
    if (/\/dist\/projections\//.test(url)) found = 'read models';
    else if (/\/dist\/(infrastructure\/)?transparency\//.test(url)) found = 'transparency log';
    else if (/civic-ledger-bench/.test(url)) found = 'bench poller';
  }
  partOf.set(id, found);
  return found;
};
type Stretch = { part: string; us: number; self: Map<string, number> };
const stretches: Stretch[] = [];
let current: Stretch | undefined;
const totals = new Map<string, number>();
p.samples.forEach((id, i) => {
  const us = p.timeDeltas[i + 1] ?? 0;
  const which = part(id);
  totals.set(which, (totals.get(which) ?? 0) + us);
  if (current === undefined || current.part !== which) {
    current = { part: which, us: 0, self: new Map() };
    stretches.push(current);
  }
  current.us += us;
  const c = (byId.get(id) as Node).callFrame;
  const name = `${c.functionName || '(anonymous)'} ${c.url.replace(/.*\/(node_modules|dist)\//, '')}:${c.lineNumber}`;
  current.self.set(name, (current.self.get(name) ?? 0) + us);
});
const all = [...totals.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`total ${(all / 1000).toFixed(0)} ms: ${[...totals].map(([k, v]) => `${k} ${(v / 1000).toFixed(0)} ms`).join(', ')}\n`);
for (const name of ['read models', 'transparency log', 'gc', 'request path', 'bench poller']) {
  const mine = stretches.filter((s) => s.part === name).sort((a, b) => b.us - a.us);
  if (mine.length === 0) continue;
  const sizes = mine.map((s) => s.us / 1000);
  process.stdout.write(`\n${name}: ${mine.length} stretches, longest ${sizes.slice(0, top).map((s) => s.toFixed(1)).join(' ')} ms; over 5 ms: ${sizes.filter((s) => s > 5).length}\n`);
  for (const s of mine.slice(0, 3)) {
    const fns = [...s.self].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([f, us]) => `${f} ${(us / 1000).toFixed(1)}`);
    process.stdout.write(`  ${(s.us / 1000).toFixed(1)} ms: ${fns.join(' | ')}\n`);
  }
}
