import { decideRecording, findAccount, recordingPath } from '@callfwd/domain';
import type { Leg } from './forward-fields.js';
import type { ForwardRun } from './forward-run.js';
import { failLeg, type AttemptResult } from './run-attempt.js';

/**
 * The target answered: pre-answer the parked caller (a never-answered parked leg must be
 * pre-answered, or uuid_bridge drops both legs), bridge, cap the call to what the balance
 * covers, and start the recording when the paying account records all calls.
 */
export async function completeBridge(run: ForwardRun, leg: Leg): Promise<AttemptResult | 'bridged'> {
  const { deps, job, node, log } = run;
  const legUuid = leg.legUuid as string;
  if (run.step === 'originating') {
    const callerGone = deps.callerWatch.hungUp(job.node, job.callUuid) !== undefined;
    // Written before the bridge: if this run stops before 'bridged' is recorded (Redis restarting),
    // the run that resumes knows the two legs may have talked, and the leg's end is charged.
    if (!callerGone) await run.advance('originating', { bridging: legUuid });
    const pre = callerGone ? { ok: false as const, error: 'caller hung up' } : await node.preAnswer(job.callUuid);
    const bridged = pre.ok ? await node.bridge(job.callUuid, legUuid) : pre;
    if (!bridged.ok) {
      await node.kill(legUuid, 'ORIGINATOR_CANCEL');
      const callerLeft = callerGone || deps.callerWatch.hungUp(job.node, job.callUuid) !== undefined || !(await node.exists(job.callUuid));
      if (callerLeft) {
        log.info({ legUuid, error: bridged.error }, 'caller left before the bridge: cancelling the answered leg');
        return failLeg(run, leg, 'ORIGINATOR_CANCEL');
      }
      // The target answered and hung up before the bridge: the caller is still parked and gets the
      // fallback; the target is not rung again on another line.
      log.info({ legUuid, error: bridged.error }, 'target left before the bridge');
      const failed = await failLeg(run, leg, 'NORMAL_CLEARING');
      return failed.kind === 'failed' ? { ...failed, failover: false } : failed;
    }
    const answeredAt = deps.now();
    await run.advance('bridged', { bridgedLeg: legUuid, answeredAt: String(answeredAt) });
    // Listed until settled, so a hangup the listener missed while disconnected is still settled.
    await deps.jobState.addBridgedLeg(job.node, { callUuid: job.callUuid, legUuid, answeredAt });
    log.info({ legUuid, line: leg.line }, 'forward bridged');
  }

  if (!run.fields.capped) {
    const capped = await node.schedHangup(legUuid, leg.maxSeconds, 'ALLOTTED_TIMEOUT');
    if (!capped.ok) log.warn({ legUuid, error: capped.error }, 'could not cap the call length');
    const patch: Record<string, string> = { capped: '1' };
    const account = findAccount(deps.config, leg.account);
    if (account && decideRecording(account).record) {
      const file = recordingPath(deps.config.recordings.directory, job.callUuid);
      await node.setVar(job.callUuid, 'RECORD_STEREO', 'true');
      const started = await node.record(job.callUuid, 'start', file);
      if (started.ok) patch.recording = file;
      else log.warn({ error: started.error }, 'recording did not start');
    }
    await run.advance('bridged', patch);
  }
  return 'bridged';
}
