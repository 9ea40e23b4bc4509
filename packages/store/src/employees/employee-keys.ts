// The keys of the live employee set and the change history. They belong in keys/keyspace.ts
// (with the README's key table); kept here until that file takes them.

/** Characters that would break a hash tag or the key layout. */
const FORBIDDEN = /[{}\s]/;

export interface EmployeeKeys {
  /** hash: employee id -> Employee JSON (the live set). */
  readonly live: string;
  /** string: a counter bumped on every change of the live set ("0" while seeding). */
  readonly version: string;
}

export interface HistoryKeys {
  /** string: the last sequence number handed out. */
  readonly seq: string;
  /** hash: sequence number -> ChangeEntry JSON. */
  readonly entries: string;
  /** zset: sequence numbers, scored by themselves (paging newest first). */
  readonly bySeq: string;
}

function checkPrefix(prefix: string): string {
  if (prefix.length === 0 || FORBIDDEN.test(prefix))
    throw new RangeError(`invalid prefix for a Redis key: ${JSON.stringify(prefix)}`);
  return prefix;
}

export function employeeKeys(prefix: string): EmployeeKeys {
  const e = `${checkPrefix(prefix)}:{employees}`;
  return { live: `${e}:live`, version: `${e}:version` };
}

export function historyKeys(prefix: string): HistoryKeys {
  const h = `${checkPrefix(prefix)}:{history}`;
  return { seq: `${h}:seq`, entries: `${h}:entries`, bySeq: `${h}:by-seq` };
}
