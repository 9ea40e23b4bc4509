import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  readonly nproc: number;
  readonly cpu: string;
  readonly memTotalGiB: number;
  readonly node: string;
  /** 1-minute load average when the report was made: above nproc, other work shared the CPU. */
  readonly loadAvg1m: number;
}

export function machineInfo(): MachineInfo {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memTotalGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAvg1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
