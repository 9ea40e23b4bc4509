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
  const nowMicros = (): number => Math.floor(startMicros + (performance.now() - startReal) * 1000 * rate);
  const after = (simMs: number, fn: () => void): (() => void) => {
    if (stopped) return () => undefined;
    const due = nowMicros() + Math.max(0, simMs) * 1000;
    let timer: NodeJS.Timeout | undefined;
    const arm = (realMs: number): void => {
      if (stopped) return;
      const current = setTimeout(() => {
        timers.delete(current);
        // Node can fire a timer up to a millisecond early, which is a lot of sim time at a high
        // rate: wait for the rest, so a 2 s ring never answers after 1.9 s.
        const left = due - nowMicros();
        if (left > 0) arm(left / 1000 / rate);
        else fn();
      }, Math.max(0, realMs));
      timer = current;
      timers.add(current);
    };
    arm(simMs / rate);
    return () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timers.delete(timer);
    };
  };
  return {
    rate,
    nowMicros,
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
