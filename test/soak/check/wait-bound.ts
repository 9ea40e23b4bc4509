// The bound on one caller's wait in park, from its forward's plan (the domain's callerWaitBoundMs).
import { callerWaitBoundMs, type Config, type ForwardPlan } from '@callfwd/domain';

/** Slack for the soak's own observation (log polling, process scheduling on a loaded machine). */
export const OBSERVATION_SLACK_MS = 2_000;

type Steps = Parameters<typeof callerWaitBoundMs>[1];

/** The plan's steps; a plan written before follow-me (no steps) is its one target for the originate timeout. */
export function planSteps(config: Config, plan: ForwardPlan | null): Steps {
  if (plan === null) return [];
  if (plan.steps.length > 0) return plan.steps;
  return [{ ringSeconds: config.worker.originateTimeoutSeconds, targets: [{ number: plan.target, confirm: null, route: plan.route }] }];
}

/**
 * The longest a caller may wait in park: every line of every step rung for its time, the slack
 * and the bridge timeout, plus the final slack (callerWaitBoundMs); with no plan (refused before
 * one, or no document left), the listener's hold while Redis is away plus that final slack.
 */
export function waitBoundMs(config: Config, plan: ForwardPlan | null | undefined): number {
  const steps = plan === undefined ? [] : planSteps(config, plan);
  const base = callerWaitBoundMs(config, steps);
  const noPlan = plan === undefined || plan === null ? config.worker.holdMs : 0;
  return base + noPlan + OBSERVATION_SLACK_MS;
}
