import type { Config } from '../config/config-schema.js';
import type { ConfirmSettings } from '../config/confirm-schema.js';
import type { PlannedStep } from './forward-state.js';

/** Slack on top of FreeSWITCH's own originate_timeout before callcfwd stops waiting for a leg's end. */
export const RING_SLACK_SECONDS = 5;
/** Slack on top of every line's ring and bridge time before the caller is given the fallback whatever happened. */
export const DEADLINE_SLACK_SECONDS = 10;

/** How long after its originate a leg may ring (and take its confirm key) before callfwd cancels it. */
export function legRingTimeoutMs(ringSeconds: number, confirm: Pick<ConfirmSettings, 'timeoutSeconds'> | null): number {
  return (ringSeconds + (confirm?.timeoutSeconds ?? 0) + RING_SLACK_SECONDS) * 1000;
}

/** The ring timeout of a one-target forward: the worker's originate timeout plus the slack. */
export function ringTimeoutMs(config: Pick<Config, 'worker'>): number {
  return legRingTimeoutMs(config.worker.originateTimeoutSeconds, null);
}

/**
 * The bound on a parked caller's wait: per step, its longest target (each line of its route rung
 * for the step's time, its confirm, the slack and the bridge timeout); plus a final slack. By then
 * the caller is bridged or has the fallback, whatever failed (a lost event, a dead worker, a node
 * that stopped answering): the `deadline` timer.
 */
export function callerWaitBoundMs(config: Pick<Config, 'worker'>, steps: readonly PlannedStep[]): number {
  let total = 0;
  for (const step of steps) {
    let longest = 0;
    for (const target of step.targets) {
      const perLine = legRingTimeoutMs(step.ringSeconds, target.confirm) + config.worker.bridgeTimeoutSeconds * 1000;
      longest = Math.max(longest, Math.max(1, target.route.length) * perLine);
    }
    total += longest;
  }
  return total + DEADLINE_SLACK_SECONDS * 1000;
}

/** How long an ending forward waits for the hangups of legs it cancelled before it stops waiting. */
export const LEGS_GONE_MS = 30_000;
