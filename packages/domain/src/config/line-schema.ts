import { z } from 'zod';
import { E164Schema } from '../values/e164.js';
import { IdSchema } from '../values/id.js';

export const LINE_KINDS = ['main', 'connected', 'rented', 'pbx'] as const;

/** main: the platform's main outbound number; connected/rented: platform numbers; pbx: a connected SIP PBX. */
export const LineKindSchema = z.enum(LINE_KINDS);

export type LineKind = z.infer<typeof LineKindSchema>;

/** The placeholder a dial template must contain; it becomes the target's digits. */
export const NUMBER_PLACEHOLDER = '{number}';

/** A FreeSWITCH dial string with `{number}`, e.g. `sofia/gateway/pbx-a/{number}`. */
export const DialTemplateSchema = z
  .string()
  .max(256, { message: 'must be at most 256 characters' })
  .regex(/^[A-Za-z0-9_./@:{}+-]+$/, { message: 'may only contain letters, digits and _./@:{}+-' })
  .refine((template) => template.includes(NUMBER_PLACEHOLDER), { message: 'must contain {number}' })
  .refine((template) => !/[{}]/.test(template.split(NUMBER_PLACEHOLDER).join('')), {
    message: 'may contain no placeholder but {number}',
  });

/** A line a forwarded call can leave through. `forwardVia` is for kind `pbx` only. */
export const LineSchema = z.strictObject({
  id: IdSchema,
  kind: LineKindSchema,
  name: z.string().min(1).max(200).optional(),
  number: E164Schema,
  dial: DialTemplateSchema,
  account: IdSchema,
  diversion: z.boolean().default(false),
  forwardVia: IdSchema.optional(),
  failover: z.array(IdSchema).default([]),
  /**
   * What the caller hears while the target's network sends early media (a carrier's ringback or
   * announcement) before the answer: `ringback` keeps the caller on ringback and bridges at the
   * answer; `pass` bridges at once so the caller hears it. Billing, cap and recording start at
   * the answer either way.
   */
  earlyMedia: z.enum(['ringback', 'pass']).default('ringback'),
});

export type Line = z.infer<typeof LineSchema>;
