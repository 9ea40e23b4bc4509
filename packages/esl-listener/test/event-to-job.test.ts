import { expect } from 'chai';
import type { ChannelEvent } from '@callfwd/freeswitch';
import { jobFromEvent } from '../src/index.js';

const CALL = '0d89344e-0b6f-4e7f-9e33-7f392679cc5a';
const LEG = '3800ec3f-e691-484c-8f9f-ab4b15876798';

function park(over: Partial<Record<string, unknown>> = {}, variables: Record<string, string> = {}): ChannelEvent {
  return {
    name: 'CHANNEL_PARK',
    node: 'fs1',
    uuid: CALL,
    direction: 'inbound',
    channelName: 'sofia/external/48221234567@127.0.0.1',
    callerNumber: '48221234567',
    callerName: 'Alice Caller',
    origCallerNumber: '48221234567',
    destination: '48221110001',
    context: 'public',
    answerState: 'ringing',
    timestampUs: 1795642119579507,
    sequence: 1,
    variables: { callfwd_connection: 'pbx-a', ...variables },
    arrayVariables: {},
    ...over,
  };
}

function hangupComplete(variables: Record<string, string>): ChannelEvent {
  return {
    ...(park({ uuid: LEG, direction: 'outbound' }) as object),
    name: 'CHANNEL_HANGUP_COMPLETE',
    variables,
    hangupCause: 'NORMAL_CLEARING',
    billsec: 42,
    answeredAtUs: 1795642120000000,
    endedAtUs: 1795642162000000,
  } as ChannelEvent;
}

describe('events to jobs', () => {
  it('a parked, tagged inbound call becomes one bridge job keyed by node and call', () => {
    const j = jobFromEvent(park({}, { originate_disposition: 'USER_BUSY' }));
    expect(j).to.deep.equal({
      kind: 'bridge',
      jobId: `bridge-fs1-${CALL}`,
      job: {
        v: 1,
        node: 'fs1',
        callUuid: CALL,
        connection: 'pbx-a',
        dialled: '48221110001',
        callerNumber: '48221234567',
        callerName: 'Alice Caller',
        disposition: 'USER_BUSY',
        parkedAt: 1795642119579,
        isForwardLeg: false,
      },
    });
  });

  const ignored: Array<[string, ChannelEvent]> = [
    ['an untagged call', park({ variables: {} })],
    ['our own forward leg parking after its originate', park({ direction: 'outbound' }, { callfwd_parent: CALL })],
    ['an inbound leg carrying callfwd_parent', park({}, { callfwd_parent: CALL })],
    ['a hangup of a leg that is not ours', hangupComplete({})],
  ];
  for (const [what, event] of ignored) {
    it(`ignores ${what}`, () => expect(jobFromEvent(event)).to.deep.equal({ kind: 'none' }));
  }

  it('flags a call that is itself a forward (callfwd_forwarded), for the loop guard', () => {
    const j = jobFromEvent(park({}, { callfwd_forwarded: 'true' }));
    expect(j.kind === 'bridge' && j.job.isForwardLeg).to.equal(true);
  });

  it('keeps hostile caller text as bounded data', () => {
    const j = jobFromEvent(park({ callerName: `x'}\n${'A'.repeat(10_000)}`, callerNumber: '1'.repeat(5_000) }));
    expect(j.kind).to.equal('bridge');
    if (j.kind !== 'bridge') return;
    expect(j.job.callerName).to.have.length(256);
    expect(j.job.callerName.startsWith("x'}\n")).to.equal(true);
    expect(j.job.callerNumber).to.have.length(256);
  });

  it('a tag that is not a valid connection id is an invalid job, not a crash', () => {
    expect(jobFromEvent(park({}, { callfwd_connection: 'pbx a;drop' })).kind).to.equal('invalid');
  });

  it("a forwarded leg's hangup becomes one settle job keyed by the leg, in ms", () => {
    expect(jobFromEvent(hangupComplete({ callfwd_parent: CALL }))).to.deep.equal({
      kind: 'settle',
      jobId: `settle-fs1-${LEG}`,
      job: {
        v: 1,
        node: 'fs1',
        callUuid: CALL,
        legUuid: LEG,
        hangupCause: 'NORMAL_CLEARING',
        billsec: 42,
        answeredAt: 1795642120000,
        endedAt: 1795642162000,
      },
    });
  });

  it('a callfwd_parent that is not a uuid is invalid', () => {
    expect(jobFromEvent(hangupComplete({ callfwd_parent: 'nope' })).kind).to.equal('invalid');
  });
});
