// @callfwd/bench: how fast a call is forwarded, and how many calls per second.
export { main, type MainIo } from './main.js';
export { parseArgs, USAGE, type BenchOptions, type ParseArgsResult } from './cli/parse-args.js';
export { runBench, findMaxRate, stepVerdict, ratiosOf, type BenchReport, type FindMaxReport, type FindMaxStep, type Ratios } from './run/run-bench.js';
export { runScenario, type ScenarioResult, type ScenarioSettings, type ProcessFigures } from './run/run-scenario.js';
export type { ScenarioName } from './run/scenario-processes.js';
export { summarizeLatency, percentile, type LatencySummary } from './stats/summarize-latency.js';
export { latencyRatio, type LatencyRatio } from './stats/latency-ratio.js';
export { analyzeForwards, type ForwardObservations, type ForwardAnalysis, type DuplicateForward } from './stats/analyze-forwards.js';
export { findDoubleCharges, type DoubleCharge } from './stats/find-double-charges.js';
export { parseProcUsage, readProcUsage, type ProcUsage } from './procs/read-proc-usage.js';
export { cpuPerCall, ratioOf, type CpuPerCall } from './stats/cpu-per-call.js';
export { memorySlopeKbPer1000, type MemorySample } from './stats/memory-slope.js';
export { judgeValidity, SIM_LOOP_DELAY_LIMIT_MS, type Validity } from './stats/judge-validity.js';
export { buildMixPlan, type MixPlan, type MixOptions, type MixName, type MixEntry } from './sim/mix-plan.js';
export { formatReport } from './report/format-report.js';
