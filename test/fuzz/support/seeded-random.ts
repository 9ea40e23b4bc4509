import { createSeededRandom } from '@callfwd/fs-sim';

export interface Dice {
  readonly random: () => number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(length: number): Buffer;
  /** Printable ASCII without '\n'. */
  text(length: number): string;
}

export function createDice(seed: number): Dice {
  const random = createSeededRandom(seed); // every fuzz run feeds the same bytes
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
