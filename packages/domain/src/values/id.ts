import { z } from 'zod';

/**
 * An id of a line, account, node, tariff, fallback or employee. Ids end up in Redis keys,
 * FreeSWITCH channel variables and BullMQ job ids, so only safe characters are allowed.
 */
export const IdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, {
  message:
    'must be an id: lower-case letters, digits, "_" and "-", starting with a letter or digit, at most 64',
});

export type Id = z.infer<typeof IdSchema>;
