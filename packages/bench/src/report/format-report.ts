import type { BenchReport } from '../run/run-bench.js';
import type { ScenarioResult } from '../run/run-scenario.js';
import type { LatencySummary } from '../stats/summarize-latency.js';

/** The human-readable summary of a bench run (the JSON line carries every figure). */
export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `machine: ${m.nproc} cores (${m.cpu}), ${m.memTotalGiB} GiB, Node ${m.node}, load ${m.loadAvg1m}; callfwd run by: ${report.runner}`,
    `rate ${report.options.cps} calls/s for ${report.options.seconds} s, ${report.options.nodes} node(s)`,
    '',
    'scenario      fwd/s     p50     p95     p99     max  lost dup dbl  cpu (cores) / peak RSS MiB',
    row(report.callfwd),
  ];
  if (report.baselines.direct !== null) lines.push(row(report.baselines.direct));
  if (report.baselines.bullmq !== null) lines.push(row(report.baselines.bullmq));
  lines.push('');
  if (report.ratios.vsDirect !== null) lines.push(`callfwd / direct:  p50 x${report.ratios.vsDirect.p50 ?? '-'}, p99 x${report.ratios.vsDirect.p99 ?? '-'}`);
  if (report.ratios.vsBullmq !== null) lines.push(`callfwd / bullmq:  p50 x${report.ratios.vsBullmq.p50 ?? '-'}, p99 x${report.ratios.vsBullmq.p99 ?? '-'}`);
  const lag = report.callfwd.settleLagMs;
  if (lag !== null) lines.push(`settle lag (leg hangup -> record): ${latency(lag)}`);
  lines.push(`fallback (park -> transfer): ${latency(report.callfwd.parkToFallbackMs)}`);
  lines.push(`outcomes: ${JSON.stringify(report.callfwd.outcomes)}`);
  if (report.findMax !== null) {
    const f = report.findMax;
    lines.push(`find-max: highest rate that held (p99 <= ${f.p99LimitMs} ms, none lost): ${f.maxHeldCps ?? 'none'} calls/s (stopped by ${f.stoppedBy})`);
    for (const step of f.steps) lines.push(`  ${step.cps} calls/s: p99 ${step.p99} ms, lost ${step.lost}, ${step.held ? 'held' : 'failed'}`);
  }
  lines.push(report.held ? 'result: no lost or duplicate forward, no double charge' : 'result: FAILED (lost, duplicate or double charge)');
  return lines.join('\n');
}

function row(r: ScenarioResult): string {
  const l = r.parkToOriginateMs;
  const procs = Object.entries(r.processes)
    .map(([name, p]) => `${name} ${p.cpuCores}/${p.peakRssMiB}`)
    .join(', ');
  const n = (v: number, w = 7) => String(v).padStart(w);
  return `${r.scenario.padEnd(10)} ${n(r.forwardedCps, 8)} ${n(l.p50)} ${n(l.p95)} ${n(l.p99)} ${n(l.max)} ${n(r.lost, 5)} ${n(r.duplicates, 3)} ${n(r.doubleCharges ?? 0, 3)}  ${procs}`;
}

function latency(l: LatencySummary): string {
  return `p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms (${l.count} calls)`;
}
