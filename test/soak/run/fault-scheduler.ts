// Seeded random faults at random times while the load runs; each logged with its start and end so
// a failing seed can be replayed and latencies split into during and outside faults.
import { createSeededRandom, type Random } from '@callfwd/fs-sim';
import type { RedisServer } from '../../faults/support/redis-servers.js';
import type { PostgresServer } from './postgres-server.js';
import type { FaultKind } from './soak-args.js';
import type { SimProcess } from './sim-process.js';
import type { SoakProcesses } from './soak-processes.js';

export interface FaultEntry {
  readonly kind: FaultKind;
  readonly target: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly note: string;
}

export interface FaultDeps {
  readonly procs: SoakProcesses;
  readonly redis: RedisServer;
  readonly pg: PostgresServer;
  readonly sim: SimProcess;
  /** The workers' job lock: a pause is longer than this. */
  readonly lockDurationMs: number;
  readonly log: (entry: FaultEntry) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Runs one fault to its end (the victim back); returns what it did. */
async function runFault(kind: FaultKind, random: Random, deps: FaultDeps): Promise<Omit<FaultEntry, 'startedAt' | 'endedAt'>> {
  const slot = Math.floor(random() * 2);
  const node = pick(random, ['fs1', 'fs2']);
  switch (kind) {
    case 'kill-worker':
    case 'kill-listener': {
      const role = kind === 'kill-worker' ? 'worker' : 'listener';
      const victim = deps.procs.get(role, slot);
      await victim.kill('SIGKILL');
      await deps.procs.restart(role, slot);
      return { kind, target: `${role}${slot} pid ${victim.pid}`, note: 'SIGKILL, then a fresh process' };
    }
    case 'pause-worker': {
      const victim = deps.procs.get('worker', slot);
      const ms = deps.lockDurationMs + 2_000 + Math.floor(random() * 4_000);
      process.kill(victim.pid, 'SIGSTOP');
      await sleep(ms);
      process.kill(victim.pid, 'SIGCONT');
      return { kind, target: `worker${slot} pid ${victim.pid}`, note: `SIGSTOP for ${ms} ms (lock ${deps.lockDurationMs} ms)` };
    }
    case 'redis-restart': {
      const downMs = 1_000 + Math.floor(random() * 3_000);
      await deps.redis.stop();
      await sleep(downMs);
      await deps.redis.start();
      return { kind, target: `redis :${deps.redis.port}`, note: `SIGTERM, down ${downMs} ms, restarted on its AOF` };
    }
    case 'pg-restart': {
      // Forwards go on meanwhile (records and charges wait in the Redis outbox); the drain catches up.
      const downMs = 2_000 + Math.floor(random() * 6_000);
      const pid = deps.pg.pid();
      await deps.pg.stop();
      await sleep(downMs);
      await deps.pg.start();
      return { kind, target: `postgres :${deps.pg.port} pid ${pid ?? '?'}`, note: `SIGINT (fast shutdown), down ${downMs} ms, restarted on its data dir` };
    }
    case 'drop-node':
      await deps.sim.ask({ type: 'drop', node }, 'ok', 10_000);
      return { kind, target: node, note: 'every event-socket connection dropped' };
    case 'slow-node': {
      const delayMs = 500 + Math.floor(random() * 3_500);
      const forMs = 5_000 + Math.floor(random() * 15_000);
      await deps.sim.ask({ type: 'slow', node, delayMs }, 'ok', 10_000);
      await sleep(forMs);
      await deps.sim.ask({ type: 'slow', node, delayMs: 0 }, 'ok', 10_000);
      return { kind, target: node, note: `${delayMs} ms per command for ${forMs} ms` };
    }
  }
}

/** The kinds in a seeded random order: each kind once before any comes again. */
function shuffled(random: Random, kinds: readonly FaultKind[]): FaultKind[] {
  const deck = [...kinds];
  for (let i = deck.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [deck[i], deck[j]] = [deck[j]!, deck[i]!];
  }
  return deck;
}

/**
 * Faults one after another, a random 5-12 s apart, until `until` (ms since the epoch). Kinds are
 * dealt from a shuffled deck, so a short run with any seed gets every kind before a repeat.
 */
export async function runFaultSchedule(kinds: readonly FaultKind[], seed: number, until: number, deps: FaultDeps): Promise<FaultEntry[]> {
  const random = createSeededRandom(seed ^ 0x5eed);
  const done: FaultEntry[] = [];
  if (kinds.length === 0) return done;
  let deck: FaultKind[] = [];
  for (;;) {
    const gap = 5_000 + Math.floor(random() * 7_000);
    if (Date.now() + gap >= until) break;
    await sleep(gap);
    if (deck.length === 0) deck = shuffled(random, kinds);
    const kind = deck.pop()!;
    const startedAt = Date.now();
    const entry = { ...(await runFault(kind, random, deps)), startedAt, endedAt: Date.now() };
    deps.log(entry);
    done.push(entry);
  }
  return done;
}
