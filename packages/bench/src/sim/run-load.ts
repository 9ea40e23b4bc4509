import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { SimCluster } from '@callfwd/fs-sim';
import type { MixEntry } from './mix-plan.js';
import { observeNode } from './observe-node.js';
import { paceCalls } from './pace-calls.js';
import type { SimRunReport, SimRunRequest } from './sim-messages.js';

const POLL_MS = 50;

/** Places calls at the requested rate, waits for them to be forwarded and settled, and reports what the nodes saw. */
export async function runLoad(sim: SimCluster, mix: readonly MixEntry[], request: SimRunRequest): Promise<SimRunReport> {
  const observers = sim.nodes.map((node) => observeNode(node));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const poller = setInterval(() => observers.forEach((o) => o.poll()), POLL_MS);
  try {
    const started = performance.now();
    const windowStart = started + request.warmupSeconds * 1000;
    const calls = await paceCalls({
      nodes: sim.nodes,
      cps: request.cps,
      durationMs: (request.warmupSeconds + request.seconds) * 1000,
      mix,
      seed: request.seed,
    });
    const limit = Math.floor(request.cps * (request.warmupSeconds + request.seconds));
    const generatedSeconds = (performance.now() - started) / 1000;
    const placed = calls.map((c) => c.uuid);
    // Drain: every placed call forwarded or given its fallback, or the deadline.
    const drainDeadline = performance.now() + request.drainMs;
    let pending = placed;
    while (performance.now() < drainDeadline) {
      observers.forEach((o) => o.poll());
      const originated = new Set(observers.flatMap((o) => o.seen.originates.map((x) => x.parent)));
      pending = pending.filter((uuid) => !originated.has(uuid) && !observers.some((o) => o.seen.fallbacks.has(uuid)));
      if (pending.length === 0) break;
      await sleep(POLL_MS * 2);
    }
    // Settle: every channel hung up (answered forwards ring and talk), or the deadline; then the records.
    const settleDeadline = performance.now() + request.settleMs;
    while (performance.now() < settleDeadline && sim.nodes.some((node) => node.channels().length > 0)) await sleep(1_000);
    await sleep(Math.min(2_000, request.settleMs));
    observers.forEach((o) => o.poll());
    const perMix = Object.fromEntries(mix.map((entry, i) => [entry.name, calls.filter((c) => c.mixIndex === i).length]));
    return {
      type: 'report',
      observations: {
        parks: observers.flatMap((o) => [...o.seen.parks].map(([uuid, at]) => ({ uuid, at }))),
        originates: observers.flatMap((o) => o.seen.originates),
        fallbacks: observers.flatMap((o) => [...o.seen.fallbacks].map(([uuid, at]) => ({ uuid, at }))),
        windowStart,
      },
      placed: calls.length,
      perMix,
      generatedSeconds,
      stoppedEarly: calls.length < limit,
      simLoopDelayP99Ms: Math.round(delay.percentile(99) / 1e4) / 100,
      liveChannelsAtEnd: sim.nodes.reduce((n, node) => n + node.channels().length, 0),
    };
  } finally {
    clearInterval(poller);
    delay.disable();
    observers.forEach((o) => o.stop());
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
