// The job state of one forward (an inbound call on one node), as kept in its Redis hash.

export const FORWARD_STEPS = [
  'claimed',
  'reserved',
  'originating',
  'bridged',
  'failed_over',
  'fallback',
  'done',
  'settled',
] as const;

export type ForwardStep = (typeof FORWARD_STEPS)[number];

/** Hash fields the store owns; a patch may not write them. */
export const RESERVED_FIELDS = ['step', 'owner', 'leaseUntil', 'createdAt', 'updatedAt', 'claims'] as const;

export interface ForwardState {
  node: string;
  callUuid: string;
  step: ForwardStep;
  /** The lease owner's token. */
  owner: string;
  /** When the owner's lease ends (ms since the epoch, Redis server time). */
  leaseUntil: number;
  createdAt: number;
  updatedAt: number;
  /** How many owners have claimed it (1 = never resumed). */
  claims: number;
  /**
   * Everything else the worker wrote with its patches (attempt index, legUuid, account, reserve
   * amount, recording path, JSON blobs, ...), as strings.
   */
  fields: Readonly<Record<string, string>>;
}

function isForwardStep(value: string | undefined): value is ForwardStep {
  return (FORWARD_STEPS as readonly (string | undefined)[]).includes(value);
}

function toNumber(value: string | undefined): number {
  return value === undefined ? 0 : Number(value);
}

/** Reads a forward's hash; throws on a hash the store did not write (a bug or foreign key). */
export function parseForwardState(
  node: string,
  callUuid: string,
  hash: Record<string, string>,
): ForwardState {
  const { step, owner, leaseUntil, createdAt, updatedAt, claims, ...fields } = hash;
  if (!isForwardStep(step))
    throw new Error(`forward ${node}/${callUuid} has an unknown step: ${String(step)}`);
  return {
    node,
    callUuid,
    step,
    owner: owner ?? '',
    leaseUntil: toNumber(leaseUntil),
    createdAt: toNumber(createdAt),
    updatedAt: toNumber(updatedAt),
    claims: toNumber(claims),
    fields,
  };
}

/** Flattens a patch for a script's ARGV; refuses fields the store owns (a caller's bug). */
export function flattenPatch(patch: Readonly<Record<string, string>>): string[] {
  const flat: string[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if ((RESERVED_FIELDS as readonly string[]).includes(field)) {
      throw new RangeError(`a patch may not write the store's field ${field}`);
    }
    flat.push(field, value);
  }
  return flat;
}
