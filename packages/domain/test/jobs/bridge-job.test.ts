import { expect } from 'chai';
import { bridgeJobId, parseBridgeJob } from '../../src/index.js';

const valid = {
  v: 1,
  node: 'fs1',
  callUuid: '6f1c1b7e-8a53-4f0e-9d2a-3c4b5a697f10',
  connection: 'pbx-a',
  dialled: '48221110001',
  callerNumber: '48221234567',
  callerName: 'Alice Caller',
  disposition: 'USER_BUSY',
  parkedAt: 1_767_225_600_000,
  isForwardLeg: false,
};

describe('bridge job payload', () => {
  it('parses a valid payload, and keeps caller-controlled strings as they are', () => {
    const odd = { ...valid, callerName: "Mallory'}{x", disposition: null };
    expect(parseBridgeJob(odd)).to.deep.equal({ ok: true, job: odd });
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['a wrong version', { ...valid, v: 2 }, 'v: '],
    ['an unsafe node id', { ...valid, node: 'fs:1' }, 'node: must be an id'],
    [
      'an upper-case call UUID',
      { ...valid, callUuid: valid.callUuid.toUpperCase() },
      'callUuid: must be a lower-case UUID',
    ],
    ['an over-long dialled number', { ...valid, dialled: '1'.repeat(65) }, 'dialled: '],
    ['an over-long caller name', { ...valid, callerName: 'x'.repeat(257) }, 'callerName: '],
    ['a missing flag', { ...valid, isForwardLeg: undefined }, 'isForwardLeg: '],
    ['a negative park time', { ...valid, parkedAt: -1 }, 'parkedAt: '],
  ];
  for (const [name, payload, error] of bad) {
    it(`refuses ${name} with a readable path: message`, () => {
      const result = parseBridgeJob(payload);
      expect(result.ok ? 'ok' : result.error).to.contain(error);
    });
  }

  it('refuses something that is not an object', () => {
    expect(parseBridgeJob('hello')).to.have.property('ok', false);
  });

  it('derives one job id per call per node, without ":"', () => {
    const id = bridgeJobId('fs1', valid.callUuid);
    expect(id).to.equal(`bridge-fs1-${valid.callUuid}`);
    expect(id).not.to.contain(':');
  });
});
