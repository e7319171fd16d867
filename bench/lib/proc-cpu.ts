import { readdirSync, readFileSync } from 'node:fs';

/** /proc/<pid>/stat counts in clock ticks; USER_HZ is 100 on Linux. */
const TICK_MS = 10;

/** The name and the fields after it of /proc/<pid>/stat (the name may hold spaces and parentheses). */
const stat = (pid: number | string): { name: string; fields: string[] } => {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const close = text.lastIndexOf(')');
  return { name: text.slice(text.indexOf('(') + 1, close), fields: text.slice(close + 2).split(' ') };
};
const cpuOf = (fields: readonly string[]): number => (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime: fields 14 and 15

/** CPU (user + system, ms) a process has used so far, from /proc (Linux, local processes); undefined once it is gone. */
export const processCpuMs = (pid: number): number | undefined => {
  try {
    return cpuOf(stat(pid).fields);
  } catch {
    return undefined;
  }
};

/** CPU (ms) used so far by every process of this machine named `name` (e.g. every PostgreSQL server process), by pid; empty off Linux. */
export const cpuMsByName = (name: string): Map<string, number> => {
  const out = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const s = stat(pid);
      if (s.name === name) out.set(pid, cpuOf(s.fields));
    } catch {
      // gone meanwhile
    }
  }
  return out;
};

/** CPU (ms) the processes named `name` used since `before` (cpuMsByName); what a process that ended meanwhile used in between is not counted. */
export const cpuMsByNameSince = (name: string, before: ReadonlyMap<string, number>): number => {
  let ms = 0;
  for (const [pid, now] of cpuMsByName(name)) ms += now - (before.get(pid) ?? 0);
  return ms;
};
