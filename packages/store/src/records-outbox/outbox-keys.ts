// The records outbox's streams, one per hash-tag slot the worker writes in, so each append can sit
// in the same Lua script or MULTI as the write it records (one slot per script on Redis Cluster).
// The same layout as keys/keyspace.ts (move these there when it next changes).

const FORBIDDEN = /[{}\s]/;

function part(kind: string, value: string): string {
  if (value.length === 0 || FORBIDDEN.test(value)) {
    throw new RangeError(`invalid ${kind} for a Redis key: ${JSON.stringify(value)}`);
  }
  return value;
}

export interface OutboxKeys {
  /** stream in the {records} slot: call records and recordings (next to `<p>:{records}:rec:*`). */
  readonly records: string;
  /** stream in the {settings} slot: settings changes (next to `<p>:{settings}:forward-via`). */
  readonly settings: string;
  /** stream in one account's slot: its charges, top-ups and adjustments (next to its balance). */
  account(accountId: string): string;
  /** Where entries that do not parse are moved, per stream (same slot). */
  dead(stream: string): string;
}

export function outboxKeys(prefix: string): OutboxKeys {
  const p = part('prefix', prefix);
  return {
    records: `${p}:{records}:outbox`,
    settings: `${p}:{settings}:outbox`,
    account: (accountId) => `${p}:{acct:${part('account id', accountId)}}:outbox`,
    dead: (stream) => `${stream}-dead`,
  };
}
