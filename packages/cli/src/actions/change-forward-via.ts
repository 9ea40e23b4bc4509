import { readLiveConfig } from '@callfwd/api';
import { checkSetForwardVia, effectiveForwardVia, findMainLine, type Config } from '@callfwd/domain';
import { createEmployeeStore, createLineStore, createSettingsStore } from '@callfwd/store';
import type { Cluster, Redis } from 'ioredis';

export type ForwardViaChangeResult =
  | { ok: true; connection: string; line: string; reason: string; explanation: string }
  | { ok: false; code: string; message: string };

/**
 * Sets (line) or clears (null) a PBX connection's run-time forward-via, after the domain's rule
 * allows it (PBX connections only) on the live lines. A refusal changes nothing and carries the domain's message.
 */
export async function changeForwardVia(
  fileConfig: Config,
  redis: Redis | Cluster,
  connectionId: string,
  lineId: string | null,
  by: string,
): Promise<ForwardViaChangeResult> {
  const prefix = fileConfig.redis.prefix;
  const { config } = await readLiveConfig({
    config: fileConfig,
    lines: createLineStore(redis, prefix),
    employees: createEmployeeStore(redis, prefix),
    settings: createSettingsStore(redis, prefix),
  });
  // Clearing needs only the connection to be a PBX: check it against the main line.
  const probe = lineId ?? findMainLine(config)?.id ?? '';
  const check = checkSetForwardVia(config, connectionId, probe);
  if (!check.ok && (lineId !== null || check.code === 'UNKNOWN_CONNECTION' || check.code === 'NOT_A_PBX_CONNECTION')) {
    return { ok: false, code: check.code, message: check.message };
  }
  // With PostgreSQL, the change goes into the settings history outbox in the same MULTI.
  const settings = createSettingsStore(redis, config.redis.prefix, { history: config.postgres !== undefined });
  if (lineId === null) await settings.clearForwardVia(connectionId, by);
  else await settings.setForwardVia(connectionId, lineId, by);
  const effective = effectiveForwardVia(config, connectionId, await settings.getForwardViaOverrides());
  if (!effective.ok) return { ok: false, code: effective.reason.toUpperCase(), message: `the forward-via of ${connectionId} cannot be resolved` };
  return { ok: true, connection: connectionId, line: effective.line.id, reason: effective.reason, explanation: effective.explanation };
}
