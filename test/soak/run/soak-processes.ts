// The callfwd processes of a soak: two listeners and two workers, each a real `callfwd run`; a
// killed one is replaced by a fresh process in its slot.
import { E2E_ENV } from '../../support/e2e-config.js';
import { startCallfwd, type CallfwdProcess } from '../../faults/support/callfwd-process.js';

export type Role = 'listener' | 'worker';

export interface SoakProcesses {
  get(role: Role, slot: number): CallfwdProcess;
  restart(role: Role, slot: number): Promise<void>;
  /** Every process started, in order (killed ones included), for their logs. */
  all(): ReadonlyArray<{ name: string; proc: CallfwdProcess }>;
  stop(): Promise<void>;
}

const SLOTS = 2;

export async function startSoakProcesses(configPath: string): Promise<SoakProcesses> {
  const current = new Map<string, CallfwdProcess>();
  const started: Array<{ name: string; proc: CallfwdProcess }> = [];
  const launch = async (role: Role, slot: number) => {
    const proc = startCallfwd(['run', '--config', configPath, '--role', role, '--http-port', '0'], { ...E2E_ENV, CALLFWD_LOG_LEVEL: 'info' });
    started.push({ name: `${role}${slot}#${started.length}`, proc });
    current.set(`${role}${slot}`, proc);
    await proc.waitForReady(90_000);
  };
  for (const role of ['worker', 'listener'] as const) for (let slot = 0; slot < SLOTS; slot++) await launch(role, slot);
  return {
    get(role, slot) {
      const proc = current.get(`${role}${slot}`);
      if (proc === undefined) throw new Error(`no ${role}${slot}`);
      return proc;
    },
    async restart(role, slot) {
      await launch(role, slot);
    },
    all: () => started,
    async stop() {
      await Promise.all(
        [...current.values()].map(async (p) => {
          const timer = setTimeout(() => void p.kill('SIGKILL'), 10_000);
          await p.kill('SIGTERM');
          clearTimeout(timer);
        }),
      );
    },
  };
}
