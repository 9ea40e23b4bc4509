import type { ForwardRun } from './forward-run.js';

const POLL_MS = 250;
const NO_SUCH_CHANNEL = /No such channel/i;

/**
 * A run resumed at 'originating' cannot wait for the BACKGROUND_JOB of an originate another
 * worker sent (it may have come and gone). It asks the node about the leg instead, one channel at
 * a time (`uuid_getvar <leg> endpoint_disposition`: ANSWER once the target answered; no such
 * channel once it is gone, or if it was never placed). Bounded by the ring time.
 */
export async function awaitResumedLeg(
  run: ForwardRun,
  legUuid: string,
): Promise<'answered' | 'gone' | 'caller_gone'> {
  const { deps, job, node } = run;
  const deadline = deps.now() + (deps.config.worker.originateTimeoutSeconds + 5) * 1000;
  for (;;) {
    const callerGone =
      deps.callerWatch.hungUp(job.node, job.callUuid) !== undefined || !(await node.exists(job.callUuid));
    if (callerGone) {
      await node.kill(legUuid, 'ORIGINATOR_CANCEL');
      return 'caller_gone';
    }
    const disposition = await node.getVar(legUuid, 'endpoint_disposition');
    if (!disposition.ok && NO_SUCH_CHANNEL.test(disposition.error)) return 'gone';
    if (disposition.ok && disposition.reply.trim() === 'ANSWER') return 'answered';
    if (deps.now() > deadline) {
      await node.kill(legUuid, 'ORIGINATOR_CANCEL');
      return 'gone';
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
