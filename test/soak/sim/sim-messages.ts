// The soak's driver <-> simulator process messages (IPC), checked with zod on arrival.
import { z } from 'zod';
import { SimCallSchema, SimLegSchema } from '../history/history.js';

const RangeSchema = z.tuple([z.number().min(0), z.number().min(0)]);

export const LoadRequestSchema = z.object({
  type: z.literal('load'),
  cps: z.number().positive(),
  seconds: z.number().positive(),
  seed: z.int(),
  /** Seconds an answering target rings, and talks, drawn uniformly from [min, max]. */
  ringSeconds: RangeSchema,
  talkSeconds: RangeSchema,
});
export type LoadRequest = z.infer<typeof LoadRequestSchema>;

export const SimRequestSchema = z.discriminatedUnion('type', [
  LoadRequestSchema,
  z.object({ type: z.literal('drop'), node: z.string() }),
  z.object({ type: z.literal('slow'), node: z.string(), delayMs: z.int().min(0) }),
  z.object({ type: z.literal('status') }),
  z.object({ type: z.literal('collect') }),
  z.object({ type: z.literal('stop') }),
]);
export type SimRequest = z.infer<typeof SimRequestSchema>;

export const SimReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('loaded'), placed: z.int(), perScenario: z.record(z.string(), z.int()) }),
  z.object({ type: z.literal('status'), parked: z.int(), channels: z.int() }),
  z.object({ type: z.literal('collected'), calls: z.array(SimCallSchema), legs: z.array(SimLegSchema), scenarios: z.record(z.string(), z.string()) }),
  z.object({ type: z.literal('ok') }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type SimReply = z.infer<typeof SimReplySchema>;
