import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readProcUsage, type ProcUsage } from './read-proc-usage.js';

export interface NodeProcessOptions {
  readonly name: string;
  /** Script and its arguments, run as `node --conditions=@callfwd/source --import=tsx ...`. */
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** A line on stdout that says the process is ready (default: a JSON line with "msg":"ready"). */
  readonly isReady?: (line: string) => boolean;
  /**
   * Asked every 100 ms as well: true once the process is ready (its /readyz says so), for a process
   * whose log level hides the ready line. Whichever of the two comes first counts.
   */
  readonly readyProbe?: () => Promise<boolean>;
  /** Give up waiting for ready after this long. */
  readonly readyTimeoutMs: number;
  /** An IPC channel (process.send / 'message'). */
  readonly ipc?: boolean;
}

export interface NodeProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** The line that said it was ready. */
  readonly readyLine: string;
  /** The last lines it wrote (stdout and stderr), for error reports. */
  tail(): string[];
  usage(): ProcUsage | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const TAIL_LINES = 40;
const PROBE_EVERY_MS = 100;

export const READY_LINE = (line: string): boolean => line.includes('"msg":"ready"');

/** Starts a TypeScript entry point in its own Node process and waits until it says it is ready. */
export async function spawnNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  // CALLFWD_BENCH_PROFILE_DIR=DIR writes V8 CPU profiles of every process into DIR/<name>/ when it
  // exits: one file per thread, Node's default names. Our code is in the main thread's
  // (`CPU.<date>.<time>.<pid>.0.001.cpuprofile`); the other thread is tsx's loader. A fixed
  // --cpu-prof-name made both threads write one file, and the loader's came out on top.
  const profileDir = process.env.CALLFWD_BENCH_PROFILE_DIR;
  const profile = profileDir === undefined || profileDir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${options.name}`];
  const child = spawn(process.execPath, [...profile, '--conditions=@callfwd/source', '--import=tsx', ...options.args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: options.ipc === true ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const isReady = options.isReady ?? READY_LINE;
  let readyLine = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const keep = (line: string) => {
    lines.push(line.length > 2_000 ? `${line.slice(0, 2_000)}...` : line);
    if (lines.length > TAIL_LINES) lines.shift();
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    keep(line);
    if (readyLine === '' && isReady(line)) {
      readyLine = line;
      markReady();
    }
  });
  createInterface({ input: child.stderr! }).on('line', keep);
  const proc: NodeProcess = {
    name: options.name,
    pid: child.pid ?? -1,
    child,
    get readyLine() {
      return readyLine;
    },
    tail: () => [...lines],
    usage: () => (child.pid === undefined || child.exitCode !== null ? undefined : readProcUsage(child.pid)),
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  let probing: NodeJS.Timeout | undefined;
  const probe = options.readyProbe;
  if (probe !== undefined) {
    const ask = () => {
      probing = undefined;
      void probe()
        .catch(() => false)
        .then((ok) => {
          if (ok) markReady();
          else if (readyLine === '' && child.exitCode === null) probing = setTimeout(ask, PROBE_EVERY_MS);
        });
    };
    probing = setTimeout(ask, PROBE_EVERY_MS);
  }
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready.then(() => 'ready' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.readyTimeoutMs))),
  ]);
  clearTimeout(timer);
  clearTimeout(probing);
  if (outcome !== 'ready') {
    await proc.stop(1_000);
    throw new Error(`${options.name} did not start (${outcome}):\n${lines.join('\n')}`);
  }
  return proc;
}
