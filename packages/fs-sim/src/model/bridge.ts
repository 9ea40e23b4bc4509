// Bridging two legs (uuid_bridge, the `bridge` application): the inbound leg is answered, both
// get the other's profile, and ONE CHANNEL_BRIDGE is raised on the originator (inbound) leg.
import type { Channel } from './channel.js';
import { setState, setVar } from './channel.js';
import { answer, emitChannel, hangup } from './channel-actions.js';
import type { NodeState } from './node-state.js';

export function bridgeLegs(state: NodeState, inLeg: Channel, outLeg: Channel): void {
  if (inLeg.hungUp || outLeg.hungUp) return;
  const now = state.clock.nowMicros();
  const source = `${Math.floor(now / 1e6)}:${state.newUuid()}:uuid_br:${outLeg.uuid}`;
  setState(inLeg, 'CS_SOFT_EXECUTE');
  inLeg.profile = {
    ...inLeg.profile,
    calleeIdName: outLeg.profile.origCallerIdName,
    calleeIdNumber: outLeg.profile.origCallerIdNumber,
    transferSource: source,
    index: inLeg.profile.index + 1,
    times: { ...inLeg.profile.times, bridged: now },
  };
  inLeg.other = { type: 'originatee', profile: outLeg.profile };
  setVar(inLeg, 'bridge_channel', outLeg.name);
  setVar(inLeg, 'bridge_uuid', outLeg.uuid);
  setVar(inLeg, 'signal_bond', outLeg.uuid);
  setVar(inLeg, 'original_destination_number', inLeg.profile.destinationNumber);
  if (inLeg.profile.callerIdName !== undefined) setVar(inLeg, 'original_caller_id_name', inLeg.profile.callerIdName);
  setVar(inLeg, 'original_caller_id_number', inLeg.profile.callerIdNumber);
  setVar(inLeg, 'transfer_history', source);
  setVar(inLeg, 'transfer_source', source);
  answer(state, inLeg);
  setState(outLeg, 'CS_EXCHANGE_MEDIA');
  outLeg.profile = {
    ...outLeg.profile,
    callerIdName: inLeg.profile.callerIdName,
    callerIdNumber: inLeg.profile.callerIdNumber,
    calleeIdName: outLeg.profile.origCallerIdName,
    calleeIdNumber: outLeg.profile.origCallerIdNumber,
    transferSource: source,
    index: outLeg.profile.index + 1,
    times: { ...outLeg.profile.times, bridged: now },
  };
  outLeg.other = { type: 'originator', profile: inLeg.profile };
  setVar(outLeg, 'bridge_to', inLeg.uuid);
  setVar(outLeg, 'last_bridge_to', inLeg.uuid);
  setVar(outLeg, 'bridge_channel', inLeg.name);
  setVar(outLeg, 'bridge_uuid', inLeg.uuid);
  setVar(outLeg, 'signal_bond', inLeg.uuid);
  if (inLeg.profile.callerIdName !== undefined) setVar(outLeg, 'last_sent_callee_id_name', inLeg.profile.callerIdName);
  setVar(outLeg, 'last_sent_callee_id_number', inLeg.profile.callerIdNumber);
  setVar(outLeg, 'last_bridge_role', 'originatee');
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

/** uuid_bridge after its +OK reply. A parked inbound leg with neither answer nor early media
 *  cannot be bridged: FreeSWITCH drops it (DESTINATION_OUT_OF_ORDER) and cancels the other. */
export function completeUuidBridge(state: NodeState, inLeg: Channel, outLeg: Channel): void {
  if (!inLeg.answered && !inLeg.early && inLeg.direction === 'inbound') {
    state.clock.after(40, () => {
      hangup(state, inLeg, 'DESTINATION_OUT_OF_ORDER');
      hangup(state, outLeg, 'ORIGINATOR_CANCEL');
    });
    return;
  }
  state.clock.after(40, () => bridgeLegs(state, inLeg, outLeg));
}
