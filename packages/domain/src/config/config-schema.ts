import { z } from 'zod';
import { AccountSchema } from './account-schema.js';
import { BillingConfigSchema } from './billing-schema.js';
import { EmployeeSchema } from './employee-schema.js';
import { FallbackSchema } from './fallback-schema.js';
import { HttpConfigSchema, HttpFileSchema } from './http-schema.js';
import { LineSchema } from './line-schema.js';
import { NodeConfigSchema, NodeFileSchema } from './node-schema.js';
import { PostgresConfigSchema, PostgresFileSchema } from './postgres-schema.js';
import { RecordingsConfigSchema } from './recordings-schema.js';
import { RedisConfigSchema, RedisFileSchema } from './redis-schema.js';
import { TariffSchema } from './tariff-schema.js';
import { WorkerConfigSchema } from './worker-schema.js';

/**
 * The config file as written (YAML on disk, parsed by the CLI): secrets are named by
 * environment variable, never given. `parseConfig` validates against this, cross-checks
 * it and resolves the secrets.
 */
export const ConfigSchema = z.strictObject({
  nodes: z.array(NodeFileSchema).min(1, { message: 'needs at least one FreeSWITCH node' }),
  redis: RedisFileSchema,
  http: HttpFileSchema,
  postgres: PostgresFileSchema.optional(),
  worker: WorkerConfigSchema,
  billing: BillingConfigSchema,
  recordings: RecordingsConfigSchema,
  tariffs: z.array(TariffSchema).min(1, { message: 'needs at least one tariff' }),
  accounts: z.array(AccountSchema).min(1, { message: 'needs at least one account' }),
  fallbacks: z.array(FallbackSchema).min(1, { message: 'needs at least one fallback' }),
  lines: z.array(LineSchema).min(1, { message: 'needs at least the main line' }),
  employees: z.array(EmployeeSchema).default([]),
});

type EmployeeInput = z.input<typeof EmployeeSchema>;

/**
 * What a config file may contain (defaults not yet applied). An employee with follow-me `steps`
 * may leave out `target`: parseConfig fills it with the first step's first number.
 */
export type ConfigInput = Omit<z.input<typeof ConfigSchema>, 'employees'> & {
  employees?: Array<Omit<EmployeeInput, 'target'> & { target?: EmployeeInput['target'] }>;
};

/** The config after validation and secret resolution: what `parseConfig` returns (deep-frozen). */
export const ResolvedConfigSchema = ConfigSchema.extend({
  nodes: z.array(NodeConfigSchema).min(1),
  redis: RedisConfigSchema,
  http: HttpConfigSchema,
  postgres: PostgresConfigSchema.optional(),
});

export type Config = z.infer<typeof ResolvedConfigSchema>;
