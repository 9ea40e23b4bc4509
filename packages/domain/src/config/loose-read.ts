/**
 * Tolerant readers over the raw config object, so cross-checks still run (and report)
 * when parts of the config fail the schema.
 */
export interface LooseItem {
  index: number;
  item: Readonly<Record<string, unknown>>;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object elements of `raw[key]`, with their indexes; nothing when it is not an array. */
export function looseItems(raw: unknown, key: string): LooseItem[] {
  const list = isRecord(raw) ? raw[key] : undefined;
  if (!Array.isArray(list)) return [];
  const items: LooseItem[] = [];
  list.forEach((item: unknown, index) => {
    if (isRecord(item)) items.push({ index, item });
  });
  return items;
}

export function looseString(item: unknown, key: string): string | undefined {
  if (!isRecord(item)) return undefined;
  const value = item[key];
  return typeof value === 'string' ? value : undefined;
}

/** The string elements of `item[key]`, with their indexes. */
export function looseStrings(item: unknown, key: string): Array<{ index: number; value: string }> {
  const list = isRecord(item) ? item[key] : undefined;
  if (!Array.isArray(list)) return [];
  const out: Array<{ index: number; value: string }> = [];
  list.forEach((value: unknown, index) => {
    if (typeof value === 'string') out.push({ index, value });
  });
  return out;
}
