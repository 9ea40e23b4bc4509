import { readdirSync, readFileSync } from 'node:fs';

/** What the kernel says a process used: CPU seconds (user + system) and peak resident memory. */
export interface ProcUsage {
  readonly cpuSeconds: number;
  /** VmHWM: the peak resident set size, MiB. */
  readonly peakRssMiB: number;
  /** VmRSS now, MiB. */
  readonly rssMiB: number;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on every Linux we run on). */
const CLOCK_TICKS = 100;

/** Reads /proc/<pid>/stat and /proc/<pid>/status; undefined when the process is gone or not on Linux. */
export function readProcUsage(pid: number): ProcUsage | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return parseProcUsage(stat, status);
  } catch {
    return undefined;
  }
}

/** utime and stime are fields 14 and 15 of /proc/<pid>/stat, counted after the ")" that closes the command name. */
export function parseProcUsage(stat: string, status: string): ProcUsage {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const kib = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return {
    cpuSeconds: Math.round((ticks / CLOCK_TICKS) * 100) / 100,
    peakRssMiB: Math.round((kib('VmHWM') / 1024) * 10) / 10,
    rssMiB: Math.round((kib('VmRSS') / 1024) * 10) / 10,
  };
}

/**
 * A server that forks a process per connection (PostgreSQL's postmaster and its backends): CPU of
 * the root, of its live children, and of the children already reaped (cutime + cstime, fields 16
 * and 17). RSS is the root's alone: the children's resident sets share the same buffers, so their
 * sum would count those once per backend. Undefined when the root is gone.
 */
export function readProcTreeUsage(rootPid: number): ProcUsage | undefined {
  const root = readStat(rootPid);
  const own = readProcUsage(rootPid);
  if (root === undefined || own === undefined) return undefined;
  let ticks = root.ticks + root.childTicks;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = readStat(Number(entry));
    if (child !== undefined && child.ppid === rootPid) ticks += child.ticks + child.childTicks;
  }
  return { ...own, cpuSeconds: Math.round((ticks / CLOCK_TICKS) * 100) / 100 };
}

/** ppid, own ticks (utime + stime) and reaped children's ticks (cutime + cstime) of /proc/<pid>/stat. */
export function parseStatTicks(stat: string): { readonly ppid: number; readonly ticks: number; readonly childTicks: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), childTicks: Number(fields[13]) + Number(fields[14]) };
}

function readStat(pid: number): ReturnType<typeof parseStatTicks> | undefined {
  try {
    return parseStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}
