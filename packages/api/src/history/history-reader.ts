import { CHANGE_KINDS, type ChangeEntry, type ChangeHistory } from '@callfwd/store';
import { z } from 'zod';
import { ApiError } from '../errors/api-error.js';
import type { Paged } from '../records/records-reader.js';

export interface HistoryFilter {
  kind?: ChangeEntry['kind'];
  subject?: string;
}

/** Where the change history is read from (today Redis; later the system of record). */
export interface HistoryReader {
  history(filter: HistoryFilter, page: { limit: number; cursor?: string }): Promise<Paged<ChangeEntry>>;
}

export const ChangeEntrySchema = z
  .object({
    seq: z.int(),
    at: z.int(),
    kind: z.enum(CHANGE_KINDS),
    subject: z.string(),
    by: z.string(),
    old: z.unknown(),
    new: z.unknown(),
  })
  .meta({ id: 'Change' });

export const HistoryQuerySchema = z.strictObject({
  kind: z.enum(CHANGE_KINDS).optional(),
  subject: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, { message: 'must be a cursor from a previous page' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export function createRedisHistoryReader(history: ChangeHistory): HistoryReader {
  return {
    async history(filter, page) {
      const before = page.cursor === undefined ? undefined : Number(page.cursor);
      if (before !== undefined && !Number.isSafeInteger(before))
        throw new ApiError(400, 'BAD_REQUEST', 'cursor: not a cursor', 'cursor');
      const found = await history.list({
        ...filter,
        ...(before === undefined ? {} : { before }),
        limit: page.limit + 1,
      });
      const items = found.slice(0, page.limit);
      const last = items[items.length - 1];
      return { items, next: found.length > page.limit && last !== undefined ? String(last.seq) : null };
    },
  };
}
