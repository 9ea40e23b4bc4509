// Bridging two legs. uuid_bridge transfers the inbound leg (new profile, Transfer-Source) and
// links both profiles before it answers; the `bridge` application answers first and links after.
// Either way ONE CHANNEL_BRIDGE is raised, on the originator (inbound) leg. uuid_bridge with a leg
// still in early media bridges at once and answers the inbound leg when that leg answers.
import type { Channel } from './channel.js';
import { setState, setVar } from './channel.js';
import { cloneProfile } from './caller-profile.js';
import { answer, emitChannel, hangup } from './channel-actions.js';
import type { NodeState } from './node-state.js';

export type BridgeMode = 'uuid_bridge' | 'app';

export function bridgeLegs(state: NodeState, inLeg: Channel, outLeg: Channel, mode: BridgeMode, onAnswered?: () => void): void {
  if (inLeg.hungUp || outLeg.hungUp) return;
  const now = state.clock.nowMicros();
  if (mode === 'app') {
    answer(state, inLeg);
    onAnswered?.();
    if (inLeg.hungUp || outLeg.hungUp) return;
    link(state, inLeg, outLeg, now, undefined);
  } else {
    link(state, inLeg, outLeg, now, `${Math.floor(now / 1e6)}:${state.newUuid()}:uuid_br`);
    if (outLeg.answered || !outLeg.early) answer(state, inLeg);
    // A forward leg still in early media: bridged at once; the inbound leg answers right
    // after the forward leg does (the capture node: 0-20 ms later).
    else outLeg.answerListeners.push(() => state.clock.after(0, () => answerBridged(state, inLeg, outLeg)));
  }
  inLeg.bridgedWith = outLeg.uuid;
  outLeg.bridgedWith = inLeg.uuid;
  inLeg.parked = false;
  outLeg.parked = false;
  emitChannel(state, inLeg, 'CHANNEL_BRIDGE', {
    leading: [
      ['Bridge-A-Unique-ID', inLeg.uuid],
      ['Bridge-B-Unique-ID', outLeg.uuid],
    ],
  });
}

function answerBridged(state: NodeState, inLeg: Channel, outLeg: Channel): void {
  if (inLeg.hungUp || inLeg.bridgedWith !== outLeg.uuid) return;
  setVar(inLeg, 'bridge_to', outLeg.uuid);
  setVar(inLeg, 'last_bridge_to', outLeg.uuid);
  answer(state, inLeg);
}

function link(state: NodeState, inLeg: Channel, outLeg: Channel, now: number, transfer: string | undefined): void {
  const inBefore = cloneProfile(inLeg.profile);
  const outBefore = cloneProfile(outLeg.profile);
  setState(inLeg, 'CS_SOFT_EXECUTE');
  setState(outLeg, 'CS_EXCHANGE_MEDIA');
  inLeg.profile = {
    ...inLeg.profile,
    calleeIdName: outLeg.profile.origCallerIdName,
    calleeIdNumber: outLeg.profile.origCallerIdNumber,
    ...(transfer === undefined ? {} : { transferSource: `${transfer}:${outLeg.uuid}`, index: inLeg.profile.index + 1 }),
    times: { ...inLeg.profile.times, bridged: now },
  };
  outLeg.profile = {
    ...outLeg.profile,
    callerIdName: inBefore.callerIdName,
    callerIdNumber: inBefore.callerIdNumber,
    calleeIdName: outLeg.profile.origCallerIdName,
    calleeIdNumber: outLeg.profile.origCallerIdNumber,
    ...(transfer === undefined ? {} : { transferSource: `${transfer}:${inLeg.uuid}`, index: outLeg.profile.index + 1 }),
    times: { ...outLeg.profile.times, bridged: now },
  };
  inLeg.other = { type: 'originatee', profile: outBefore };
  // The capture node: uuid_bridge showed the forward leg's presented id (its number when it had
  // no name); the bridge application the forward leg's callee id.
  const shown = transfer === undefined
    ? { name: outBefore.calleeIdName, number: outBefore.calleeIdNumber }
    : { name: outBefore.origCallerIdName ?? outBefore.origCallerIdNumber, number: outBefore.origCallerIdNumber };
  if (shown.name !== undefined && shown.number !== undefined) inLeg.sentCallee = { name: shown.name, number: shown.number };
  outLeg.other = { type: 'originator', profile: inBefore };
  setVar(inLeg, 'bridge_channel', outLeg.name);
  setVar(inLeg, 'bridge_uuid', outLeg.uuid);
  setVar(inLeg, 'signal_bond', outLeg.uuid);
  setVar(inLeg, 'original_destination_number', inLeg.profile.destinationNumber);
  if (inBefore.callerIdName !== undefined) setVar(inLeg, 'original_caller_id_name', inBefore.callerIdName);
  setVar(inLeg, 'original_caller_id_number', inBefore.callerIdNumber);
  if (inLeg.profile.transferSource !== undefined && transfer !== undefined) {
    setVar(inLeg, 'transfer_history', inLeg.profile.transferSource);
    setVar(inLeg, 'transfer_source', inLeg.profile.transferSource);
  }
  setVar(outLeg, 'bridge_to', inLeg.uuid);
  setVar(outLeg, 'last_bridge_to', inLeg.uuid);
  setVar(outLeg, 'bridge_channel', inLeg.name);
  setVar(outLeg, 'bridge_uuid', inLeg.uuid);
  setVar(outLeg, 'signal_bond', inLeg.uuid);
  if (inBefore.callerIdName !== undefined) setVar(outLeg, 'last_sent_callee_id_name', inBefore.callerIdName);
  setVar(outLeg, 'last_sent_callee_id_number', inBefore.callerIdNumber);
  setVar(outLeg, 'last_bridge_role', 'originatee');
}

/** uuid_bridge after its +OK reply. A parked inbound leg with neither answer nor early media
 *  cannot be bridged: FreeSWITCH drops it (DESTINATION_OUT_OF_ORDER) and cancels the other. */
export function completeUuidBridge(state: NodeState, inLeg: Channel, outLeg: Channel): void {
  if (!inLeg.answered && !inLeg.early && inLeg.direction === 'inbound') {
    inLeg.other = { type: 'originator', profile: cloneProfile(outLeg.profile) };
    outLeg.other = { type: 'originatee', profile: cloneProfile(inLeg.profile) };
    state.clock.after(40, () => {
      const source = `${Math.floor(state.clock.nowMicros() / 1e6)}:${state.newUuid()}:uuid_br`;
      inLeg.profile = { ...inLeg.profile, transferSource: `${source}:${outLeg.uuid}`, index: inLeg.profile.index + 1 };
      outLeg.profile = { ...outLeg.profile, transferSource: `${source}:${inLeg.uuid}`, index: outLeg.profile.index + 1 };
      hangup(state, inLeg, 'DESTINATION_OUT_OF_ORDER');
      hangup(state, outLeg, 'ORIGINATOR_CANCEL');
    });
    return;
  }
  state.clock.after(40, () => bridgeLegs(state, inLeg, outLeg, 'uuid_bridge'));
}
