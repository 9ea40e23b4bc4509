/** mulberry32: a small seeded PRNG, so every fuzz run feeds the same bytes. Returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Dice {
  readonly random: () => number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(length: number): Buffer;
  /** Printable ASCII without '\n'. */
  text(length: number): string;
}

export function createDice(seed: number): Dice {
  const random = seededRandom(seed);
  const int = (max: number) => Math.floor(random() * max);
  return {
    random,
    int,
    pick: <T>(items: readonly T[]) => items[int(items.length)] as T,
    bytes(length) {
      const out = Buffer.allocUnsafe(length);
      for (let i = 0; i < length; i++) out[i] = int(256);
      return out;
    },
    text(length) {
      let s = '';
      for (let i = 0; i < length; i++) s += String.fromCharCode(32 + int(95));
      return s;
    },
  };
}
