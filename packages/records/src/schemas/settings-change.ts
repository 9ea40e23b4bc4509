import { z } from 'zod';

const json: z.ZodType<unknown> = z.json();

/** One run-time settings change: who, when, which key, the old and the new value (any JSON). */
export const SettingsChangeSchema = z.object({
  /** chosen by the writer, one per change (a repeat of the same change is the same id) */
  id: z.string().min(1).max(200),
  /** ms since the epoch */
  at: z.int().min(0),
  by: z.string().max(256).nullable(),
  /** e.g. `forward-via:<connection>` */
  key: z.string().min(1).max(256),
  old: json.nullable(),
  new: json.nullable(),
});

export type SettingsChange = z.infer<typeof SettingsChangeSchema>;
