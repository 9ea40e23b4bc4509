// An append-only log that keeps at least its last `limit` entries without an O(n) shift per
// entry: it grows to twice the limit, then drops the oldest half at once. `items()` is the live
// array (oldest first), not a copy, so tailing it costs nothing; limit 0 keeps nothing.
export interface BoundedLog<T> {
  push(item: T): void;
  items(): readonly T[];
}

export function createBoundedLog<T>(limit: number): BoundedLog<T> {
  const items: T[] = [];
  return {
    push(item) {
      if (limit <= 0) return;
      items.push(item);
      if (items.length >= limit * 2) items.splice(0, items.length - limit);
    },
    items: () => items,
  };
}
