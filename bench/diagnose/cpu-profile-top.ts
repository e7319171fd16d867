/**
 * Top-N self time of a V8 .cpuprofile (from W6_PROFILE_DIR), by function and by package:
 * `npx ts-node --transpile-only bench/diagnose/cpu-profile-top.ts file.cpuprofile [N]`.
 */
import { readFileSync } from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const [file, n = '30'] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: cpu-profile-top.ts file.cpuprofile [N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const where = (url: string): string => {
  if (url.includes('civic-ledger-bench/serve')) return 'bench';
  // The compiled service (dist/ mirrors src/): named by its source path.
  if (url.includes('/dist/') && !url.includes('node_modules')) return `src/${url.split('/dist/')[1]}`;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m !== null) return m[1] as string;
  if (url.includes('/src/')) return `src/${url.split('/src/')[1]}`;
  if (url.includes('/bench/')) return 'bench';
  return url === '' ? '(native)' : url.startsWith('node:') ? 'node' : url;
};
const add = (map: Map<string, number>, key: string, us: number): void => void map.set(key, (map.get(key) ?? 0) + us);
const fns = new Map<string, number>();
const pkgs = new Map<string, number>();
for (const [id, us] of self) {
  const node = byId.get(id);
  if (node === undefined) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  add(fns, `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`, us);
  add(pkgs, url === '' ? `(${functionName})` : where(url).split(':')[0]!.replace(/^src\/([^/]+\/[^/]+).*$/, 'src/$1'), us);
}
const print = (title: string, map: Map<string, number>): void => {
  process.stdout.write(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)\n| self ms | % | ${title.split(' ')[0]} |\n|---:|---:|---|\n`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) {
    process.stdout.write(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} | ${key} |\n`);
  }
};
print('package self time', pkgs);
print('function self time', fns);
