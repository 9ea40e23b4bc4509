import { formatIssuePath } from '../values/describe-issues.js';
import type { Env } from './check-secrets.js';
import { checkSecrets } from './check-secrets.js';
import type { Config } from './config-schema.js';
import { ConfigSchema } from './config-schema.js';
import type { ConfigProblem } from './config-problem.js';
import { crossCheckConfig } from './cross-check-config.js';
import { deepFreeze } from './deep-freeze.js';

export interface ParseConfigOptions {
  /** Where secrets named in the config are read from (the caller passes its environment). */
  env: Env;
  /** Accept FreeSWITCH's default password and an open HTTP endpoint: for labs only. */
  allowInsecureDefaults?: boolean;
}

export type ParseConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

/** A secret that `checkSecrets` has already found set. */
function secret(env: Env, name: string): string {
  return env[name] ?? '';
}

function optionalSecret(env: Env, name: string | undefined): string | undefined {
  return name === undefined ? undefined : secret(env, name);
}

/**
 * Validates a whole config (the object the CLI parsed from YAML): the schema, every
 * cross-check and every secret, reporting all problems at once with their paths. On
 * success the secrets are resolved from `opts.env` and the config is deep-frozen.
 */
export function parseConfig(raw: unknown, opts: ParseConfigOptions): ParseConfigResult {
  const parsed = ConfigSchema.safeParse(raw);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
  problems.push(...crossCheckConfig(raw));
  problems.push(...checkSecrets(raw, opts.env, opts.allowInsecureDefaults ?? false));
  if (!parsed.success || problems.length > 0) return { ok: false, problems };

  const file = parsed.data;
  const redisPassword = optionalSecret(opts.env, file.redis.passwordEnv);
  const token = optionalSecret(opts.env, file.http.tokenEnv);
  const config: Config = {
    ...file,
    nodes: file.nodes.map((node) => ({ ...node, password: secret(opts.env, node.passwordEnv) })),
    redis: redisPassword === undefined ? file.redis : { ...file.redis, password: redisPassword },
    http: token === undefined ? file.http : { ...file.http, token },
  };
  return { ok: true, config: deepFreeze(config) };
}
