// Simulated time: `rate` sim seconds pass per real second. Every timer is tracked so
// `stop()` leaves no handle behind.
import { performance } from 'node:perf_hooks';

export interface SimClock {
  readonly rate: number;
  /** Sim wall clock in microseconds since the Unix epoch. */
  nowMicros(): number;
  /** Runs `fn` after `simMs` of sim time; returns a cancel function. */
  after(simMs: number, fn: () => void): () => void;
  sleep(simMs: number): Promise<void>;
  /** Real milliseconds for a sim duration. */
  toRealMs(simMs: number): number;
  stop(): void;
}

export function createSimClock(rate = 1): SimClock {
  if (!(rate > 0)) throw new RangeError(`clockRate must be > 0, got ${rate}`);
  const startReal = performance.now();
  const startMicros = Date.now() * 1000;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const after = (simMs: number, fn: () => void): (() => void) => {
    if (stopped) return () => undefined;
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, Math.max(0, simMs / rate));
    timers.add(timer);
    return () => {
      clearTimeout(timer);
      timers.delete(timer);
    };
  };
  return {
    rate,
    nowMicros: () => Math.floor(startMicros + (performance.now() - startReal) * 1000 * rate),
    after,
    sleep: (simMs) => new Promise((resolve) => after(simMs, resolve)),
    toRealMs: (simMs) => simMs / rate,
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
