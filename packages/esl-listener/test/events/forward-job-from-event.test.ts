import { expect } from 'chai';
import type { ForwardCall, ForwardEvent } from '@callfwd/domain';
import type { ChannelEvent } from '@callfwd/freeswitch';
import { forwardJobFromEvent, type ForwardJobFromEvent } from '../../src/index.js';
import {
  allCaptures,
  asOurLeg,
  backgroundJob,
  captured,
  capturedEvents,
  channelOnly,
  NODE,
  type ChannelOnlyEvent,
} from '../support/real-events.js';

// forward-originate-bridge-json: a caller parked, our leg originated (+OK), pre-answer, uuid_bridge, 3 s talk.
const BRIDGE = capturedEvents('esl-real/forward-originate-bridge-json');
const CALLER = 'f8ee97b3-9632-491c-bbee-5c448d249588';
const LEG = 'a711d615-c061-4645-a3aa-be3a9da11a6c';
const LEG_B = '641544e0-1185-47e0-bbf3-2e302aeb2bf8'; // the far -b half of our loopback leg
const CALLER_PHONE = 'd443b74b-b506-4308-8c80-dd8970e96d2d'; // the driver's -a leg: the caller's phone
const ORIGINATE_JOB = 'd12aa9ce-cedf-41a6-9ce6-1c51b8d006c0';
const DRIVER_JOB = '3a862a19-91b9-4d04-9c98-a0b5bd544a0f';
/** The events of our leg as the worker's originate makes them now (callfwd_leg added to the capture). */
const bridge = (name: ChannelEvent['name'], uuid: string): ChannelEvent => captured(BRIDGE, name, uuid);
const ours = (name: ChannelEvent['name'], uuid: string): ChannelEvent =>
  asOurLeg(bridge(name, uuid), LEG, CALLER);
const oursOnChannel = (name: ChannelOnlyEvent['name'], uuid: string): ChannelOnlyEvent =>
  channelOnly(ours(name, uuid));

// early-media-originate: our leg 28a3914b in early media (5 s), bridged during it, then answered.
const EARLY = capturedEvents('esl-real-next/early-media-originate');
const EARLY_CALLER = '95a1fac8-3716-4c56-a277-d548a3b71bf1';
const EARLY_LEG = '28a3914b-a524-462e-baeb-fe65d3f7ff49';
const early = (name: ChannelEvent['name'], uuid: string): ChannelEvent =>
  asOurLeg(captured(EARLY, name, uuid), EARLY_LEG, EARLY_CALLER);

/** The same originate as a confirm leg's (group_confirm_key in its block, as the worker sends it). */
function confirming(event: ChannelEvent): ChannelEvent {
  const jobEvent = backgroundJob(event);
  return { ...jobEvent, commandArg: jobEvent.commandArg.replace(/^\{/, '{group_confirm_key=1,') };
}

const CALL: ForwardCall = {
  node: NODE,
  callUuid: CALLER,
  connection: 'pbx-a',
  dialled: '600100',
  callerNumber: '48221234567',
  callerName: 'Alice Caller',
  disposition: null,
  parkedAt: 1795642071159,
  isForwardLeg: false,
};

function job(callUuid: string, event: ForwardEvent, id: string): ForwardJobFromEvent {
  return { kind: 'job', jobId: `fwd-${NODE}-${callUuid}-${id}`, job: { v: 2, node: NODE, callUuid, event } };
}

const NONE: ForwardJobFromEvent = { kind: 'none' };

describe('forwardJobFromEvent: real 1.10.12 events', () => {
  const rows: Array<[string, ChannelEvent, ForwardJobFromEvent]> = [
    [
      "the tagged caller's CHANNEL_PARK is `parked`, keyed by node and call",
      bridge('CHANNEL_PARK', CALLER),
      job(CALLER, { kind: 'parked', call: CALL }, 'parked'),
    ],
    [
      'our own leg parking after its originate (outbound, callfwd_parent) is nothing',
      ours('CHANNEL_PARK', LEG),
      NONE,
    ],
    [
      "the caller's phone (the driver's -a leg: outbound, untagged) parking is nothing",
      bridge('CHANNEL_PARK', CALLER_PHONE),
      NONE,
    ],
    [
      "our leg's CHANNEL_ANSWER is `leg_answered` for its caller",
      ours('CHANNEL_ANSWER', LEG),
      job(CALLER, { kind: 'leg_answered', legUuid: LEG, at: 1795642071199 }, `leg_answered-${LEG}`),
    ],
    [
      "the -b half's CHANNEL_ANSWER (loopback copied callfwd_leg onto it) is nothing",
      ours('CHANNEL_ANSWER', LEG_B),
      NONE,
    ],
    [
      "the caller's own CHANNEL_ANSWER (the bridge answers it) is nothing",
      bridge('CHANNEL_ANSWER', CALLER),
      NONE,
    ],
    [
      "the caller's CHANNEL_PROGRESS_MEDIA (uuid_pre_answer) is nothing",
      bridge('CHANNEL_PROGRESS_MEDIA', CALLER),
      NONE,
    ],
    [
      "our originate's BACKGROUND_JOB +OK is nothing (the leg's answer or early media is its own event)",
      ours('BACKGROUND_JOB', ORIGINATE_JOB),
      NONE,
    ],
    [
      "a confirm leg's BACKGROUND_JOB +OK is the key pressed (rule 9): `originate_result` ok",
      confirming(ours('BACKGROUND_JOB', ORIGINATE_JOB)),
      job(CALLER, { kind: 'originate_result', legUuid: LEG, ok: true, cause: null }, `originate_result-${LEG}`),
    ],
    [
      "another socket's originate (the driver's, no callfwd_* in its block) is nothing",
      bridge('BACKGROUND_JOB', DRIVER_JOB),
      NONE,
    ],
    [
      'an originate before callfwd_leg existed (callfwd_parent only) is nothing',
      bridge('BACKGROUND_JOB', ORIGINATE_JOB),
      NONE,
    ],
    [
      'CHANNEL_BRIDGE on the caller (the originator of uuid_bridge) is `leg_bridged` with Other-Leg-Unique-ID',
      bridge('CHANNEL_BRIDGE', CALLER),
      job(CALLER, { kind: 'leg_bridged', legUuid: LEG, at: 1795642071259 }, `leg_bridged-${LEG}`),
    ],
    [
      "our leg's CHANNEL_HANGUP_COMPLETE is `leg_hung_up`, bridgedAt its bridge_uepoch (last_bridge_to is the caller)",
      ours('CHANNEL_HANGUP_COMPLETE', LEG),
      job(
        CALLER,
        {
          kind: 'leg_hung_up',
          legUuid: LEG,
          cause: 'NORMAL_CLEARING',
          billsec: 3,
          answeredAt: 1795642071199,
          endedAt: 1795642074219,
          bridgedAt: 1795642071259,
        },
        `leg_hung_up-${LEG}`,
      ),
    ],
    ["the -b half's hangup is nothing", ours('CHANNEL_HANGUP_COMPLETE', LEG_B), NONE],
    [
      "a hangup of a leg that is not ours (the caller's phone) is nothing",
      bridge('CHANNEL_HANGUP_COMPLETE', CALLER_PHONE),
      NONE,
    ],
    [
      // FreeSWITCH keeps last_app=park on a caller uuid_bridge'd out of park; its bridge_uepoch says it was bridged.
      "the caller's CHANNEL_HANGUP_COMPLETE is `caller_hung_up` with the call it describes; a bridged caller did not hang up parked",
      bridge('CHANNEL_HANGUP_COMPLETE', CALLER),
      job(
        CALLER,
        {
          kind: 'caller_hung_up',
          cause: 'NORMAL_CLEARING',
          at: 1795642074199,
          call: { ...CALL, parkedAt: 1795642074199 },
          parked: false,
        },
        'caller_hung_up',
      ),
    ],
    [
      "our leg's CHANNEL_PROGRESS_MEDIA is `leg_early_media`",
      early('CHANNEL_PROGRESS_MEDIA', EARLY_LEG),
      job(
        EARLY_CALLER,
        { kind: 'leg_early_media', legUuid: EARLY_LEG, at: 1796153217588 },
        `leg_early_media-${EARLY_LEG}`,
      ),
    ],
    [
      'a leg bridged during early media has a bridgedAt before its answer',
      early('CHANNEL_HANGUP_COMPLETE', EARLY_LEG),
      job(
        EARLY_CALLER,
        {
          kind: 'leg_hung_up',
          legUuid: EARLY_LEG,
          cause: 'NORMAL_CLEARING',
          billsec: 3,
          answeredAt: 1796153222588,
          endedAt: 1796153225628,
          bridgedAt: 1796153217688,
        },
        `leg_hung_up-${EARLY_LEG}`,
      ),
    ],
  ];
  for (const [what, event, expected] of rows) {
    it(what, () => expect(forwardJobFromEvent(event)).to.deep.equal(expected));
  }

  it('a bridge reported on the leg makes the same job id as the one reported on the caller', () => {
    const onCaller = forwardJobFromEvent(bridge('CHANNEL_BRIDGE', CALLER));
    const onLeg = forwardJobFromEvent({
      ...oursOnChannel('CHANNEL_ANSWER', LEG),
      name: 'CHANNEL_BRIDGE',
      otherUuid: CALLER,
      timestampUs: 1795642071259469,
    });
    expect(onLeg).to.deep.equal(onCaller);
  });

  it('a caller hung up while parked: ORIGINATOR_CANCEL, parked (early-hangup-originate)', () => {
    const events = capturedEvents('esl-real/early-hangup-originate');
    const j = forwardJobFromEvent(
      captured(events, 'CHANNEL_HANGUP_COMPLETE', 'ddf7d853-97fd-42d3-8864-cacbfd84966c'),
    );
    expect(j.kind === 'job' && j.job.event).to.deep.include({
      kind: 'caller_hung_up',
      cause: 'ORIGINATOR_CANCEL',
      at: 1795642089319,
      parked: true,
    });
  });

  it('a caller that left park for an inline bridge is not parked at its hangup (forward-transfer-inline)', () => {
    const events = capturedEvents('esl-real/forward-transfer-inline');
    const j = forwardJobFromEvent(
      captured(events, 'CHANNEL_HANGUP_COMPLETE', 'e2364514-b00c-4c0e-8eb3-99773b7b09f9'),
    );
    expect(j.kind === 'job' && j.job.event).to.deep.include({ kind: 'caller_hung_up', parked: false });
    expect(
      j.kind === 'job' && j.job.event.kind === 'caller_hung_up' && j.job.event.call?.isForwardLeg,
    ).to.equal(true);
  });

  it('a call parked after the desk phone was busy carries the disposition (park-after-desk)', () => {
    const events = capturedEvents('esl-real/park-after-desk');
    const busy = forwardJobFromEvent(
      captured(events, 'CHANNEL_PARK', '50d6a44d-85af-4465-ba65-c4c5aed01732'),
    );
    const noAnswer = forwardJobFromEvent(
      captured(events, 'CHANNEL_PARK', 'c9412db9-eb5e-4b66-b89a-98d28a717727'),
    );
    expect(
      busy.kind === 'job' && busy.job.event.kind === 'parked' && busy.job.event.call.disposition,
    ).to.equal('USER_BUSY');
    expect(
      noAnswer.kind === 'job' && noAnswer.job.event.kind === 'parked' && noAnswer.job.event.call.disposition,
    ).to.equal('NO_ANSWER');
  });

  it("a failed originate's -ERR cause is the result's cause (failed-originate, tagged as ours)", () => {
    const events = capturedEvents('esl-real/failed-originate');
    const busy = asOurLeg(
      captured(events, 'BACKGROUND_JOB', '3a4cdaa4-6307-4257-9146-8d519a3dcf34'),
      '974a3253-77bf-4887-bb39-b0da75e611b8',
      CALLER,
    );
    expect(forwardJobFromEvent(busy)).to.deep.equal(
      job(
        CALLER,
        {
          kind: 'originate_result',
          legUuid: '974a3253-77bf-4887-bb39-b0da75e611b8',
          ok: false,
          cause: 'USER_BUSY',
        },
        'originate_result-974a3253-77bf-4887-bb39-b0da75e611b8',
      ),
    );
  });

  it('every event of every capture maps without a throw; untouched, only tagged callers make jobs (no capture has callfwd_leg = uuid)', () => {
    const captures = allCaptures();
    expect(captures.length).to.be.greaterThan(20);
    let jobs = 0;
    for (const [capture, socket] of captures) {
      for (const event of capturedEvents(capture, socket)) {
        const j = forwardJobFromEvent(event);
        expect(
          j.kind,
          `${capture}/${socket} ${event.name}: ${j.kind === 'invalid' ? j.error : ''}`,
        ).to.not.equal('invalid');
        if (j.kind !== 'job') continue;
        jobs += 1;
        expect(['parked', 'caller_hung_up', 'leg_bridged'], `${capture} ${event.name}`).to.include(
          j.job.event.kind,
        );
      }
    }
    expect(jobs).to.be.greaterThan(0);
  });
});

describe('forwardJobFromEvent: literal events', () => {
  const tagged = channelOnly(bridge('CHANNEL_PARK', CALLER));
  const legHangup = oursOnChannel('CHANNEL_HANGUP_COMPLETE', LEG);
  const bgJob = backgroundJob(ours('BACKGROUND_JOB', ORIGINATE_JOB));
  const withVars = (event: ChannelOnlyEvent, vars: Record<string, string | undefined>): ChannelEvent => ({
    ...event,
    variables: { ...event.variables, ...vars } as Record<string, string>,
  });

  const rows: Array<[string, ChannelEvent, ForwardJobFromEvent['kind'], string?]> = [
    ['an untagged inbound park', withVars(tagged, { callfwd_connection: undefined }), 'none'],
    ['an inbound park carrying callfwd_parent', withVars(tagged, { callfwd_parent: LEG }), 'none'],
    ['an outbound tagged park', { ...tagged, direction: 'outbound' }, 'none'],
    [
      'a tag that is not a connection id',
      withVars(tagged, { callfwd_connection: 'pbx a;drop' }),
      'invalid',
      'connection',
    ],
    [
      'our leg whose callfwd_parent is not a uuid',
      withVars(legHangup, { callfwd_parent: 'nope' }),
      'invalid',
      'callfwd_parent',
    ],
    [
      'a caller bridged to something that is not a uuid',
      { ...bridge('CHANNEL_BRIDGE', CALLER), otherUuid: '' } as ChannelEvent,
      'invalid',
      'not a uuid',
    ],
    [
      'an originate whose callfwd_leg is not a uuid',
      { ...bgJob, commandArg: bgJob.commandArg.replace(`callfwd_leg=${LEG}`, 'callfwd_leg=slow-703') },
      'invalid',
      'callfwd_leg',
    ],
    ['a BACKGROUND_JOB of another command', { ...bgJob, command: 'uuid_kill' }, 'none'],
    [
      'a CHANNEL_UNBRIDGE',
      { ...bridge('CHANNEL_BRIDGE', CALLER), name: 'CHANNEL_UNBRIDGE' } as ChannelEvent,
      'none',
    ],
    [
      'a CHANNEL_HANGUP of our leg (only HANGUP_COMPLETE carries the figures)',
      { ...legHangup, name: 'CHANNEL_HANGUP' } as ChannelEvent,
      'none',
    ],
    [
      'a CHANNEL_CREATE of our leg',
      { ...oursOnChannel('CHANNEL_ANSWER', LEG), name: 'CHANNEL_CREATE' },
      'none',
    ],
  ];
  for (const [what, event, kind, error] of rows) {
    it(`${what}: ${kind}`, () => {
      const j = forwardJobFromEvent(event);
      expect(j.kind).to.equal(kind);
      if (error !== undefined && j.kind === 'invalid') expect(j.error).to.include(error);
    });
  }

  it('a leg never bridged, or bridged to someone else, has no bridgedAt', () => {
    for (const vars of [{ bridge_uepoch: '0' }, { last_bridge_to: LEG_B }, { bridge_uepoch: undefined }]) {
      const j = forwardJobFromEvent(withVars(legHangup, vars));
      expect(j.kind === 'job' && j.job.event.kind === 'leg_hung_up' && j.job.event.bridgedAt).to.equal(null);
    }
  });

  it('a leg that never answered has answeredAt null; a hangup time of 0 falls back to the event time', () => {
    const j = forwardJobFromEvent({
      ...legHangup,
      answeredAtUs: null,
      endedAtUs: null,
      billsec: 0,
    } as ChannelEvent);
    expect(j.kind === 'job' && j.job.event).to.deep.include({
      answeredAt: null,
      endedAt: 1795642074219,
      billsec: 0,
    });
  });

  it('flags a call that is itself a forward (callfwd_forwarded), for the loop guard', () => {
    const j = forwardJobFromEvent(withVars(tagged, { callfwd_forwarded: 'true' }));
    expect(j.kind === 'job' && j.job.event.kind === 'parked' && j.job.event.call.isForwardLeg).to.equal(true);
  });

  it('keeps hostile caller text as bounded data', () => {
    const j = forwardJobFromEvent({
      ...tagged,
      callerName: `x'}\n${'A'.repeat(10_000)}`,
      callerNumber: '1'.repeat(5_000),
      destination: '9'.repeat(500),
    });
    const call = j.kind === 'job' && j.job.event.kind === 'parked' ? j.job.event.call : undefined;
    expect(call?.callerName).to.have.length(256);
    expect(call?.callerName.startsWith("x'}\n")).to.equal(true);
    expect(call?.callerNumber).to.have.length(256);
    expect(call?.dialled).to.have.length(64);
  });

  it('bounds a long hangup cause and a long -ERR reply', () => {
    const hangup = forwardJobFromEvent({ ...legHangup, hangupCause: 'X'.repeat(500) } as ChannelEvent);
    expect(
      hangup.kind === 'job' && hangup.job.event.kind === 'leg_hung_up' && hangup.job.event.cause,
    ).to.have.length(64);
    const failed = forwardJobFromEvent({
      ...bgJob,
      result: { ok: false, error: `-USAGE: ${'y'.repeat(500)}` },
    });
    expect(
      failed.kind === 'job' && failed.job.event.kind === 'originate_result' && failed.job.event.cause,
    ).to.have.length(64);
  });
});
