// The keys of the live line set. They belong in keys/keyspace.ts (with the README's key table);
// kept here, like the employees', until that file takes them.
import type { LiveSetKeys } from '../live-set/create-live-set-store.js';

/** Characters that would break a hash tag or the key layout. */
const FORBIDDEN = /[{}\s]/;

/** hash `live`: line id -> Line JSON; string `version`: bumped on every change ("0" while seeding). */
export type LineKeys = LiveSetKeys;

export function lineKeys(prefix: string): LineKeys {
  if (prefix.length === 0 || FORBIDDEN.test(prefix))
    throw new RangeError(`invalid prefix for a Redis key: ${JSON.stringify(prefix)}`);
  const l = `${prefix}:{lines}`;
  return { live: `${l}:live`, version: `${l}:version` };
}
