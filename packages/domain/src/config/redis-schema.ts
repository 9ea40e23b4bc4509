import { z } from 'zod';
import { EnvVarNameSchema, HostPortSchema } from './common-schemas.js';

const common = {
  passwordEnv: EnvVarNameSchema.optional(),
  prefix: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'must be lower-case letters, digits, "_" or "-"' })
    .default('callfwd'),
};

const RedisUrlSchema = z
  .string()
  .regex(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// or rediss:// URL' })
  .refine((url) => !/^rediss?:\/\/[^/@]*:[^/@]+@/.test(url), {
    message: 'must not contain a password; name its environment variable in redis.passwordEnv',
  });

const Standalone = z.strictObject({ mode: z.literal('standalone'), url: RedisUrlSchema, ...common });
const Sentinel = z.strictObject({
  mode: z.literal('sentinel'),
  sentinels: z.array(HostPortSchema).min(1, { message: 'needs at least one sentinel' }),
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be the name of the monitored master' }),
  ...common,
});
const Cluster = z.strictObject({
  mode: z.literal('cluster'),
  nodes: z.array(HostPortSchema).min(1, { message: 'needs at least one cluster node' }),
  ...common,
});

/** Redis as written in the config file: standalone, Sentinel or Cluster. */
export const RedisFileSchema = z.discriminatedUnion('mode', [Standalone, Sentinel, Cluster]);

const resolved = { password: z.string().min(1).optional() };

/** Redis after secrets are resolved: `password` is set when `passwordEnv` was. */
export const RedisConfigSchema = z.discriminatedUnion('mode', [
  Standalone.extend(resolved),
  Sentinel.extend(resolved),
  Cluster.extend(resolved),
]);

export type RedisConfig = z.infer<typeof RedisConfigSchema>;
