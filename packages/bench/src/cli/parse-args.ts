import { FAST, MIX_NAMES_ALL, type MixName } from '../sim/mix-plan.js';

/** What one `bench` invocation asks for. */
export interface BenchOptions {
  /** Offered forwarded calls per second. */
  readonly cps: number;
  /** Measured seconds per run (after the warm-up). */
  readonly seconds: number;
  /** Simulated FreeSWITCH nodes. */
  readonly nodes: number;
  /** Seconds at the same rate before measuring (JIT, connection pools); not counted. */
  readonly warmup: number;
  readonly json: boolean;
  readonly findMax: boolean;
  /** Run the direct-responder and bare-BullMQ baselines too. */
  readonly baselines: boolean;
  /** pino level of the listener and worker processes. */
  readonly logLevel: string;
  /** `realistic` (default: rings 2-20 s, talk 5-60 s, hang-ups, busy, no answer, route down, no credit, follow-me) or `fast` (the old 300 ms mix). */
  readonly mix: MixName;
  /** `--mix fast` only: ms the answered targets ring (default 300). */
  readonly ringMs: number;
  /** Simulator processes the nodes are spread over (default 1; --nodes defaults to it). */
  readonly simProcs: number;
  /** callfwd's records go to PostgreSQL (DATABASE_URL, which scripts/bench starts), counted as a process under test. */
  readonly postgres: boolean;
}

export type ParseArgsResult =
  | { readonly kind: 'run'; readonly options: BenchOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

export const USAGE = `usage: bench [--cps N] [--seconds S] [--nodes K] [--sim-procs P] [--warmup S] [--mix realistic|fast] [--ring-ms MS] [--json] [--find-max] [--no-baselines] [--postgres] [--log-level LEVEL]
  --cps N         forwarded calls offered per second (default 500)
  --seconds S     measured seconds per run (default 20)
  --nodes K       simulated FreeSWITCH nodes (default: --sim-procs)
  --sim-procs P   simulator processes the nodes are spread over, each pacing its share (default 1)
  --warmup S      seconds at the same rate before measuring (default 2)
  --mix M         realistic (default): rings 2-20 s, talk 5-60 s, callers who hang up while it rings,
                  busy, no answer, route down (failover), insufficient credit, follow-me steps;
                  fast: the old mix, answered targets ring 300 ms and talk 2 s
  --ring-ms MS    --mix fast only: how long answered targets ring (was CALLFWD_BENCH_RING_MS)
  --json          the last line on stdout is one JSON object with every figure
  --find-max      raise the rate step by step until p99 passes 20 ms, a forward is lost or the figures are invalid (callfwd, then each baseline)
  --no-baselines  skip the direct-responder and bare-BullMQ baselines
  --postgres      callfwd drains its records to PostgreSQL, as deployed with one (scripts/bench starts a
                  private one); its CPU is counted under test, its memory is not sampled
  --log-level L   pino level of the listener and worker (default info, as deployed)`;

const DEFAULTS: BenchOptions = {
  cps: 500,
  seconds: 20,
  nodes: 1,
  warmup: 2,
  json: false,
  findMax: false,
  baselines: true,
  logLevel: 'info',
  mix: 'realistic',
  ringMs: FAST.ringMs,
  simProcs: 1,
  postgres: false,
};

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const NUMERIC = {
  '--cps': { key: 'cps', min: 1, max: 20_000, integer: false },
  '--seconds': { key: 'seconds', min: 1, max: 3_600, integer: false },
  '--nodes': { key: 'nodes', min: 1, max: 16, integer: true },
  '--warmup': { key: 'warmup', min: 0, max: 600, integer: false },
  '--ring-ms': { key: 'ringMs', min: 0, max: 120_000, integer: true },
  '--sim-procs': { key: 'simProcs', min: 1, max: 16, integer: true },
} as const;

/** Parses the bench's arguments; every problem is a value (exit code 2 for the caller). */
export function parseArgs(argv: readonly string[]): ParseArgsResult {
  const options: { -readonly [K in keyof BenchOptions]: BenchOptions[K] } = { ...DEFAULTS };
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--json':
        options.json = true;
        continue;
      case '--find-max':
        options.findMax = true;
        continue;
      case '--no-baselines':
        options.baselines = false;
        continue;
      case '--postgres':
        options.postgres = true;
        continue;
      case '--mix': {
        const value = inline ?? argv[++i];
        if (value !== 'realistic' && value !== 'fast') return { kind: 'error', message: `--mix needs one of ${MIX_NAMES_ALL.join(', ')}` };
        options.mix = value;
        given.add(flag);
        continue;
      }
      case '--log-level': {
        const value = inline ?? argv[++i];
        if (value === undefined || !LEVELS.includes(value)) return { kind: 'error', message: `--log-level needs one of ${LEVELS.join(', ')}` };
        options.logLevel = value;
        continue;
      }
      default:
        break;
    }
    if (!Object.hasOwn(NUMERIC, flag)) return { kind: 'error', message: `unknown argument ${JSON.stringify(arg)}` };
    const spec = NUMERIC[flag as keyof typeof NUMERIC];
    const text = inline ?? argv[++i];
    const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value) || value < spec.min || value > spec.max || (spec.integer && !Number.isInteger(value))) {
      return { kind: 'error', message: `${flag} needs ${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}, got ${JSON.stringify(text ?? '')}` };
    }
    options[spec.key] = value;
    given.add(flag);
  }
  if (!given.has('--nodes')) options.nodes = Math.max(options.nodes, options.simProcs);
  if (options.simProcs > options.nodes) return { kind: 'error', message: `--sim-procs ${options.simProcs} needs at least as many --nodes (got ${options.nodes})` };
  if (given.has('--ring-ms') && options.mix !== 'fast') return { kind: 'error', message: '--ring-ms applies to --mix fast only (the realistic mix draws rings from 2 to 20 s)' };
  return { kind: 'run', options };
}
