import { formatIssuePath } from '../values/describe-issues.js';
import type { Env } from './check-secrets.js';
import { checkSecrets } from './check-secrets.js';
import type { Config } from './config-schema.js';
import { ConfigSchema } from './config-schema.js';
import type { ConfigProblem } from './config-problem.js';
import { withAccountCountries } from './account-countries.js';
import { destinationWarnings } from './check-destinations.js';
import { crossCheckConfig } from './cross-check-config.js';
import { deepFreeze } from './deep-freeze.js';
import { withStepsTarget } from './employee-input.js';
import { isRecord } from './loose-read.js';
import { resolvePostgres } from './postgres-schema.js';

export interface ParseConfigOptions {
  /** Where secrets named in the config are read from (the caller passes its environment). */
  env: Env;
  /** Accept FreeSWITCH's default password and an open HTTP endpoint: for labs only. */
  allowInsecureDefaults?: boolean;
}

/**
 * `warnings` are things that load but are probably not meant (an employee whose every number the
 * destination rules refuse); `problems` refuse the config.
 */
export type ParseConfigResult =
  | { ok: true; config: Config; warnings: ConfigProblem[] }
  | { ok: false; problems: ConfigProblem[]; warnings: ConfigProblem[] };

/** The raw config with each employee's `target` filled from its follow-me steps where left out. */
function normalizeRaw(raw: unknown): unknown {
  if (!isRecord(raw) || !Array.isArray(raw.employees)) return raw;
  return { ...raw, employees: raw.employees.map(withStepsTarget) };
}

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
 * success the secrets are resolved from `opts.env` and the config is deep-frozen. Employees given
 * as follow-me steps get their `target` (the first number), accounts their home country.
 */
export function parseConfig(input: unknown, opts: ParseConfigOptions): ParseConfigResult {
  const raw = normalizeRaw(input);
  const parsed = ConfigSchema.safeParse(raw);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
  problems.push(...crossCheckConfig(raw));
  problems.push(...checkSecrets(raw, opts.env, opts.allowInsecureDefaults ?? false));
  if (!parsed.success) return { ok: false, problems, warnings: [] };

  const countries = withAccountCountries(parsed.data.accounts, parsed.data.lines);
  problems.push(...countries.problems);
  const file = { ...parsed.data, accounts: countries.accounts };
  const warnings = destinationWarnings(file);
  if (problems.length > 0) return { ok: false, problems, warnings };

  const redisPassword = optionalSecret(opts.env, file.redis.passwordEnv);
  const token = optionalSecret(opts.env, file.http.tokenEnv);
  const { postgres: postgresFile, ...rest } = file;
  const postgres = resolvePostgres(postgresFile, opts.env);
  const config: Config = {
    ...rest,
    ...(postgres === undefined ? {} : { postgres }),
    nodes: file.nodes.map((node) => ({ ...node, password: secret(opts.env, node.passwordEnv) })),
    redis: redisPassword === undefined ? file.redis : { ...file.redis, password: redisPassword },
    http: token === undefined ? file.http : { ...file.http, token },
  };
  return { ok: true, config: deepFreeze(config), warnings };
}
