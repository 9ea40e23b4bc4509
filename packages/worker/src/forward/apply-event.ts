import { forwardEffectId, forwardJobId, mattersAfterDone, newlyMootTimers, ONCE_EFFECTS, stepForward, WINDOWED_EFFECTS, withLiveSet, type Config, type Employee, type ForwardEffect, type ForwardEvent, type ForwardState, type Line } from '@callfwd/domain';
import { markerLeaseMs } from '../effects/run-effect.js';
import { timerEntry } from './timer-entry.js';
import { RetryableError } from '../errors.js';
import type { WorkerDeps } from '../worker-deps.js';
import { parseForwardDoc, type ForwardDoc } from './forward-doc.js';
import { mergeOutbox, withoutDone } from './outbox.js';

/** A forward's document lives two days after its last change: longer than any call. */
export const DOC_TTL_MS = 2 * 24 * 60 * 60 * 1000;
const CAS_ATTEMPTS = 20;
const FRESH_IDS = 8;

/** The forward as stored after a step (its version, state and whole outbox), for the job's next step. */
export interface StoredForward {
  readonly version: number;
  readonly doc: ForwardDoc;
}

export interface Applied {
  readonly state: ForwardState | null;
  /** What is stored now, when there is a document: the next step of the same job starts from it. */
  readonly stored?: StoredForward;
  /** Effects whose at-most-once markers the save took for this run, by effect id: the run's token. */
  readonly marked?: ReadonlyMap<string, string>;
  /** The effects to run now: this step's and any left pending by an earlier run. */
  readonly effects: readonly ForwardEffect[];
  readonly ignored?: string;
}

/**
 * Loads the forward, steps the machine with the event, and stores the next state with its outbox
 * by compare-and-set. A concurrent writer makes the store fail: load again and step again (the
 * machine is pure, so stepping twice is free). Nothing is run here.
 */
export async function applyEvent(
  deps: WorkerDeps,
  node: string,
  callUuid: string,
  event: ForwardEvent,
  ran: ReadonlySet<string> = new Set(),
  known?: StoredForward | null,
): Promise<Applied> {
  const overrides = await deps.forwardViaOverrides();
  const [employees, lines] = await Promise.all([
    deps.employees === undefined ? deps.config.employees : deps.employees(),
    deps.lines === undefined ? deps.config.lines : deps.lines(),
  ]);
  const config = employees === deps.config.employees && lines === deps.config.lines ? deps.config : withLive(deps.config, employees, lines);
  let start = known;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    // The version this process stored last (the job's previous step, or the forward cache), or null
    // for a park that this process has no document of: no read. A writer since makes the save a
    // conflict, and the next attempt reads.
    const fromKnown = start !== undefined;
    const current = start !== undefined ? start : await loadStored(deps, node, callUuid);
    start = undefined;
    const doc = current?.doc ?? null;
    const freshIds = Array.from({ length: FRESH_IDS }, () => deps.newUuid());
    const step = stepForward(doc?.state ?? null, event, { config, overrides, now: deps.now(), freshIds });
    const pending = withoutDone(doc?.outbox ?? [], ran);
    if (step.state === null) {
      // "No forward" taken on trust is not believed: read.
      if (fromKnown) continue;
      return { state: null, effects: [], ignored: step.ignored ?? 'no forward' };
    }
    if (step.ignored !== undefined && current !== null && step.effects.length === 0 && step.state.seen.length === current.doc.state.seen.length) {
      // Nothing to save, so no compare-and-set tells whether the state it was stepped on is still
      // current: read it first. Except an event a done forward ignores, which every version ignores.
      if (fromKnown && !(current.doc.state.phase === 'done' && !mattersAfterDone(event.kind))) continue;
      return { state: current.doc.state, stored: current, effects: pending, ignored: step.ignored };
    }
    // The step's timers are written with the state (never an effect left to run); an outbox of an
    // older worker's step may still hold some, which run as effects (runSchedule).
    const timers = step.effects.filter((effect) => effect.kind === 'schedule').map((effect) => timerEntry(node, callUuid, effect));
    const outbox = mergeOutbox(pending, step.effects.filter((effect) => effect.kind !== 'schedule'));
    const storedIds = new Set((doc?.outbox ?? []).map(forwardEffectId));
    const added = outbox.filter((effect) => !storedIds.has(forwardEffectId(effect))).map((effect) => ({ id: forwardEffectId(effect), effect }));
    const ended = step.state.phase === 'done';
    const drops = newlyMootTimers(doc?.state ?? null, step.state);
    // The new effects' markers are taken with the state that made them, for the run about to run
    // them (runEffect), so their first run has no marker round trip of its own. Only when nothing
    // older is pending: a run that must first get through (or wait for) earlier effects would hold
    // these meanwhile, and another run that reaches them first would wait for it.
    const marks = (pending.length > 0 ? [] : added).flatMap(({ id, effect }) => {
      const windowMs = ONCE_EFFECTS.has(effect.kind) ? 0 : WINDOWED_EFFECTS.get(effect.kind);
      return windowMs === undefined ? [] : [{ effectId: id, token: deps.newUuid(), windowMs, leaseMs: markerLeaseMs(deps.config) }];
    });
    const saved = await deps.docs.save(node, callUuid, current?.version ?? 0, { state: step.state }, DOC_TTL_MS, {
      ended,
      outbox: added,
      timers,
      marks,
      // Timers this step made moot (an answered leg's ring timeout, a bridged one's bridge timeout;
      // all of them once it is over) go with the state that made them so: none fires for nothing.
      ...(drops.length > 0 ? { dropTimers: drops.map((timer) => forwardJobId(node, callUuid, timer)) } : {}),
    });
    if (saved.ok) {
      const stored: StoredForward = { version: saved.version, doc: { state: step.state, outbox: [...(doc?.outbox ?? []), ...added.map((a) => a.effect)] } };
      const taken = new Set(saved.marked);
      const marked = new Map(marks.filter((m) => taken.has(m.effectId)).map((m) => [m.effectId, m.token]));
      return { state: step.state, stored, marked, effects: outbox, ...(step.ignored === undefined ? {} : { ignored: step.ignored }) };
    }
  }
  throw new RetryableError(`forward ${callUuid}: ${CAS_ATTEMPTS} concurrent writers in a row`);
}

async function loadStored(deps: WorkerDeps, node: string, callUuid: string): Promise<StoredForward | null> {
  const loaded = await deps.docs.load(node, callUuid);
  return loaded === null ? null : { version: loaded.version, doc: parseForwardDoc(loaded) };
}

const merged = new WeakMap<readonly Employee[], WeakMap<readonly Line[], Config>>();

/**
 * The config with the live employees and lines; one copy per (employees, lines) pair (the caches
 * hand the same arrays until they change), so a forward costs no copy of the config.
 */
function withLive(config: Config, employees: readonly Employee[], lines: readonly Line[]): Config {
  let byLines = merged.get(employees);
  if (byLines === undefined) {
    byLines = new WeakMap();
    merged.set(employees, byLines);
  }
  let live = byLines.get(lines);
  if (live === undefined) {
    live = withLiveSet(config, { employees, lines });
    byLines.set(lines, live);
  }
  return live;
}

/** Takes the effects that ran out of the outbox (effects added meanwhile stay). */
export async function clearOutbox(deps: WorkerDeps, node: string, callUuid: string, done: ReadonlySet<string>): Promise<void> {
  if (done.size === 0) return;
  await deps.docs.clearOutbox(node, callUuid, [...done]);
}
