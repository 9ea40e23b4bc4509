import { Redis } from 'ioredis';
import type { CpuPerCall } from '../stats/cpu-per-call.js';
import { round3 } from '../stats/summarize-latency.js';

/** Jobs added in a run, per handled call, and the CPU under test per job. */
export interface JobFigures {
  readonly added: number;
  readonly perCall: number | null;
  readonly cpuMsPerJob: number | null;
}

export function jobFigures(added: number, calls: number, cpu: CpuPerCall | null): JobFigures {
  if (added === 0 || calls === 0) return { added, perCall: null, cpuMsPerJob: null };
  return { added, perCall: round3(added / calls), cpuMsPerJob: cpu === null ? null : round3((cpu.underTest * cpu.calls) / added) };
}

/** The keys BullMQ counts a queue's adds in: `<prefix>[-hop]:{q:<node>}:<queue>:id`. */
function idKeyPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^:]*:\\{q:[^}]+\\}:[^:]+:id$`);
}

/**
 * How many jobs were added to the run's queues (every queue of every node, callfwd's or the bare
 * hop's), from BullMQ's own counters: each add increments its queue's `id` key, a repeat of a job
 * id that already exists included. A run's prefix is fresh, so the count is the run's.
 */
export async function countJobAdds(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    const pattern = idKeyPattern(prefix);
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*:id`, 'COUNT', 5_000);
      cursor = next;
      keys.push(...found.filter((k) => pattern.test(k)));
    } while (cursor !== '0');
    if (keys.length === 0) return 0;
    const values = await redis.mget(...keys);
    return values.reduce((sum, v) => sum + (v === null ? 0 : Number.parseInt(v, 10) || 0), 0);
  } finally {
    await redis.quit();
  }
}
