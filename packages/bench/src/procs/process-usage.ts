import { Redis } from 'ioredis';
import { readProcTreeUsage, readProcUsage, type ProcUsage } from './read-proc-usage.js';

/** CPU and memory of each named process now; `postgres` is a postmaster, read with its backends. */
export function usageOf(pids: Record<string, number>): Record<string, ProcUsage | undefined> {
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, name === 'postgres' ? readProcTreeUsage(pid) : readProcUsage(pid)]));
}

/** The pid of the Redis server behind `url` (INFO server), to read its usage; undefined when it does not say. */
export async function redisProcessId(url: string): Promise<number | undefined> {
  const redis = new Redis(url);
  try {
    const info = await redis.info('server');
    const pid = /^process_id:(\d+)/m.exec(info)?.[1];
    return pid === undefined ? undefined : Number(pid);
  } finally {
    await redis.quit();
  }
}
