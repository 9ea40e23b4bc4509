import { z } from 'zod';
import { EnvVarNameSchema, PortSchema } from './common-schemas.js';

const PostgresUrlSchema = z
  .string()
  .regex(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  .refine((url) => !/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(url), {
    message: 'must not contain a password; name its environment variable in postgres.passwordEnv',
  });

/**
 * PostgreSQL, the system of record, as written in the config file. Absent (and no `DATABASE_URL`
 * in the environment): no PostgreSQL, records stay in Redis as before. A `postgres` section wins
 * over `DATABASE_URL`.
 */
export const PostgresFileSchema = z.strictObject({
  url: PostgresUrlSchema,
  passwordEnv: EnvVarNameSchema.optional(),
  poolMax: z.int().min(1).max(100).default(10),
  /** How long a record drained to PostgreSQL stays readable in Redis (resync, tests), seconds. */
  keepInRedisSeconds: z.int().min(1).max(30 * 24 * 3600).default(3600),
  /**
   * mod_xml_cdr's endpoint (`POST /cdr`, HTTP basic auth `user:password` read from `credentialsEnv`),
   * served by `callfwd run` on http.host at `port`. Absent: not served.
   */
  xmlCdr: z.strictObject({ port: PortSchema, credentialsEnv: EnvVarNameSchema }).optional(),
});

/** After secrets are resolved; `from` says whether the config file or `DATABASE_URL` named it. */
export const PostgresConfigSchema = z.strictObject({
  url: z.string().min(1),
  passwordEnv: EnvVarNameSchema.optional(),
  poolMax: z.int().min(1).max(100),
  keepInRedisSeconds: z.int().min(1),
  password: z.string().min(1).optional(),
  xmlCdr: z.strictObject({ port: PortSchema, credentialsEnv: EnvVarNameSchema, credentials: z.string() }).optional(),
  from: z.enum(['config', 'DATABASE_URL']),
});

export type PostgresConfig = z.infer<typeof PostgresConfigSchema>;

const DEFAULTS = { poolMax: 10, keepInRedisSeconds: 3600 };

/**
 * The config's `postgres` section, or one made from `DATABASE_URL` (a password in that URL is taken
 * out of the url into `password`, so the url can be logged). Undefined: no PostgreSQL.
 */
export function resolvePostgres(
  file: z.infer<typeof PostgresFileSchema> | undefined,
  env: Readonly<Record<string, string | undefined>>,
): PostgresConfig | undefined {
  if (file !== undefined) {
    const { xmlCdr, ...rest } = file;
    const password = file.passwordEnv === undefined ? undefined : env[file.passwordEnv];
    return {
      ...rest,
      ...(password === undefined || password === '' ? {} : { password }),
      ...(xmlCdr === undefined ? {} : { xmlCdr: { ...xmlCdr, credentials: env[xmlCdr.credentialsEnv] ?? '' } }),
      from: 'config',
    };
  }
  const fromEnv = env.DATABASE_URL;
  if (fromEnv === undefined || fromEnv === '') return undefined;
  // scheme://[user[:password]@]rest: the password (if any) is taken out (the domain has no URL class).
  const m = /^(postgres(?:ql)?:\/\/)(?:([^:@/]*)(?::([^@/]*))?@)?(.*)$/.exec(fromEnv);
  if (m === null) return undefined;
  const [, scheme = '', user, secret, tail = ''] = m;
  const password = secret === undefined || secret === '' ? undefined : decodeURIComponent(secret);
  const url = `${scheme}${user === undefined ? '' : `${user}@`}${tail}`;
  return { url, ...DEFAULTS, ...(password === undefined ? {} : { password }), from: 'DATABASE_URL' };
}
