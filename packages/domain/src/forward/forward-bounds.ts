import type { Config } from '../config/config-schema.js';

/** Slack on top of FreeSWITCH's own originate_timeout before callcfwd stops waiting for a leg's end. */
export const RING_SLACK_SECONDS = 5;
/** Slack on top of every line's ring and bridge time before the caller is given the fallback whatever happened. */
export const DEADLINE_SLACK_SECONDS = 10;

/** How long after its originate a leg may ring before callfwd cancels it and moves on. */
export function ringTimeoutMs(config: Pick<Config, 'worker'>): number {
  return (config.worker.originateTimeoutSeconds + RING_SLACK_SECONDS) * 1000;
}

/**
 * The bound on a parked caller's wait: per line of the route, its ring time, the slack and the
 * bridge timeout; plus a final slack. By then the caller is bridged or has the fallback, whatever
 * failed (a lost event, a dead worker, a node that stopped answering): the `deadline` timer.
 */
export function callerWaitBoundMs(config: Pick<Config, 'worker'>, lines: number): number {
  const perLine = config.worker.originateTimeoutSeconds + RING_SLACK_SECONDS + config.worker.bridgeTimeoutSeconds;
  return (Math.max(1, lines) * perLine + DEADLINE_SLACK_SECONDS) * 1000;
}

/** How long an ending forward waits for the hangups of legs it cancelled before it stops waiting. */
export const LEGS_GONE_MS = 30_000;
