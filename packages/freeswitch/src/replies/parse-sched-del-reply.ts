import type { ApiResult } from './parse-api-reply.js';

/** How many tasks `sched_del` removed (0 for an unknown or already emptied group). */
export type SchedDelResult =
  { readonly ok: true; readonly deleted: number } | { readonly ok: false; readonly error: string };

const DELETED = /^\+OK Deleted: (\d{1,10})$/;

/** `+OK Deleted: <n>` (the captured 1.10.12 reply, never -ERR for a known syntax); anything else is an error. */
export function parseSchedDelReply(result: ApiResult): SchedDelResult {
  if (!result.ok) return { ok: false, error: result.error };
  const n = DELETED.exec(result.reply.trim())?.[1];
  return n === undefined
    ? { ok: false, error: `unexpected sched_del reply: ${result.reply}` }
    : { ok: true, deleted: Number(n) };
}
