// The Lua scripts of the store: one .lua file each in packages/store/lua/, loaded by name with
// defineCommand (EVALSHA, falling back to EVAL once per connection). Every script touches the keys
// of one Cluster slot only, and all keys are passed in KEYS. A line `--- @include "name"` is replaced
// by lua/includes/name.lua (BullMQ's convention), so scripts share helpers without copies.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cluster, Redis } from 'ioredis';

export type ScriptName =
  | 'ledger-topup'
  | 'ledger-adjust'
  | 'ledger-hold'
  | 'ledger-extend-hold'
  | 'ledger-post-hold'
  | 'ledger-void-hold'
  | 'ledger-sweep'
  | 'forward-doc-save'
  | 'forward-doc-clear'
  | 'forward-live-list'
  | 'effect-mark'
  | 'effect-mark-renew'
  | 'effect-mark-done'
  | 'effect-unmark'
  | 'timers-add'
  | 'timers-claim'
  | 'timers-ack'
  | 'indexed-put';

type Client = Redis | Cluster;
type ScriptCommand = (...keysAndArgs: (string | number)[]) => Promise<unknown>;

/** The package root: the nearest directory above this file whose package.json is @callfwd/store (src/ under tsx, dist/src/ when built). */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (name === '@callfwd/store') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the @callfwd/store package root (with lua/) above ' + import.meta.url);
    dir = parent;
  }
}

const sources = new Map<ScriptName, string>();
const loaded = new WeakMap<Client, Set<ScriptName>>();

const INCLUDE = /^--- @include "([a-z0-9-]+)"$/gm;

/** The script's text with its includes expanded (one level: an include includes nothing). */
function expandIncludes(lua: string, root: string): string {
  return lua.replace(INCLUDE, (_line, include: string) =>
    readFileSync(join(root, 'lua', 'includes', `${include}.lua`), 'utf8').trimEnd(),
  );
}

function scriptSource(name: ScriptName): string {
  let lua = sources.get(name);
  if (lua === undefined) {
    const root = findPackageRoot();
    lua = expandIncludes(readFileSync(join(root, 'lua', `${name}.lua`), 'utf8'), root);
    sources.set(name, lua);
  }
  return lua;
}

function commandName(name: ScriptName): string {
  return `callfwd_${name.replaceAll('-', '_')}`;
}

/** Defines the named scripts on this connection (once per connection). Reads the files at start-up. */
export function loadScripts(redis: Client, names: readonly ScriptName[]): void {
  let done = loaded.get(redis);
  if (done === undefined) {
    done = new Set();
    loaded.set(redis, done);
  }
  for (const name of names) {
    if (done.has(name)) continue;
    redis.defineCommand(commandName(name), { lua: scriptSource(name) });
    done.add(name);
  }
}

/** Runs a loaded script. Throws if it was not loaded on this connection (a bug) or Redis fails. */
export function runScript(
  redis: Client,
  name: ScriptName,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  if (loaded.get(redis)?.has(name) !== true) {
    throw new Error(`Lua script ${name} is not loaded on this connection`);
  }
  const command = (redis as unknown as Record<string, ScriptCommand>)[commandName(name)];
  if (command === undefined) throw new Error(`Lua script ${name} is not defined on this connection`);
  return command.call(redis, keys.length, ...keys, ...args);
}
