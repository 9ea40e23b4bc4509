import type { ApiResult } from './parse-api-reply.js';

/** A task added with `sched_api`: its id, or FreeSWITCH's error. */
export type SchedApiResult =
  { readonly ok: true; readonly taskId: number } | { readonly ok: false; readonly error: string };

const ADDED = /^\+OK Added: (\d{1,10})$/;

/** `+OK Added: <task id>` (the captured 1.10.12 reply); any other text is an error carrying it. */
export function parseSchedApiReply(result: ApiResult): SchedApiResult {
  if (!result.ok) return { ok: false, error: result.error };
  const id = ADDED.exec(result.reply.trim())?.[1];
  return id === undefined
    ? { ok: false, error: `unexpected sched_api reply: ${result.reply}` }
    : { ok: true, taskId: Number(id) };
}
