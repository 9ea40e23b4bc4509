import { isRecord } from './loose-read.js';

/** The first step's first number of a raw employee, if it has one. */
export function firstStepNumber(raw: unknown): unknown {
  if (!isRecord(raw) || !Array.isArray(raw.steps)) return undefined;
  const step: unknown = raw.steps[0];
  if (!isRecord(step) || !Array.isArray(step.targets)) return undefined;
  const target: unknown = step.targets[0];
  return isRecord(target) ? target.number : undefined;
}

/**
 * A raw employee (as written in a config file or an API body) with `target` filled from its
 * steps when it has steps and no target: the parsed employee always has a `target`, the first
 * number it rings. Anything else is returned as it is, for the schema to judge.
 */
export function withStepsTarget(raw: unknown): unknown {
  if (!isRecord(raw) || raw.target !== undefined) return raw;
  const first = firstStepNumber(raw);
  return first === undefined ? raw : { ...raw, target: first };
}
