import { forwardEffectId, type ForwardEffect } from '@callfwd/domain';

/** The outbox after a step: what was pending, and the step's new effects, each effect once (by id). */
export function mergeOutbox(pending: readonly ForwardEffect[], fresh: readonly ForwardEffect[]): ForwardEffect[] {
  const seen = new Set<string>();
  const merged: ForwardEffect[] = [];
  for (const effect of [...pending, ...fresh]) {
    const id = forwardEffectId(effect);
    if (seen.has(id)) continue;
    seen.add(id);
    merged.push(effect);
  }
  return merged;
}

/** The outbox without the effects that ran. */
export function withoutDone(outbox: readonly ForwardEffect[], done: ReadonlySet<string>): ForwardEffect[] {
  return outbox.filter((effect) => !done.has(forwardEffectId(effect)));
}
