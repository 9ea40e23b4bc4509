import { z } from 'zod';
import { ForwardStateSchema, type ForwardEffect, type ForwardState } from '@callfwd/domain';
import type { LoadedForwardDoc } from '@callfwd/store';

/**
 * What the worker keeps per forward (a versioned document in Redis): the machine's state and its
 * outbox, the effects stored with the state that made them and not yet known to have run. A run
 * that stops between the store and the effects leaves them there; the next run of any event of
 * this forward (or the retried job) runs them, and each is safe to run twice. The outbox is kept
 * beside the document, one entry per effect, so that clearing what ran is one cheap command.
 */
export interface ForwardDoc {
  readonly state: ForwardState;
  readonly outbox: readonly ForwardEffect[];
}

const EffectSchema = z.custom<ForwardEffect>(
  (value) => typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string',
  { message: 'an effect needs a kind' },
);

/** The document itself; `outbox` inside it is how documents were written before the outbox moved beside it. */
const ForwardDocSchema = z.object({ state: ForwardStateSchema, outbox: z.array(EffectSchema).max(256).optional() });
const OutboxSchema = z.array(EffectSchema).max(256);

/** Reads a stored document; a document this code did not write is a bug, and throws. */
export function parseForwardDoc(loaded: Pick<LoadedForwardDoc, 'doc' | 'outbox'>): ForwardDoc {
  const doc = ForwardDocSchema.parse(loaded.doc);
  const outbox = OutboxSchema.parse([...(doc.outbox ?? []), ...loaded.outbox.values()]);
  return { state: doc.state, outbox };
}
