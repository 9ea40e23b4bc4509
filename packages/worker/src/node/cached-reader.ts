/**
 * Reads through a short cache: at most one read in flight, its result reused for `ttlMs`.
 * A failed read is not cached.
 */
export function createCachedReader<T>(read: () => Promise<T>, ttlMs: number, now: () => number = Date.now): () => Promise<T> {
  let value: Promise<T> | undefined;
  let readAt = 0;
  return () => {
    if (value === undefined || now() - readAt >= ttlMs) {
      readAt = now();
      const current = read();
      value = current;
      current.catch(() => {
        if (value === current) value = undefined;
      });
    }
    return value;
  };
}
