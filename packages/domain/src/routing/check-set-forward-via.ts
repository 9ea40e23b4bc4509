import { findLine } from '../config/config-lookup.js';
import type { Config } from '../config/config-schema.js';
import type { Line } from '../config/line-schema.js';
import { describeLine, describeLineKind } from './describe-line.js';

export type SetForwardViaRefusal =
  'UNKNOWN_CONNECTION' | 'UNKNOWN_LINE' | 'NOT_A_PBX_CONNECTION' | 'VIA_SELF';

export type SetForwardViaCheck =
  | { ok: true; connection: Line; via: Line; explanation: string }
  | { ok: false; code: SetForwardViaRefusal; message: string };

/**
 * Rule 2: whether a connection's forward-via may be changed to a line. Only PBX
 * connections have a forward-via; anything else is refused with the reason and what its
 * calls use instead. Nothing is changed here: the caller stores the override on success.
 */
export function checkSetForwardVia(
  config: Config,
  connectionId: string,
  viaLineId: string,
): SetForwardViaCheck {
  const connection = findLine(config, connectionId);
  if (connection === undefined) {
    return {
      ok: false,
      code: 'UNKNOWN_CONNECTION',
      message: `there is no connection "${connectionId}"; nothing changed`,
    };
  }
  if (connection.kind !== 'pbx') {
    return {
      ok: false,
      code: 'NOT_A_PBX_CONNECTION',
      message:
        `${describeLine(connection)} is ${describeLineKind(connection.kind)}, not a PBX connection: ` +
        'forward-via belongs to PBX connections only. Its forwarded calls leave through the number itself, ' +
        `on the platform telephony balance (account ${connection.account}). Nothing changed.`,
    };
  }
  const via = findLine(config, viaLineId);
  if (via === undefined) {
    return { ok: false, code: 'UNKNOWN_LINE', message: `there is no line "${viaLineId}"; nothing changed` };
  }
  if (via.id === connection.id) {
    return {
      ok: false,
      code: 'VIA_SELF',
      message: `${connection.id} cannot forward via itself: choose the main, a connected or rented number, or another PBX; nothing changed`,
    };
  }
  return {
    ok: true,
    connection,
    via,
    explanation:
      `${connection.id} will forward via ${describeLine(via)}, ${describeLineKind(via.kind)}, ` +
      `dialled by ${via.dial} and paid by account ${via.account}`,
  };
}
