import { expect } from 'chai';
import fc from 'fast-check';
import { buildOriginate, formatVariableBlock, parseOriginateArg } from '../../src/index.js';
import { splitFrames } from '../support/esl-frames.js';
import { readNextFixture } from '../support/fixtures.js';

/** Every Job-Command-Arg of the captured BACKGROUND_JOBs of an esl-real-next socket (JSON events). */
function capturedArgs(capture: string): string[] {
  return splitFrames(readNextFixture(`${capture}.recv.raw`))
    .filter((f) => f.headers['Content-Type'] === 'text/event-json')
    .map((f) => JSON.parse(f.body) as Record<string, unknown>)
    .filter((e) => e['Event-Name'] === 'BACKGROUND_JOB')
    .map((e) => String(e['Job-Command-Arg']));
}

describe('parseOriginateArg', () => {
  it('reads a real BACKGROUND_JOB with a quoted value (execute_on_answer, early-media-originate)', () => {
    const arg = capturedArgs('early-media-originate/controller').find((a) => a.includes('execute_on_answer'));
    expect(parseOriginateArg(arg ?? '')).to.deep.equal({
      origination_uuid: '28a3914b-a524-462e-baeb-fe65d3f7ff49',
      origination_caller_id_number: '48220000001',
      origination_caller_id_name: 'Forward Via',
      originate_timeout: '30',
      callfwd_parent: '95a1fac8-3716-4c56-a277-d548a3b71bf1',
      execute_on_answer: 'sched_hangup +5 ALLOTTED_TIMEOUT',
    });
  });

  it('reads escaped commas of a real value (group_confirm_file, confirm-key) and stops at the block', () => {
    const arg = capturedArgs('confirm-key/controller').find((a) => a.includes('[leg_timeout=6]'));
    const vars = parseOriginateArg(arg ?? '');
    expect(vars.group_confirm_file).to.equal('tone_stream://%(200,0,600)');
    expect(vars).to.not.have.property('leg_timeout');
    expect(vars.origination_uuid).to.match(/^[0-9a-f-]{36}$/);
  });

  it('reads the block of every captured BACKGROUND_JOB of the second round', () => {
    const all = [
      'early-media-originate',
      'confirm-key',
      'sched-and-broadcast',
      'simultaneous-originate',
    ].flatMap((s) => capturedArgs(`${s}/controller`));
    expect(all.length).to.be.greaterThan(10);
    for (const arg of all) expect(parseOriginateArg(arg).origination_caller_id_number, arg).to.match(/^\d+$/);
  });

  const edges: Array<[string, Record<string, string>]> = [
    ['loopback/700/x &park()', {}],
    ['{a=1,b=2', {}],
    ['{}loopback/700/x', {}],
    [' {a=1}', {}],
    ['{a=1,a=2}x', { a: '2' }],
    ['{a=x=y,=bad,novalue}x', { a: 'x=y' }],
    ["{a='}',b=2}x", { a: '}', b: '2' }],
    ['{__proto__=x}y', { ['__proto__']: 'x' }],
  ];
  for (const [arg, vars] of edges) {
    it(`reads ${JSON.stringify(arg)}`, () => {
      const parsed = parseOriginateArg(arg);
      expect(Object.entries(parsed)).to.deep.equal(Object.entries(vars));
      expect(Object.isFrozen(parsed)).to.equal(true);
    });
  }

  it('is the inverse of formatVariableBlock and of buildOriginate (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/);
    const valueChar = fc.constantFrom(...'aZ9 ,.;=<>:@_-+/()#*!?%~żΩ中٣'.split(''), 'e\u0301');
    const value = fc
      .array(valueChar, { minLength: 1, maxLength: 60 })
      .map((chars) => chars.join(''))
      .filter((v) => v.length <= 256);
    const pairs = fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n, maxLength: 8 });
    const rest = fc.constantFrom(
      'loopback/700/forward-target &park()',
      '[leg_timeout=6]sofia/gateway/a/1 &park()',
      '',
    );
    fc.assert(
      fc.property(pairs, rest, (pairs, rest) => {
        const parsed = parseOriginateArg(`${formatVariableBlock(pairs)}${rest}`);
        expect(Object.entries(parsed)).to.deep.equal(pairs);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(pairs, (pairs) => {
        const variables = Object.fromEntries(pairs.filter(([n]) => n !== 'origination_uuid'));
        const command = buildOriginate({
          legUuid: 'a711d615-c061-4645-a3aa-be3a9da11a6c',
          jobUuid: 'd12aa9ce-cedf-41a6-9ce6-1c51b8d006c0',
          dialString: 'loopback/700/forward-target',
          variables,
        });
        const parsed = parseOriginateArg(command.text.slice('originate '.length));
        expect(parsed).to.deep.equal({
          origination_uuid: 'a711d615-c061-4645-a3aa-be3a9da11a6c',
          ...variables,
        });
      }),
      { numRuns: 200 },
    );
  });
});
