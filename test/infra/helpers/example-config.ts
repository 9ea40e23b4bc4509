import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { INFRA_DIR } from './infra-files.js';

/** Where another engineer writes the example config; the infra tests read it when it exists. */
export const EXAMPLE_CONFIG_PATH = join(INFRA_DIR, 'config', 'callfwd.example.yaml');
/** The config the Compose stack mounts by default. */
export const COMPOSE_CONFIG_PATH = join(INFRA_DIR, 'docker', 'callfwd.compose.yaml');

/** The defaults of packages/domain's config schema for the fields infra depends on. */
export const DEFAULT_HTTP_PORT = 9464;
export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

/** What infra needs to know of callfwd's config: the secrets' env var names, the HTTP port, the drain deadline. */
export interface ExampleConfigFacts {
  exists: boolean;
  tree: unknown;
  envVarNames: string[];
  httpPort: number;
  drainTimeoutMs: number;
  sentinelName: string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every string value of a key ending in `Env` (passwordEnv, tokenEnv, ...), anywhere in the tree. */
export function collectEnvVarNames(tree: unknown): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key.endsWith('Env') && typeof value === 'string') names.add(value);
        else walk(value);
      }
    }
  };
  walk(tree);
  return [...names].sort();
}

function numberAt(tree: unknown, section: string, key: string): number | undefined {
  if (!isRecord(tree)) return undefined;
  const part = tree[section];
  if (!isRecord(part)) return undefined;
  const value = part[key];
  return typeof value === 'number' ? value : undefined;
}

function sentinelNameOf(tree: unknown): string | undefined {
  if (!isRecord(tree) || !isRecord(tree.redis) || tree.redis.mode !== 'sentinel') return undefined;
  return typeof tree.redis.name === 'string' ? tree.redis.name : undefined;
}

/** Reads a config file when it exists; otherwise the schema's defaults and no env vars. */
export function readConfigFacts(path: string): ExampleConfigFacts {
  if (!existsSync(path)) {
    return {
      exists: false,
      tree: undefined,
      envVarNames: [],
      httpPort: DEFAULT_HTTP_PORT,
      drainTimeoutMs: DEFAULT_DRAIN_TIMEOUT_MS,
      sentinelName: undefined,
    };
  }
  const tree: unknown = parse(readFileSync(path, 'utf8'), { prettyErrors: true });
  return {
    exists: true,
    tree,
    envVarNames: collectEnvVarNames(tree),
    httpPort: numberAt(tree, 'http', 'port') ?? DEFAULT_HTTP_PORT,
    drainTimeoutMs: numberAt(tree, 'worker', 'drainTimeoutMs') ?? DEFAULT_DRAIN_TIMEOUT_MS,
    sentinelName: sentinelNameOf(tree),
  };
}

/** infra/config/callfwd.example.yaml, when it exists. */
export function readExampleConfigFacts(): ExampleConfigFacts {
  return readConfigFacts(EXAMPLE_CONFIG_PATH);
}
