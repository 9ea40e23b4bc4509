// `scripts/soak [--minutes N] [--cps N] [--seed S] [--faults LIST] [--ring MIN-MAX] [--talk MIN-MAX] [--out DIR]`
import { z } from 'zod';

export const FAULT_KINDS = ['kill-worker', 'kill-listener', 'pause-worker', 'redis-restart', 'pg-restart', 'drop-node', 'slow-node'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const range = z
  .string()
  .regex(/^\d+(\.\d+)?-\d+(\.\d+)?$/, 'must be MIN-MAX seconds')
  .transform((s) => s.split('-').map(Number) as [number, number])
  .refine(([min, max]) => min <= max, 'MIN must not exceed MAX');

export const SoakArgsSchema = z.strictObject({
  minutes: z.coerce.number().positive().max(24 * 60).default(2),
  cps: z.coerce.number().positive().max(200).default(2),
  seed: z.coerce.number().int().default(1),
  faults: z
    .string()
    .default(FAULT_KINDS.join(','))
    .transform((s) => (s === '' || s === 'none' ? [] : s.split(',')))
    .pipe(z.array(z.enum(FAULT_KINDS))),
  ring: range.default([2, 20]),
  talk: range.default([5, 120]),
  out: z.string().optional(),
});
export type SoakArgs = z.infer<typeof SoakArgsSchema>;

export function parseSoakArgs(argv: readonly string[]): { ok: true; args: SoakArgs } | { ok: false; error: string } {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (!flag.startsWith('--') || argv[i + 1] === undefined) return { ok: false, error: `expected --name value, got ${flag}` };
    raw[flag.slice(2)] = argv[++i]!;
  }
  const parsed = SoakArgsSchema.safeParse(raw);
  return parsed.success ? { ok: true, args: parsed.data } : { ok: false, error: parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ') };
}
