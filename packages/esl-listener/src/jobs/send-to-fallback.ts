import { planFallback, type Config, type ForwardCall } from '@callfwd/domain';
import type { NodeConnection } from '@callfwd/freeswitch';
import type { Logger, Metrics } from '@callfwd/telemetry';

/**
 * Redis did not take a parked call's job within the hold: the caller gets its account's fallback
 * (planFallback, then uuid_transfer) rather than waiting parked for a forward that cannot start.
 */
export async function sendToFallback(
  deps: { config: Config; log: Logger; metrics: Metrics },
  conn: Pick<NodeConnection, 'nodeId' | 'transfer'>,
  call: ForwardCall,
): Promise<void> {
  const plan = planFallback(deps.config, call.connection);
  const reply = await conn
    .transfer(call.callUuid, plan)
    .catch((err: unknown) => ({ ok: false as const, error: String(err) }));
  deps.metrics.forwardOutcomes.inc({ outcome: 'failed', node: conn.nodeId, connection: call.connection, line: '' });
  deps.log.warn(
    {
      node: conn.nodeId,
      callUuid: call.callUuid,
      fallback: plan.fallback,
      ok: reply.ok,
      ...(reply.ok ? {} : { error: reply.error }),
    },
    'redis unavailable: caller sent to the fallback',
  );
}
