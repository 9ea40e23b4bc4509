// The state changes of a channel and the events each one raises, in FreeSWITCH's order.
import { performance } from 'node:perf_hooks';
import type { HeaderValue } from '../protocol/fs-event.js';
import type { CallerProfile } from './caller-profile.js';
import { emptyTimes } from './caller-profile.js';
import type { Channel, LegKind, Recording } from './channel.js';
import { getVar, setApplication, setState, setVar } from './channel.js';
import type { ChannelEventParts } from './channel-event.js';
import { channelHeaders } from './channel-event.js';
import { addCdrVariables } from './cdr-variables.js';
import type { NodeState } from './node-state.js';

export interface LegSpec {
  readonly uuid: string;
  readonly name: string;
  readonly kind: LegKind;
  readonly profile: Omit<CallerProfile, 'times' | 'index' | 'uuid' | 'channelName' | 'direction' | 'logicalDirection'>;
  readonly vars: ReadonlyArray<readonly [string, HeaderValue]>;
}

export function createLeg(state: NodeState, spec: LegSpec): Channel {
  const direction = spec.kind === 'loopback-a' || spec.kind === 'sofia-out' ? 'outbound' : 'inbound';
  const now = state.clock.nowMicros();
  state.sessions += 1;
  const channel: Channel = {
    uuid: spec.uuid,
    name: spec.name,
    kind: spec.kind,
    direction,
    runningState: 'CS_INIT',
    stateNumber: 2,
    callState: 'DOWN',
    hitDialplan: direction === 'inbound',
    hasMedia: spec.kind !== 'sofia-out',
    answered: false,
    early: false,
    hungUp: false,
    hangupCause: undefined,
    profile: {
      ...spec.profile,
      direction,
      logicalDirection: direction,
      uuid: spec.uuid,
      channelName: spec.name,
      index: 1,
      times: emptyTimes(now),
    },
    other: undefined,
    vars: new Map(),
    peer: undefined,
    bridgedWith: undefined,
    parked: false,
    application: undefined,
    applicationData: undefined,
    recordings: new Map(),
    cancels: [],
    answerListeners: [],
    earlyListeners: [],
    hangupListeners: [],
    dtmfListeners: [],
    heldDigits: undefined,
    destroyHeld: false,
    pendingDestroy: undefined,
    appLog: [],
    now: () => state.clock.nowMicros(),
  };
  for (const [name, value] of spec.vars) setVar(channel, name, value);
  state.channels.set(channel.uuid, channel);
  return channel;
}

export function emitChannel(state: NodeState, channel: Channel, name: string, parts?: ChannelEventParts): void {
  state.bus.emit(name, channelHeaders(channel, parts));
}

/** Runs `fn` after `simMs` unless the channel hangs up first. */
export function channelTimer(state: NodeState, channel: Channel, simMs: number, fn: () => void): void {
  const cancel = state.clock.after(simMs, () => {
    if (!channel.hungUp) fn();
  });
  channel.cancels.push(cancel);
}

export function ringReady(state: NodeState, channel: Channel): void {
  if (channel.hungUp || channel.answered || channel.profile.times.progress !== 0) return;
  channel.profile.times.progress = state.clock.nowMicros();
  emitChannel(state, channel, 'CHANNEL_PROGRESS');
  channel.callState = 'RINGING';
}

export function preAnswer(state: NodeState, channel: Channel): void {
  if (channel.hungUp || channel.answered || channel.early) return;
  const peer = peerOf(state, channel);
  if (isFarLeg(channel) && peer !== undefined) preAnswer(state, peer);
  channel.early = true;
  if (channel.direction === 'outbound') consumeMedia(channel);
  markRemoteMedia(channel, false);
  channel.profile.times.progressMedia = state.clock.nowMicros();
  setVar(channel, 'endpoint_disposition', 'EARLY MEDIA');
  emitChannel(state, channel, 'CHANNEL_PROGRESS_MEDIA');
  channel.hasMedia = true;
  channel.callState = 'EARLY';
  for (const listener of channel.earlyListeners.splice(0)) listener();
}

export function answer(state: NodeState, channel: Channel): void {
  if (channel.hungUp || channel.answered) return;
  const peer = peerOf(state, channel);
  if (isFarLeg(channel) && peer !== undefined) answer(state, peer);
  channel.answered = true;
  markRemoteMedia(channel);
  channel.profile.times.answered = state.clock.nowMicros();
  if (channel.direction === 'outbound') consumeMedia(channel);
  emitChannel(state, channel, 'CHANNEL_ANSWER');
  channel.callState = 'ACTIVE';
  // Set after the event: CHANNEL_ANSWER itself still shows the disposition before it.
  const disposition = getVar(channel, 'endpoint_disposition');
  if (disposition === undefined || disposition === 'EARLY MEDIA') setVar(channel, 'endpoint_disposition', 'ANSWER');
  for (const listener of channel.answerListeners.splice(0)) listener();
  for (const hook of state.answerHooks) if (!channel.hungUp) hook(channel);
}

/** An outbound leg that has not run an application yet waits in CS_CONSUME_MEDIA once media
 *  flows; a parked or bridged one keeps its state. */
function consumeMedia(channel: Channel): void {
  if (channel.runningState === 'CS_INIT' || channel.runningState === 'CS_ROUTING') setState(channel, 'CS_CONSUME_MEDIA');
}

/** A SIP leg learns the far end's address and sets up media once it answers or sends early media. */
export function markRemoteMedia(channel: Channel, media = true): void {
  if (channel.kind !== 'sofia-out') return;
  if (media) channel.hasMedia = true;
  channel.profile.networkAddr = '127.0.0.1';
  channel.profile.calleeIdName = channel.profile.calleeIdNumber;
}

export function park(state: NodeState, channel: Channel): void {
  if (channel.hungUp) return;
  setApplication(channel, 'park');
  channel.parked = true;
  setState(channel, 'CS_EXECUTE');
  emitChannel(state, channel, 'CHANNEL_PARK');
  const notice = { uuid: channel.uuid, direction: channel.direction, at: performance.now() };
  for (const listener of state.parkListeners) listener(notice);
}

/** The inbound half of a loopback pair or of a SIP loop: it signals to its outbound half first. */
export function isFarLeg(channel: Channel): boolean {
  return channel.kind === 'loopback-b' || channel.kind === 'sofia-in';
}

export function peerOf(state: NodeState, channel: Channel): Channel | undefined {
  return channel.peer === undefined ? undefined : state.channels.get(channel.peer);
}

/** Hangs a channel up: CHANNEL_HANGUP now, HANGUP_COMPLETE and DESTROY shortly after. */
export function hangup(state: NodeState, channel: Channel, cause: string): void {
  if (channel.hungUp) return;
  const partner = channel.bridgedWith === undefined ? undefined : state.channels.get(channel.bridgedWith);
  if (partner !== undefined && channel.other?.type === 'originatee') unbridge(state, channel, partner, cause);
  channel.bridgedWith = undefined;
  for (const cancel of channel.cancels.splice(0)) cancel();
  channel.hungUp = true;
  channel.hangupCause = cause;
  channel.profile.times.hangup = state.clock.nowMicros();
  channel.stateNumber = 10;
  emitChannel(state, channel, 'CHANNEL_HANGUP');
  channel.callState = 'HANGUP';
  for (const recording of [...channel.recordings.values()]) stopRecording(state, channel, recording.path, 'success-silence');
  for (const listener of channel.hangupListeners.splice(0)) listener(cause);
  const peer = peerOf(state, channel);
  if (peer !== undefined && !peer.hungUp) {
    // The SIP answer to our INVITE (or the BYE) came from the looped far end.
    if (peer.kind === 'sofia-out') peer.profile.networkAddr = '127.0.0.1';
    hangup(state, peer, cause);
  }
  if (partner !== undefined && !partner.hungUp) {
    if (partner.other?.type === 'originatee') unbridge(state, partner, channel, cause);
    partner.bridgedWith = undefined;
    state.clock.after(20, () => hangup(state, partner, 'NORMAL_CLEARING'));
  }
  state.clock.after(20, () => report(state, channel));
}

function unbridge(state: NodeState, originator: Channel, originatee: Channel, cause: string): void {
  if (originator.bridgedWith === undefined) return;
  originator.vars.delete('bridge_to');
  setVar(originator, 'last_bridge_to', originatee.uuid);
  if (originator.sentCallee !== undefined) {
    setVar(originator, 'last_sent_callee_id_name', originator.sentCallee.name);
    setVar(originator, 'last_sent_callee_id_number', originator.sentCallee.number);
  }
  setVar(originator, 'last_bridge_hangup_cause', cause);
  setVar(originator, 'bridge_hangup_cause', cause);
  emitChannel(state, originator, 'CHANNEL_UNBRIDGE', {
    leading: [
      ['Bridge-A-Unique-ID', originator.uuid],
      ['Bridge-B-Unique-ID', originatee.uuid],
    ],
  });
  originator.bridgedWith = undefined;
}

function report(state: NodeState, channel: Channel): void {
  addCdrVariables(channel, state.clock.nowMicros(), state.config.wholeEpochSeconds);
  setState(channel, 'CS_REPORTING', 11);
  const poster = state.cdrPoster;
  if (poster === undefined) return completeHangup(state, channel);
  void poster.post(channel).then(() => completeHangup(state, channel));
}

/** CHANNEL_HANGUP_COMPLETE, then CHANNEL_DESTROY (unless a running originate holds it). */
function completeHangup(state: NodeState, channel: Channel): void {
  const cause = channel.hangupCause ?? 'NORMAL_CLEARING';
  emitChannel(state, channel, 'CHANNEL_HANGUP_COMPLETE', { leading: [['Hangup-Cause', cause]] });
  const destroy = (): void => {
    channel.pendingDestroy = undefined;
    channel.stateNumber = 12;
    emitChannel(state, channel, 'CHANNEL_DESTROY');
    state.channels.delete(channel.uuid);
  };
  if (channel.destroyHeld) channel.pendingDestroy = destroy;
  else destroy();
}

/** The originate that held this leg's CHANNEL_DESTROY has returned. */
export function releaseDestroy(channel: Channel): void {
  channel.destroyHeld = false;
  channel.pendingDestroy?.();
}

/** A DTMF digit reaches the channel: held while a confirm waits for the answer, otherwise a DTMF
 *  event (switch_channel_dequeue_dtmf: channel data without variables) and its listeners. */
export function receiveDtmf(state: NodeState, channel: Channel, digit: string): void {
  if (channel.hungUp) return;
  if (channel.heldDigits !== undefined) {
    channel.heldDigits.push(digit);
    return;
  }
  emitChannel(state, channel, 'DTMF', {
    withVariables: false,
    trailing: [
      ['DTMF-Digit', digit],
      ['DTMF-Duration', '2000'],
      ['DTMF-Source', 'UNKNOWN'],
    ],
  });
  for (const listener of [...channel.dtmfListeners]) listener(digit);
}

/** Stops holding digits: the held ones are delivered now, in order. */
export function releaseDigits(state: NodeState, channel: Channel): void {
  const held = channel.heldDigits ?? [];
  channel.heldDigits = undefined;
  for (const digit of held) receiveDtmf(state, channel, digit);
}

/** A recording that needs the answer (RECORD_ANSWER_REQ / media_bug_answer_req) and started
 *  during early media: the capture node's record_ms came out this much short of the answered
 *  time (2520 of 3020 ms, 4500 of 5000). */
const ANSWER_REQ_SHORTFALL_US = 500_000;

export function startRecording(state: NodeState, channel: Channel, path: string): void {
  const answerRequired = ['RECORD_ANSWER_REQ', 'media_bug_answer_req'].some((name) => getVar(channel, name) === 'true');
  channel.recordings.set(path, { path, startedUs: state.clock.nowMicros(), answerRequired });
  // RECORD_START comes at once, even during early media and with the answer required.
  emitChannel(state, channel, 'RECORD_START', { trailing: [['Record-File-Path', path]] });
}

/** The microsecond audio started reaching the file, or undefined if it never did. */
function recordedFrom(channel: Channel, recording: Recording): number | undefined {
  if (!recording.answerRequired) return recording.startedUs;
  const answered = channel.profile.times.answered;
  if (answered === 0) return undefined;
  return recording.startedUs >= answered ? recording.startedUs : answered + ANSWER_REQ_SHORTFALL_US;
}

export function stopRecording(state: NodeState, channel: Channel, path: string, completion: string): void {
  const recording = channel.recordings.get(path);
  if (recording === undefined) return;
  channel.recordings.delete(path);
  const from = recordedFrom(channel, recording);
  const ms = from === undefined ? 0 : Math.max(0, Math.round((state.clock.nowMicros() - from) / 1000));
  const samples = ms * 8;
  const channels = getVar(channel, 'RECORD_STEREO') === 'true' ? 2 : 1;
  setVar(channel, 'record_file_size', String(44 + samples * 2 * channels));
  setVar(channel, 'record_samples', String(samples));
  setVar(channel, 'record_seconds', String(Math.floor(ms / 1000)));
  setVar(channel, 'record_ms', String(ms));
  setVar(channel, 'record_completion_cause', completion);
  emitChannel(state, channel, 'RECORD_STOP', {
    trailing: [
      ['Record-File-Path', path],
      ['Record-Completion-Cause', completion],
    ],
  });
}
