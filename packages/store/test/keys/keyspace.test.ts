import { expect } from 'chai';
import { createKeyspace } from '../../src/keys/keyspace.js';

/** The part Redis Cluster hashes: between the first '{' and the next '}'. */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return key.slice(open + 1, close);
}

describe('createKeyspace', () => {
  const keys = createKeyspace('cf');

  it('puts every key of one account in the account’s slot', () => {
    const a = keys.account('acme');
    const all = [
      a.balance,
      a.reserved,
      a.topups,
      a.debits,
      a.stats,
      a.pendingHolds,
      a.holdExpiry,
      a.resolvedHolds,
      a.resolvedHoldsAt,
    ];
    expect(new Set(all.map(hashTag))).to.deep.equal(new Set(['acct:acme']));
    expect(a.balance).to.equal('cf:{acct:acme}:balance');
  });

  it('puts a node’s forwards, bridged legs and queues in per-node slots', () => {
    const n = keys.node('fs1');
    expect(n.bridged).to.equal('cf:{node:fs1}:bridged');
    expect(new Set([n.forwardDoc('c1'), n.effect('e1'), n.live, n.bridged].map(hashTag))).to.deep.equal(
      new Set(['node:fs1']),
    );
    expect(n.forwardDoc('c1')).to.equal('cf:{node:fs1}:doc:c1');
    expect(keys.queuePrefix('fs1')).to.equal('cf:{q:fs1}');
  });

  it('puts records and recordings in one slot, settings in another', () => {
    const r = keys.records;
    const all = [
      r.record('c1'),
      r.byTime,
      r.byAccount('a'),
      r.byOutcome('o'),
      r.byAccountOutcome('a', 'o'),
      r.recording('c1'),
      r.recordings,
      r.recordingsByAccount('a'),
    ];
    expect(new Set(all.map(hashTag))).to.deep.equal(new Set(['records']));
    expect(hashTag(keys.settings.forwardVia)).to.equal('settings');
  });

  it('refuses ids that would break a hash tag', () => {
    expect(() => keys.account('a}b')).to.throw(RangeError);
    expect(() => keys.node('{x')).to.throw(RangeError);
    expect(() => keys.records.record('')).to.throw(RangeError);
    expect(() => createKeyspace('c f')).to.throw(RangeError);
  });
});
