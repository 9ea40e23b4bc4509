import type { Readiness } from '@callfwd/telemetry';

/**
 * The process is ready when every app is: a check (`redis`, `node:fs1`) holds only if it holds
 * in every app that reports it.
 */
export function mergeReadiness(parts: readonly Readonly<Record<string, boolean>>[]): Readiness {
  const checks: Record<string, boolean> = {};
  for (const part of parts) {
    for (const [name, up] of Object.entries(part)) checks[name] = (checks[name] ?? true) && up;
  }
  return { ready: parts.length > 0 && Object.values(checks).every(Boolean), checks };
}
