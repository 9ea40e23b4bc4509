import type { BenchReport, Ratios } from '../run/run-bench.js';
import type { ScenarioResult } from '../run/run-scenario.js';
import type { LatencySummary } from '../stats/summarize-latency.js';

/** The human-readable summary of a bench run (the JSON line carries every figure). */
export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const o = report.options;
  const scenarios = [report.callfwd, report.baselines.direct, report.baselines.bullmq].filter((r): r is ScenarioResult => r !== null);
  const lines = [
    `machine: ${m.nproc} cores (${m.cpu}), ${m.memTotalGiB} GiB, Node ${m.node}, load average (1 min) ${report.loadAvg1mAtStart} at start, ${m.loadAvg1m} at end; callfwd run by: ${report.runner}`,
    `rate ${o.cps} calls/s for ${o.seconds} s (+${o.warmup} s warm-up), ${o.mix} mix${o.mix === 'fast' ? ` (ring ${o.ringMs} ms)` : ''}, ${o.nodes} node(s) over ${o.simProcs} simulator process(es)`,
    report.valid ? 'figures: valid' : `figures: invalid (the latency is the simulator's): ${report.invalidReasons.join('; ')}`,
    '',
    'park -> originate (ms)  fwd/s     p50     p95     p99     max  lost dup dbl',
    ...scenarios.map(latencyRow),
    '',
    'post-dial delay: park -> target ringing (ms)',
    ...scenarios.map((r) => `  ${r.scenario.padEnd(8)} ${latency(r.postDialDelayMs)}`),
    '',
    'CPU ms per forwarded call (baselines: per job)',
    ...scenarios.map(cpuRow),
    '',
    'BullMQ jobs added (one hop of the design each): per call, CPU ms under test per job',
    ...scenarios.filter((r) => r.jobs.added > 0).map(jobRow),
    '',
    'memory slope after the warm-up, KB per 1,000 calls (RSS; redis: used_memory)',
    ...scenarios.map(memoryRow),
    '',
  ];
  if (report.ratios.vsDirect !== null) lines.push(ratioLine('direct', report.ratios.vsDirect));
  if (report.ratios.vsBullmq !== null) lines.push(ratioLine('bare hop', report.ratios.vsBullmq));
  const lag = report.callfwd.settleLagMs;
  if (lag !== null) lines.push(`settle lag (leg hangup -> record): ${latency(lag)}`);
  const books = report.callfwd.postgresBooks;
  if (books !== null) {
    lines.push(`PostgreSQL journal: ${books.journalEntries} charges, ${books.journalCharged} minor units; the ledger in Redis: ${books.ledgerPosts} posts, ${books.ledgerCharged} minor units: ${books.agree ? 'the books agree' : 'THE BOOKS DIFFER'}`);
  }
  lines.push(`fallback (park -> transfer): ${latency(report.callfwd.parkToFallbackMs)}`);
  lines.push(`mix placed: ${JSON.stringify(report.callfwd.perMix)}`);
  lines.push(`outcomes: ${JSON.stringify(report.callfwd.outcomes)}`);
  const maxima = [report.findMax, report.findMaxBaselines.direct, report.findMaxBaselines.bullmq];
  for (const f of maxima) {
    if (f === null) continue;
    lines.push(`find-max ${f.scenario} (${f.mix} mix): highest rate held (none lost, p99 <= ${f.p99LimitMs} ms, valid): ${f.maxHeldCps ?? 'none'} calls/s (stopped by ${f.stoppedBy})`);
    for (const step of f.steps) lines.push(`  ${step.cps} calls/s: p99 ${step.p99} ms, lost ${step.lost}${step.valid ? '' : `, invalid (${step.invalidReasons.join('; ')})`}, ${step.held ? 'held' : 'failed'}`);
  }
  lines.push(report.held ? 'result: no lost or duplicate forward, no double charge' : 'result: FAILED (lost, duplicate or double charge, or the books differ)');
  return lines.join('\n');
}

const n = (v: number | null | undefined, w = 7): string => String(v ?? '-').padStart(w);

function latencyRow(r: ScenarioResult): string {
  const l = r.parkToOriginateMs;
  return `  ${r.scenario.padEnd(20)} ${n(r.forwardedCps, 6)} ${n(l.p50)} ${n(l.p95)} ${n(l.p99)} ${n(l.max)} ${n(r.lost, 5)} ${n(r.duplicates, 3)} ${n(r.doubleCharges, 3)}`;
}

function cpuRow(r: ScenarioResult): string {
  const c = r.cpuMsPerCall;
  if (c === null) return `  ${r.scenario.padEnd(8)} no call handled`;
  const each = Object.entries(c.byProcess)
    .map(([name, ms]) => `${name} ${ms}`)
    .join(', ');
  const steady = r.cpuMsPerCallSteady;
  const steadyText =
    steady === null
      ? '; steady: run too short'
      : `; steady ${steady.windowSeconds} s: under test ${steady.underTest} (${Object.entries(steady.byProcess).map(([name, ms]) => `${name} ${ms}`).join(', ')})`;
  return `  ${r.scenario.padEnd(8)} under test ${c.underTest} (${each}; simulator ${c.simulator}) over ${c.calls} calls${steadyText}`;
}

function jobRow(r: ScenarioResult): string {
  const j = r.jobs;
  return `  ${r.scenario.padEnd(8)} ${j.added} jobs, ${j.perCall ?? '-'} per call, ${j.cpuMsPerJob ?? '-'} ms per job`;
}

function memoryRow(r: ScenarioResult): string {
  const each = Object.entries(r.processes)
    .map(([name, p]) => `${name} ${p.memorySlopeKbPer1000Calls ?? '-'}`)
    .join(', ');
  const steady = Object.entries(r.processes)
    .filter(([, p]) => p.memorySlopeSteadyKbPer1000Calls !== null)
    .map(([name, p]) => `${name} ${p.memorySlopeSteadyKbPer1000Calls}`)
    .join(', ');
  return `  ${r.scenario.padEnd(8)} ${each}${steady === '' ? '' : `; steady: ${steady}`}`;
}

function ratioLine(name: string, r: Ratios): string {
  const perJob = r.cpuPerJob === null ? '' : ` (per job x${r.cpuPerJob})`;
  return `callfwd / ${name}: CPU per call x${r.cpuPerCall ?? '-'}${perJob}, park->originate p50 x${r.latency.p50 ?? '-'} p99 x${r.latency.p99 ?? '-'}, post-dial p99 x${r.postDialDelayP99 ?? '-'}`;
}

function latency(l: LatencySummary): string {
  return `p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms (${l.count} calls)`;
}
