// One outbox entry: a kind and its JSON data, as two stream fields (`k`, `d`), so a Lua script can
// append one with `redis.call('XADD', key, '*', 'k', kind, 'd', json)`. The data is validated by its
// consumer (@callfwd/records) against the schema of its kind; here only the envelope is checked.
import { z } from 'zod';

export const OUTBOX_KINDS = ['record', 'journal', 'recording', 'history'] as const;
export const OutboxKindSchema = z.enum(OUTBOX_KINDS);
export type OutboxKind = z.infer<typeof OutboxKindSchema>;

export interface OutboxEntry {
  kind: OutboxKind;
  /** Plain JSON: a CallRecord, a journal entry, a recording, a settings change. */
  data: unknown;
}

/** An entry read back: where it is, so it can be acked. */
export interface OutboxItem extends OutboxEntry {
  stream: string;
  id: string;
}

/** A stream entry that does not parse: still acked (moved to the dead stream), with the reason. */
export interface OutboxReadProblem {
  stream: string;
  id: string;
  error: string;
}

/** The XADD arguments after the key: `'*', 'k', kind, 'd', json`. */
export function outboxFields(entry: OutboxEntry): [string, string, string, string, string] {
  const kind = OutboxKindSchema.parse(entry.kind);
  const json = JSON.stringify(entry.data);
  if (json === undefined) throw new RangeError('an outbox entry needs JSON data');
  return ['*', 'k', kind, 'd', json];
}

/** Reads one XRANGE entry's fields back into an entry (or the reason it is not one). */
export function decodeOutboxFields(
  fields: readonly string[],
): { ok: true; entry: OutboxEntry } | { ok: false; error: string } {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i] as string, fields[i + 1] as string);
  const kind = OutboxKindSchema.safeParse(map.get('k'));
  if (!kind.success) return { ok: false, error: `unknown outbox kind ${JSON.stringify(map.get('k'))}` };
  const json = map.get('d');
  if (json === undefined) return { ok: false, error: 'outbox entry without data' };
  try {
    return { ok: true, entry: { kind: kind.data, data: JSON.parse(json) as unknown } };
  } catch {
    return { ok: false, error: 'outbox entry data is not JSON' };
  }
}
