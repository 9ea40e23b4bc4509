// The soak's own PostgreSQL, started the way scripts/lib/postgres.sh's start_postgres does (initdb
// with trust auth, no fsync, loopback only, database `callfwd`), but kept here so the pg-restart
// fault can stop it by its pid and start it again on the same port and data directory.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../../support/wait-for.js';
import { freePort } from '../../faults/support/redis-servers.js';

export interface PostgresServer {
  readonly port: number;
  /** postgres://user@127.0.0.1:port/callfwd (trust auth, no password). */
  readonly url: string;
  readonly dir: string;
  pid(): number | undefined;
  /** Fast shutdown by the postmaster's pid (SIGINT: open transactions rolled back, clients cut). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stops it and deletes its directory. */
  remove(): Promise<void>;
}

/** The bin directory of the newest installed PostgreSQL (Debian layout). */
function binDir(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  const newest = versions[versions.length - 1];
  if (newest === undefined) throw new Error('no PostgreSQL under /usr/lib/postgresql (scripts/lib/postgres.sh ensure_postgres_binary installs it)');
  return join('/usr/lib/postgresql', newest, 'bin');
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` system user (Debian's). */
function owner(): { user: string; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return { user: execFileSync('id', ['-un'], { encoding: 'utf8' }).trim() };
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { user: 'postgres', uid, gid };
}

function isReady(bin: string, port: number): boolean {
  try {
    execFileSync(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = binDir();
  const who = owner();
  const ids = who.uid === undefined ? {} : { uid: who.uid, gid: who.gid };
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'callfwd-soak-pg-'));
  if (who.uid !== undefined) chownSync(dir, who.uid, who.gid ?? who.uid);
  const data = join(dir, 'data');
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', who.user, '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync'], { ...ids, cwd: dir, stdio: 'ignore' });
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const server: PostgresServer = {
    port,
    url: `postgres://${who.user}@127.0.0.1:${port}/callfwd`,
    dir,
    pid: () => child?.pid,
    async start() {
      if (running()) return;
      const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'];
      const proc = spawn(join(bin, 'postgres'), args, { ...ids, cwd: dir, stdio: 'ignore' });
      child = proc;
      exited = new Promise((resolve) => proc.once('exit', () => resolve()));
      await waitFor(`PostgreSQL on ${port}`, () => {
        if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`PostgreSQL exited (${proc.exitCode ?? proc.signalCode}); data in ${data}`);
        return isReady(bin, port);
      }, 20_000, 100);
    },
    async stop() {
      const pid = child?.pid;
      if (pid === undefined || !running()) return;
      process.kill(pid, 'SIGINT');
      await exited;
    },
    async remove() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  execFileSync('psql', ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', who.user, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', 'CREATE DATABASE callfwd'], { stdio: 'ignore' });
  return server;
}
