/** What the simulated nodes saw during a run; times are the simulator's performance.now() (ms). */
export interface ForwardObservations {
  /** Inbound calls placed and parked (first CHANNEL_PARK of each). */
  readonly parks: ReadonlyArray<{ readonly uuid: string; readonly at: number }>;
  /** Originates that carry `callfwd_parent`, with the line they went out on (`callfwd_line`) and what they dialled. */
  readonly originates: ReadonlyArray<{ readonly parent: string; readonly line: string; readonly target?: string; readonly at: number }>;
  /** Calls sent to their fallback (uuid_transfer received). */
  readonly fallbacks: ReadonlyArray<{ readonly uuid: string; readonly at: number }>;
  /** Only parks at or after this time count for latency and rate (warm-up excluded); lost/duplicates count always. */
  readonly windowStart: number;
}

export interface DuplicateForward {
  readonly uuid: string;
  readonly line: string;
  readonly target: string;
  readonly count: number;
}

export interface ForwardAnalysis {
  readonly parked: number;
  /** Parked calls in the window. */
  readonly measured: number;
  /** Calls with at least one originate. */
  readonly originated: number;
  /** Calls given their fallback without an originate (e.g. insufficient credit). */
  readonly fallbackOnly: number;
  /** Parked, never originated nor given the fallback. */
  readonly lost: readonly string[];
  /** Two or more originates for one call on one line to one target (follow-me rings several targets on one line: not a duplicate). */
  readonly duplicates: readonly DuplicateForward[];
  /** First originate minus park, ms, for calls parked in the window. */
  readonly parkToOriginateMs: readonly number[];
  /** Fallback minus park, ms, for window calls that got only a fallback. */
  readonly parkToFallbackMs: readonly number[];
}

/** Matches each park to its first originate (by callfwd_parent) and finds lost and duplicate forwards. */
export function analyzeForwards(obs: ForwardObservations): ForwardAnalysis {
  const firstOriginate = new Map<string, number>();
  const perLine = new Map<string, number>();
  for (const o of obs.originates) {
    const first = firstOriginate.get(o.parent);
    if (first === undefined || o.at < first) firstOriginate.set(o.parent, o.at);
    const key = `${o.parent}\n${o.line}\n${o.target ?? ''}`;
    perLine.set(key, (perLine.get(key) ?? 0) + 1);
  }
  const firstFallback = new Map<string, number>();
  for (const f of obs.fallbacks) {
    const first = firstFallback.get(f.uuid);
    if (first === undefined || f.at < first) firstFallback.set(f.uuid, f.at);
  }
  const lost: string[] = [];
  const parkToOriginateMs: number[] = [];
  const parkToFallbackMs: number[] = [];
  let measured = 0;
  let originated = 0;
  let fallbackOnly = 0;
  const seen = new Set<string>();
  for (const park of obs.parks) {
    if (seen.has(park.uuid)) continue;
    seen.add(park.uuid);
    const inWindow = park.at >= obs.windowStart;
    if (inWindow) measured++;
    const originateAt = firstOriginate.get(park.uuid);
    const fallbackAt = firstFallback.get(park.uuid);
    if (originateAt !== undefined) {
      originated++;
      if (inWindow) parkToOriginateMs.push(originateAt - park.at);
    } else if (fallbackAt !== undefined) {
      fallbackOnly++;
      if (inWindow) parkToFallbackMs.push(fallbackAt - park.at);
    } else {
      lost.push(park.uuid);
    }
  }
  const duplicates: DuplicateForward[] = [];
  for (const [key, count] of perLine) {
    if (count < 2) continue;
    const [uuid = '', line = '', target = ''] = key.split('\n');
    duplicates.push({ uuid, line, target, count });
  }
  return { parked: seen.size, measured, originated, fallbackOnly, lost, duplicates, parkToOriginateMs, parkToFallbackMs };
}
