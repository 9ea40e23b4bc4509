import { findLine, findMainLine } from '../config/config-lookup.js';
import type { Config } from '../config/config-schema.js';
import type { Line } from '../config/line-schema.js';
import { describeLine, describeLineKind } from './describe-line.js';

export type ForwardViaReason = 'runtime_override' | 'configured' | 'default_main' | 'own_line';

export type EffectiveForwardVia =
  | { ok: true; line: Line; reason: ForwardViaReason; explanation: string }
  | { ok: false; reason: 'unknown_connection' | 'unknown_line' };

/**
 * Rule 1: the line a connection's forwarded calls leave through, and why. A PBX connection
 * uses its run-time override, else its configured forwardVia, else the main number. Any
 * other line (main, connected, rented) forwards through itself.
 *
 * @param overrides run-time forward-via changes (from Redis): connection id -> line id
 */
export function effectiveForwardVia(
  config: Config,
  connectionId: string,
  overrides: Readonly<Record<string, string>>,
): EffectiveForwardVia {
  const connection = findLine(config, connectionId);
  if (connection === undefined) return { ok: false, reason: 'unknown_connection' };

  if (connection.kind !== 'pbx') {
    return {
      ok: true,
      line: connection,
      reason: 'own_line',
      explanation:
        `${describeLine(connection)} is ${describeLineKind(connection.kind)}, not a PBX connection: ` +
        `its forwarded calls leave through the number itself, paid by account ${connection.account}`,
    };
  }

  const overrideId = Object.hasOwn(overrides, connectionId) ? overrides[connectionId] : undefined;
  if (overrideId !== undefined) {
    const line = findLine(config, overrideId);
    if (line === undefined) return { ok: false, reason: 'unknown_line' };
    const configured = connection.forwardVia ?? 'the main number (unset)';
    return {
      ok: true,
      line,
      reason: 'runtime_override',
      explanation: `${connection.id} forwards via ${describeLine(line)}: set at run time (the config says ${configured})`,
    };
  }

  if (connection.forwardVia !== undefined) {
    const line = findLine(config, connection.forwardVia);
    if (line === undefined) return { ok: false, reason: 'unknown_line' };
    return {
      ok: true,
      line,
      reason: 'configured',
      explanation: `${connection.id} forwards via ${describeLine(line)}: configured forwardVia`,
    };
  }

  const main = findMainLine(config);
  if (main === undefined) return { ok: false, reason: 'unknown_line' };
  return {
    ok: true,
    line: main,
    reason: 'default_main',
    explanation: `${connection.id} has no forward-via set, so it forwards via the main outbound number ${describeLine(main)}`,
  };
}
