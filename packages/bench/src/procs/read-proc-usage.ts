import { readFileSync } from 'node:fs';

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
