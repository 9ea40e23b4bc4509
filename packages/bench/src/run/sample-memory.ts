import { Redis } from 'ioredis';
import { readProcUsage } from '../procs/read-proc-usage.js';
import { memorySlopeKbPer1000, type MemorySample } from '../stats/memory-slope.js';

export interface MemorySlopes {
  /** From the end of the warm-up to the end of the load. */
  readonly whole: Record<string, number | null>;
  /** From `steadyFromMs` (the warm-up's end plus the mix's longest call: as many calls end as start) to the end of the load; empty without a steady window. */
  readonly steady: Record<string, number | null>;
}

export interface MemorySampler {
  /** Stops sampling; the slope of each process in KB per 1,000 calls (null: too few samples). */
  stop(): Promise<MemorySlopes>;
}

const EVERY_MS = 1_000;

/**
 * Samples every process's RSS (and Redis's INFO used_memory, not its RSS: the allocator keeps
 * freed pages) once a second from `fromMs` (the end of the warm-up) to `untilMs` (the end of the
 * load), against the calls placed by then (`cps` x seconds since `loadStartMs`: the pacer holds the rate).
 */
export function sampleMemory(pids: Readonly<Record<string, number>>, redisUrl: string, timing: { loadStartMs: number; fromMs: number; untilMs: number; cps: number; steadyFromMs: number | null }): MemorySampler {
  const samples = new Map<string, MemorySample[]>();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const push = (name: string, sample: MemorySample) => samples.set(name, [...(samples.get(name) ?? []), sample]);
  const tick = async () => {
    const now = Date.now();
    if (now < timing.fromMs || now > timing.untilMs) return;
    const calls = (timing.cps * (now - timing.loadStartMs)) / 1000;
    for (const [name, pid] of Object.entries(pids)) {
      if (name === 'redis') continue;
      const usage = readProcUsage(pid);
      if (usage !== undefined) push(name, { calls, kb: usage.rssMiB * 1024 });
    }
    const info = await redis.info('memory').catch(() => '');
    const used = /^used_memory:(\d+)/m.exec(info)?.[1];
    if (used !== undefined) push('redis', { calls, kb: Number(used) / 1024 });
  };
  const timer = setInterval(() => void tick(), EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await redis.quit().catch(() => undefined);
      const names = [...new Set([...Object.keys(pids), 'redis'])];
      const slopes = (keep: (s: MemorySample) => boolean) =>
        Object.fromEntries(names.map((name) => [name, memorySlopeKbPer1000((samples.get(name) ?? []).filter(keep))]));
      const steadyFrom = timing.steadyFromMs;
      const steadyCalls = steadyFrom === null ? null : (timing.cps * (steadyFrom - timing.loadStartMs)) / 1000;
      return { whole: slopes(() => true), steady: steadyCalls === null ? {} : slopes((x) => x.calls >= steadyCalls) };
    },
  };
}
