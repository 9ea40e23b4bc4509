/** The command's exit codes: 0 done, 1 failure (Redis down, ...), 2 bad input (arguments, config). */
export const EXIT = Object.freeze({ ok: 0, failure: 1, badInput: 2 } as const);

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
