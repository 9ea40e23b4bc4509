// Narrowing of Lua script replies: the shape is the script's contract, so a mismatch is a bug (thrown).

export function replyArray(reply: unknown, script: string): unknown[] {
  if (!Array.isArray(reply)) throw new Error(`unexpected reply from ${script}: ${JSON.stringify(reply)}`);
  return reply as unknown[];
}

export function replyInteger(value: unknown, script: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new Error(`unexpected integer from ${script}: ${JSON.stringify(value)}`);
  }
  return n;
}

export function replyString(value: unknown, script: string): string {
  if (typeof value !== 'string')
    throw new Error(`unexpected string from ${script}: ${JSON.stringify(value)}`);
  return value;
}

/** A flat HGETALL-style [field, value, ...] array as a record. */
export function replyHash(value: unknown, script: string): Record<string, string> {
  const flat = replyArray(value, script);
  const hash: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    hash[replyString(flat[i], script)] = replyString(flat[i + 1], script);
  }
  return hash;
}
