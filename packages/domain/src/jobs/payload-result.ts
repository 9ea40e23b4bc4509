/** The result of checking a job payload: the job, or a readable `path: message` error. */
export type PayloadResult<T> = { ok: true; job: T } | { ok: false; error: string };
