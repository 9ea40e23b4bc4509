// The keys of the live line set. They belong in keys/keyspace.ts (with the README's key table);
// kept here, like the employees', until that file takes them.

/** Characters that would break a hash tag or the key layout. */
const FORBIDDEN = /[{}\s]/;

export interface LineKeys {
  /** hash: line id -> Line JSON (the live set). */
  readonly live: string;
  /** string: a counter bumped on every change of the live set ("0" while seeding). */
  readonly version: string;
}

export function lineKeys(prefix: string): LineKeys {
  if (prefix.length === 0 || FORBIDDEN.test(prefix))
    throw new RangeError(`invalid prefix for a Redis key: ${JSON.stringify(prefix)}`);
  const l = `${prefix}:{lines}`;
  return { live: `${l}:live`, version: `${l}:version` };
}
