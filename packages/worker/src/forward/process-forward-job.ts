import { forwardEffectId, forwardEventId, parseForwardJob, type ForwardEffect, type ForwardEvent, type ForwardState } from '@callfwd/domain';
import type { EffectContext } from '../effects/effect-context.js';
import { runEffect } from '../effects/run-effect.js';
import { unrecoverable } from '../errors.js';
import type { WorkerDeps } from '../worker-deps.js';
import { applyEvent, clearOutbox, type StoredForward } from './apply-event.js';
import { withoutDone } from './outbox.js';

/** Follow-up events one job may carry the forward through (credit held, then the originate...). */
const MAX_STEPS = 16;

export interface ForwardJobResult {
  readonly steps: number;
  readonly phase: ForwardState['phase'] | null;
  readonly ignored?: string;
}

/**
 * One event job: step the forward with the event, store it, run the effects; events the effects
 * report (credit held, a refused command) are stepped at once in the same job. The job never waits
 * for a phone: the answer, the bridge and the hangup arrive later as jobs of their own.
 */
export async function processForwardJob(deps: WorkerDeps, data: unknown, jobId: string): Promise<ForwardJobResult> {
  const parsed = parseForwardJob(data);
  if (!parsed.ok) throw unrecoverable(`bad forward job payload: ${parsed.error}`);
  const { node: nodeId, callUuid, event } = parsed.job;
  const node = deps.nodes.get(nodeId);
  if (node === undefined) throw unrecoverable(`forward job for node ${nodeId}, which is not in the config`);
  const log = deps.log.child({ node: nodeId, callUuid, jobId });
  const ctx: EffectContext = { deps, node, nodeId, callUuid, log };
  const events: ForwardEvent[] = [event];
  const ran = new Set<string>();
  let state: ForwardState | null = null;
  // Where this process left the forward (see ForwardCache); a park it has never seen starts a new one.
  let stored: StoredForward | null | undefined = deps.forwards?.get(nodeId, callUuid) ?? (event.kind === 'parked' && deps.forwards !== undefined ? null : undefined);
  let ignored: string | undefined;
  let steps = 0;
  let failure: Error | undefined;
  let finished = false;
  try {
    for (let next = events.shift(); next !== undefined && steps < MAX_STEPS; next = events.shift()) {
      const applied = await applyEvent(deps, nodeId, callUuid, next, ran, stored);
      stored = applied.stored;
      steps += 1;
      state = applied.state;
      if (applied.ignored === undefined) observeRinging(deps, applied.state, next);
      if (steps === 1) ignored = applied.ignored;
      if (applied.ignored !== undefined) log.debug({ event: next.kind, ignored: applied.ignored }, 'event changed nothing');
      for (const effect of applied.effects) {
        // One effect failing (its node away) does not hold back the others; it stays in the outbox.
        try {
          observe(deps, applied.state, effect);
          const run = await runEffect(ctx, effect, applied.marked?.get(forwardEffectId(effect)));
          events.push(...run.events);
          if (run.done) ran.add(forwardEffectId(effect));
        } catch (err) {
          failure ??= err instanceof Error ? err : new Error(String(err));
          log.warn({ effect: effect.kind, err: (err as Error).message }, 'effect failed: the job is retried');
        }
      }
    }
    if (failure !== undefined) throw failure;
    finished = true;
  } finally {
    const cleared = await clearOutbox(deps, nodeId, callUuid, ran).then(
      () => true,
      (err: unknown) => (log.warn({ err }, 'outbox not cleared (its effects run again, harmlessly)'), false),
    );
    remember(deps, parsed.job, cleared && finished ? stored : undefined, ran);
  }
  return { steps, phase: state?.phase ?? null, ...(ignored === undefined ? {} : { ignored }) };
}

/**
 * Keeps what this job stored for the forward's next job, its outbox less what ran and was cleared;
 * forgets it when the job failed (its retry reads), the clear failed, or the forward is over and
 * its caller gone (a done forward whose caller is still there, the usual case when its leg hung
 * up first, is kept: the caller's hangup follows within milliseconds and is decided without a read).
 */
function remember(deps: WorkerDeps, job: { node: string; callUuid: string; event: ForwardEvent }, stored: StoredForward | null | undefined, ran: ReadonlySet<string>): void {
  const cache = deps.forwards;
  if (cache === undefined) return;
  const { node, callUuid } = job;
  const callerGone = stored?.doc.state.callerGoneAt !== null || job.event.kind === 'caller_hung_up';
  const over = stored?.doc.state.phase === 'done' && callerGone;
  if (stored === null || stored === undefined || over) return cache.drop(node, callUuid);
  cache.put(node, callUuid, ran.size === 0 ? stored : { version: stored.version, doc: { state: stored.doc.state, outbox: withoutDone(stored.doc.outbox, ran) } });
}

function observe(deps: WorkerDeps, state: ForwardState | null, effect: ForwardEffect): void {
  if (effect.kind !== 'originate' || state === null) return;
  const leg = state.legs.find((l) => l.legUuid === effect.legUuid);
  if (leg?.attempt === 0) deps.metrics.parkToOriginate.observe(Math.max(0, deps.now() - state.call.parkedAt) / 1000);
}

/**
 * Post-dial delay: from the park to the first placed leg's target ringing with early media, or
 * (without early media) its answer. The simulator and FreeSWITCH send CHANNEL_PROGRESS(_MEDIA) for
 * early media only on networks that give it; a plain ring has no event of its own to time.
 */
function observeRinging(deps: WorkerDeps, state: ForwardState | null, event: ForwardEvent): void {
  if (state === null || (event.kind !== 'leg_early_media' && event.kind !== 'leg_answered')) return;
  const first = state.legs.find((l) => l.originatedAt !== null);
  if (first?.legUuid !== event.legUuid) return;
  if (event.kind === 'leg_answered' && state.seen.includes(forwardEventId({ kind: 'leg_early_media', legUuid: event.legUuid, at: event.at }))) return;
  deps.metrics.postDialDelay.observe(Math.max(0, event.at - state.call.parkedAt) / 1000);
}
