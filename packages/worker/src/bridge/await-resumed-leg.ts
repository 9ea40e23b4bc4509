import type { ForwardRun } from './forward-run.js';

const POLL_MS = 250;

/**
 * A run resumed at 'originating' cannot wait for the BACKGROUND_JOB of an originate another
 * worker sent (it may have come and gone). It watches the leg on the node instead, with
 * `show channels`: answered (call state ACTIVE), still ringing, or gone. Bounded by the ring time.
 */
export async function awaitResumedLeg(
  run: ForwardRun,
  legUuid: string,
): Promise<'answered' | 'gone' | 'caller_gone'> {
  const { deps, job, node } = run;
  const deadline = deps.now() + (deps.config.worker.originateTimeoutSeconds + 5) * 1000;
  for (;;) {
    if (deps.callerWatch.hungUp(job.node, job.callUuid) !== undefined) {
      await node.kill(legUuid, 'ORIGINATOR_CANCEL');
      return 'caller_gone';
    }
    const channels = await node.showChannels();
    if (channels.ok) {
      const leg = channels.rows.find((r) => r.uuid === legUuid);
      const caller = channels.rows.find((r) => r.uuid === job.callUuid);
      if (!caller) {
        if (leg) await node.kill(legUuid, 'ORIGINATOR_CANCEL');
        return 'caller_gone';
      }
      if (!leg) return 'gone';
      if (leg.callstate === 'ACTIVE') return 'answered';
    }
    if (deps.now() > deadline) {
      await node.kill(legUuid, 'ORIGINATOR_CANCEL');
      return 'gone';
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
