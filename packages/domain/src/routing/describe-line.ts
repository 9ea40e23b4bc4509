import type { Line, LineKind } from '../config/line-schema.js';

const KIND_NAMES: Readonly<Record<LineKind, string>> = Object.freeze({
  main: 'the main outbound number',
  connected: 'a connected number',
  rented: 'a rented number',
  pbx: 'a PBX connection',
});

/** How people name a kind of line: "a rented number". */
export function describeLineKind(kind: LineKind): string {
  return KIND_NAMES[kind];
}

/** A line as one phrase for explanations: `pbx-b (+48221120000)`. */
export function describeLine(line: Line): string {
  return `${line.id} (${line.number})`;
}
