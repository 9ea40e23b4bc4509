import { IdSchema, OutcomeSchema } from '@callfwd/domain';
import { z } from 'zod';

/** The statement's filters; bounds are on startedAt, ms since the epoch, `from` inclusive, `to` exclusive. */
export const StatementFilterSchema = z.object({
  from: z.int().min(0).optional(),
  to: z.int().min(0).optional(),
  account: IdSchema.optional(),
  outcome: OutcomeSchema.optional(),
  connection: IdSchema.optional(),
  employee: IdSchema.optional(),
});

export type StatementFilter = z.infer<typeof StatementFilterSchema>;

export const MAX_PAGE = 1000;

export const PageSchema = z.object({
  limit: z.int().min(1).max(MAX_PAGE).default(100),
  /** opaque: the `next` of the previous page */
  cursor: z.string().max(512).nullable().optional(),
});

export type PageInput = z.input<typeof PageSchema>;

export interface Page<T> {
  rows: T[];
  /** pass as `cursor` for the next (older) page; null when this was the last */
  next: string | null;
}
