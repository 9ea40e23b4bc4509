// Schemas for argument values shared by several commands. Each message says what is expected.
import { IdSchema } from '@callfwd/domain';
import { z } from 'zod';

/** A required id argument (ACCOUNT, CONNECTION, LINE). */
export const IdArg = z.string({ error: 'is required' }).pipe(IdSchema);

/** `--config FILE`: a path, default `$CALLFWD_CONFIG` or /etc/callfwd/callfwd.yaml. */
export const ConfigPathArg = z.string().min(1, { message: 'must be a file path' }).max(4096).optional();

/** A whole number given as text, within bounds. */
export function wholeNumberArg(min: number, max: number) {
  return z
    .string({ error: 'is required' })
    .regex(/^\d{1,15}$/, { message: `must be a whole number from ${min} to ${max}` })
    .transform((text) => Number.parseInt(text, 10))
    .pipe(
      z
        .number()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );
}

/** An ISO 8601 time (`2025-11-25T10:00:00Z`, or a date) as ms since the epoch. */
export const IsoTimeArg = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, {
    message: 'must be an ISO 8601 time such as 2025-11-25T10:00:00Z',
  })
  .transform((text, ctx) => {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid time' });
      return z.NEVER;
    }
    return ms;
  });

/** The common options of commands that read the config. */
export const CONFIG_OPTIONS = {
  config: { type: 'string' },
  'insecure-dev': { type: 'boolean' },
} as const;

export const configArgs = {
  config: ConfigPathArg,
  'insecure-dev': z.boolean().optional(),
};
