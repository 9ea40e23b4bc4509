import type { ConfigProblem } from './config-problem.js';
import { isRecord, looseItems, looseString } from './loose-read.js';

export type Env = Readonly<Record<string, string | undefined>>;

const FREESWITCH_DEFAULT_PASSWORD = 'cluecon';
const LOOPBACK_HOSTS = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

/** Whether a named secret is set; the problem names the variable, never a value. */
function missing(env: Env, name: string, path: string, holds: string): ConfigProblem[] {
  const value = env[name];
  if (value !== undefined && value !== '') return [];
  return [{ path, message: `environment variable ${name} is not set (it must hold ${holds})` }];
}

/**
 * Checks every secret the config names: it is set in `env`, and a FreeSWITCH node does not
 * use the well-known default password unless insecure defaults are allowed. Also refuses an
 * HTTP endpoint open beyond loopback without a token. Runs on the raw object.
 */
export function checkSecrets(raw: unknown, env: Env, allowInsecureDefaults: boolean): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const { index, item } of looseItems(raw, 'nodes')) {
    const name = looseString(item, 'passwordEnv');
    if (name === undefined) continue;
    const path = `nodes[${index}].passwordEnv`;
    const nodeId = looseString(item, 'id') ?? `#${index}`;
    const absent = missing(env, name, path, `the event-socket password of node ${nodeId}`);
    problems.push(...absent);
    if (
      absent.length === 0 &&
      !allowInsecureDefaults &&
      env[name]?.toLowerCase() === FREESWITCH_DEFAULT_PASSWORD
    ) {
      problems.push({
        path,
        message:
          `environment variable ${name} holds FreeSWITCH's well-known default event-socket password; ` +
          'set a strong one (or allow insecure defaults for a lab)',
      });
    }
  }
  const redis = isRecord(raw) ? raw.redis : undefined;
  const redisPassword = looseString(redis, 'passwordEnv');
  if (redisPassword !== undefined) {
    problems.push(...missing(env, redisPassword, 'redis.passwordEnv', 'the Redis password'));
  }
  const postgresPassword = looseString(isRecord(raw) ? raw.postgres : undefined, 'passwordEnv');
  if (postgresPassword !== undefined) {
    problems.push(...missing(env, postgresPassword, 'postgres.passwordEnv', 'the PostgreSQL password'));
  }
  const cdrCredentials = looseString(isRecord(raw) && isRecord(raw.postgres) ? raw.postgres.xmlCdr : undefined, 'credentialsEnv');
  if (cdrCredentials !== undefined) {
    problems.push(...missing(env, cdrCredentials, 'postgres.xmlCdr.credentialsEnv', 'the mod_xml_cdr credentials (user:password)'));
  }
  const http = isRecord(raw) ? raw.http : undefined;
  const tokenEnv = looseString(http, 'tokenEnv');
  if (tokenEnv !== undefined) {
    problems.push(...missing(env, tokenEnv, 'http.tokenEnv', 'the HTTP bearer token'));
  }
  const host = looseString(http, 'host');
  if (host !== undefined && !LOOPBACK_HOSTS.test(host) && tokenEnv === undefined && !allowInsecureDefaults) {
    problems.push({
      path: 'http.tokenEnv',
      message: `http.host ${host} is reachable beyond this machine: name a token variable in http.tokenEnv`,
    });
  }
  return problems;
}
