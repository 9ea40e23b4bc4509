import { expect } from 'chai';
import { BadCommandInput, buildSchedBroadcast, buildSchedDel, buildSchedKill } from '../../src/index.js';

const OUT = '66b443c4-7038-4f1a-a1bb-da4d11018373';

function refusal(build: () => unknown): string {
  try {
    build();
  } catch (err) {
    expect(err).to.be.instanceOf(BadCommandInput);
    return (err as BadCommandInput).field;
  }
  return expect.fail('should refuse');
}

describe('buildSchedKill / buildSchedDel', () => {
  it('builds sched_api +<seconds> <group> uuid_kill <uuid> <cause> and sched_del <group>', () => {
    expect(buildSchedKill(OUT, 30, 'ALLOTTED_TIMEOUT', `cf-${OUT}`)).to.deep.equal({
      kind: 'api',
      text: `sched_api +30 cf-${OUT} uuid_kill ${OUT} ALLOTTED_TIMEOUT`,
    });
    expect(buildSchedKill(OUT, 86_400, 'NORMAL_CLEARING', 'fwd_1').text).to.equal(
      `sched_api +86400 fwd_1 uuid_kill ${OUT} NORMAL_CLEARING`,
    );
    expect(buildSchedDel(`cf-${OUT}`)).to.deep.equal({ kind: 'api', text: `sched_del cf-${OUT}` });
  });

  const refused: Array<[string, () => unknown, string]> = [
    ['an upper-case uuid', () => buildSchedKill(OUT.toUpperCase(), 30, 'ALLOTTED_TIMEOUT', 'g'), 'uuid'],
    ['0 seconds', () => buildSchedKill(OUT, 0, 'ALLOTTED_TIMEOUT', 'g'), 'seconds'],
    ['1.5 seconds', () => buildSchedKill(OUT, 1.5, 'ALLOTTED_TIMEOUT', 'g'), 'seconds'],
    ['more than a day', () => buildSchedKill(OUT, 86_401, 'ALLOTTED_TIMEOUT', 'g'), 'seconds'],
    [
      'seconds as text',
      () => buildSchedKill(OUT, '30' as unknown as number, 'ALLOTTED_TIMEOUT', 'g'),
      'seconds',
    ],
    ['NaN seconds', () => buildSchedKill(OUT, Number.NaN, 'ALLOTTED_TIMEOUT', 'g'), 'seconds'],
    ['a lower-case cause', () => buildSchedKill(OUT, 30, 'normal_clearing', 'g'), 'cause'],
    ['a cause with a command', () => buildSchedKill(OUT, 30, 'X\napi hupall', 'g'), 'cause'],
    ['an empty group', () => buildSchedKill(OUT, 30, 'ALLOTTED_TIMEOUT', ''), 'group'],
    ['a group with a space', () => buildSchedKill(OUT, 30, 'ALLOTTED_TIMEOUT', 'a hupall'), 'group'],
    ['a 65-character group', () => buildSchedKill(OUT, 30, 'ALLOTTED_TIMEOUT', 'g'.repeat(65)), 'group'],
    ['a digits-only group (a task id to sched_del)', () => buildSchedDel('24'), 'group'],
    ["a bare uuid group (the channel's own tasks)", () => buildSchedDel(OUT), 'group'],
    ['a group with a line break', () => buildSchedDel('cf\napi hupall'), 'group'],
  ];
  for (const [what, build, field] of refused) {
    it(`refuses ${what}`, () => {
      expect(refusal(build)).to.equal(field);
    });
  }
});

describe('buildSchedBroadcast (rule 12: the low-balance tone)', () => {
  it('builds sched_api +<seconds> <group> uuid_broadcast <uuid> <path> both', () => {
    expect(buildSchedBroadcast(OUT, 15, '/usr/share/freeswitch/sounds/tone/low.wav', `cf-warn-${OUT}-2`)).to.deep.equal({
      kind: 'api',
      text: `sched_api +15 cf-warn-${OUT}-2 uuid_broadcast ${OUT} /usr/share/freeswitch/sounds/tone/low.wav both`,
    });
  });

  const refused: Array<[string, () => unknown, string]> = [
    ['a relative path', () => buildSchedBroadcast(OUT, 15, 'tone/low.wav', 'g'), 'path'],
    ['an unexpanded $${} path', () => buildSchedBroadcast(OUT, 15, '$${sounds_dir}/low.wav', 'g'), 'path'],
    ['a path with a space and a second command', () => buildSchedBroadcast(OUT, 15, '/a.wav\napi hupall', 'g'), 'path'],
    ['a path with ..', () => buildSchedBroadcast(OUT, 15, '/usr/../etc/passwd', 'g'), 'path'],
    ['0 seconds', () => buildSchedBroadcast(OUT, 0, '/a.wav', 'g'), 'seconds'],
    ['a bad uuid', () => buildSchedBroadcast('x y', 15, '/a.wav', 'g'), 'uuid'],
  ];
  for (const [name, build, field] of refused) {
    it(`refuses ${name}`, () => expect(refusal(build)).to.equal(field));
  }
});
