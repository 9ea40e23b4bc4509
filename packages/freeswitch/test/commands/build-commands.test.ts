import { expect } from 'chai';
import fc from 'fast-check';
import {
  BadCommandInput,
  buildBridge,
  buildExists,
  buildGetVar,
  buildKill,
  buildOriginate,
  buildPreAnswer,
  buildRecord,
  buildSchedHangup,
  buildSetVar,
  buildShowChannels,
  buildTransfer,
  renderDialString,
  wireBytes,
  type EslCommand,
} from '../../src/index.js';
import { sentCommands } from '../support/fixtures.js';
import { parseVariableBlock } from '../support/parse-variable-block.js';

const LEG = 'a711d615-c061-4645-a3aa-be3a9da11a6c';
const JOB = 'd12aa9ce-cedf-41a6-9ce6-1c51b8d006c0';
const INBOUND = 'f8ee97b3-9632-491c-bbee-5c448d249588';

function expectSent(capture: string, command: EslCommand): void {
  expect(sentCommands(capture)).to.include(wireBytes(command));
}

describe('command bytes equal what the captured controller sent', () => {
  it('bgapi originate with our Job-UUID, quoted caller name, &park()', () => {
    expectSent(
      'forward-originate-bridge-json/controller',
      buildOriginate({
        legUuid: LEG,
        jobUuid: JOB,
        dialString: 'loopback/700/forward-target',
        variables: {
          origination_caller_id_number: '48220000001',
          origination_caller_id_name: 'Forward Via',
          originate_timeout: '30',
          callfwd_parent: INBOUND,
        },
      }),
    );
  });

  it('bgapi originate through a SIP gateway with a Diversion header', () => {
    expectSent(
      'sip-forward/controller',
      buildOriginate({
        legUuid: 'ed489c76-c5f3-4350-a7b8-fc6adf2a7c25',
        jobUuid: '4d9406a1-28a4-40c5-a372-85213f177b25',
        dialString: renderDialString('sofia/gateway/self/{number}', '700'),
        variables: {
          origination_caller_id_number: '48220000001',
          origination_caller_id_name: 'Forward Via',
          originate_timeout: '30',
          sip_h_Diversion: '<sip:48221234567@127.0.0.1>;reason=unconditional',
        },
      }),
    );
  });

  it('uuid_pre_answer and uuid_bridge', () => {
    expectSent('forward-originate-bridge-json/controller', buildPreAnswer(INBOUND));
    expectSent('forward-originate-bridge-json/controller', buildBridge(INBOUND, LEG));
  });

  it('uuid_kill with and without a cause', () => {
    expectSent(
      'early-hangup-originate/controller',
      buildKill('966a17f2-6b6e-4a98-9895-f702e4322da1', 'ORIGINATOR_CANCEL'),
    );
    expectSent('early-hangup-late-bridge/controller', buildKill('24fc3820-3c8a-4598-9c3e-b6d6dc5af2c6'));
  });

  it('uuid_transfer inline with a bridge, and inline apps without arguments', () => {
    expectSent(
      'forward-transfer-inline/controller',
      buildTransfer('e2364514-b00c-4c0e-8eb3-99773b7b09f9', {
        kind: 'inline',
        apps: [
          ['set', 'callfwd_forwarded=true'],
          [
            'bridge',
            '{origination_uuid=a3238cca-a931-42b4-9a2f-fd5ce33f6018,origination_caller_id_number=48220000001}loopback/700/forward-target/XML',
          ],
        ],
      }),
    );
    expectSent(
      'failed-originate/controller',
      buildTransfer('8d70b7ef-3c34-4795-886d-9b868e195b08', {
        kind: 'inline',
        apps: [
          ['answer', ''],
          ['sleep', '1000'],
          ['hangup', 'NORMAL_TEMPORARY_FAILURE'],
        ],
      }),
    );
  });

  it('uuid_transfer to an extension', () => {
    expectSent(
      'api-errors/client',
      buildTransfer('00000000-0000-0000-0000-000000000000', {
        kind: 'extension',
        extension: '700',
        dialplan: 'XML',
        context: 'forward-target',
      }),
    );
  });

  it('uuid_setvar, uuid_record start/stop, uuid_getvar, uuid_exists, show channels as json', () => {
    const inbound = '0d89344e-0b6f-4e7f-9e33-7f392679cc5a';
    const path = `/srv/freeswitch/var/lib/freeswitch/recordings/${inbound}.wav`;
    expectSent('recorded-call/controller', buildSetVar(inbound, 'RECORD_STEREO', 'true'));
    expectSent('recorded-call/controller', buildRecord(inbound, 'start', path));
    expectSent('recorded-call/controller', buildRecord(inbound, 'stop', path));
    expectSent(
      'park-after-desk/controller',
      buildGetVar('50d6a44d-85af-4465-ba65-c4c5aed01732', 'originate_disposition'),
    );
    expectSent('api-errors/client', buildExists('00000000-0000-0000-0000-000000000000'));
    expectSent('hupall/controller', buildShowChannels());
  });

  it('sched_hangup +<seconds> <uuid> <cause>', () => {
    expect(wireBytes(buildSchedHangup(INBOUND, 540, 'ALLOTTED_TIMEOUT'))).to.equal(
      `api sched_hangup +540 ${INBOUND} ALLOTTED_TIMEOUT\n\n`,
    );
  });
});

describe('the quoting layer against hostile input', () => {
  const originate = (variables: Record<string, string>, dialString = 'loopback/700/forward-target'): string =>
    wireBytes(buildOriginate({ legUuid: LEG, jobUuid: JOB, dialString, variables }));

  it('escapes commas as \\, and single-quotes values with spaces', () => {
    expect(originate({ origination_caller_id_name: 'Smith, Alice' })).to.equal(
      `bgapi originate {origination_uuid=${LEG},origination_caller_id_name='Smith\\, Alice'}loopback/700/forward-target &park()\nJob-UUID: ${JOB}\n\n`,
    );
    expect(originate({ x: 'a,b' })).to.equal(
      `bgapi originate {origination_uuid=${LEG},x=a\\,b}loopback/700/forward-target &park()\nJob-UUID: ${JOB}\n\n`,
    );
  });

  const refusedValues: Array<[string, string]> = [
    ['a newline (a second command)', 'Alice\n\napi hupall'],
    ['a CR', 'Alice\rJob-UUID: x'],
    ['a NUL', 'Alice\0'],
    ['a closing brace', 'x}sofia/gateway/evil/1 &park()'],
    ['an opening brace', '{x'],
    ['a single quote', "Alice' ,origination_uuid='x"],
    ['a backslash', 'Alice\\'],
    ['an ampersand', 'a&park()'],
    ['variable expansion', '${hupall()}'],
    ['a pipe', 'a|b'],
    ['a caret', '^^:a'],
    ['a tab', 'a\tb'],
    ['a right-to-left override', 'abc\u202Edef'],
    ['257 characters', 'a'.repeat(257)],
    ['nothing', ''],
  ];
  for (const [what, value] of refusedValues) {
    it(`refuses a value with ${what}`, () => {
      expect(() => originate({ origination_caller_id_name: value })).to.throw(BadCommandInput);
    });
  }

  it('accepts a 256-character value', () => {
    expect(originate({ x: 'a'.repeat(256) })).to.include(`,x=${'a'.repeat(256)}}`);
  });

  it('accepts SIP header variables, whose names carry the header name with its hyphens', () => {
    expect(originate({ 'sip_h_X-Callfwd-Forwarded': 'true' })).to.include(',sip_h_X-Callfwd-Forwarded=true}');
  });

  it('refuses hostile variable names, a second origination_uuid, bad dial strings', () => {
    for (const name of ['a b', 'a=b', 'a,b', '1abc', 'a}', 'a\n', '', 'x'.repeat(65), 'a-b', 'sip_h_X-}', 'sip_h_-x']) {
      expect(() => originate({ [name]: 'v' }), name).to.throw(BadCommandInput);
    }
    expect(() => originate({ origination_uuid: LEG })).to.throw(BadCommandInput);
    for (const dial of [
      'loopback/700 &hupall()',
      'sofia/gateway/a/1,sofia/gateway/b/2',
      '{x=y}loopback/1',
      'loopback/1\n',
      'noslash',
      '',
    ]) {
      expect(() => originate({}, dial), dial).to.throw(BadCommandInput);
    }
  });

  it('refuses numbers that are not digits only, and templates without one {number}', () => {
    for (const number of ['+48601000001', '4860 100', '486;x', '', '1'.repeat(21)]) {
      expect(() => renderDialString('sofia/gateway/pbx-a/{number}', number), number).to.throw(
        BadCommandInput,
      );
    }
    expect(() => renderDialString('sofia/gateway/pbx-a/', '1')).to.throw(BadCommandInput);
    expect(renderDialString('sofia/gateway/pbx-a/{number}', '48601000001')).to.equal(
      'sofia/gateway/pbx-a/48601000001',
    );
  });

  it('refuses UUIDs that are not canonical lowercase, causes, paths, seconds', () => {
    for (const uuid of ['F8EE97B3-9632-491C-BBEE-5C448D249588', `${INBOUND} x`, `${INBOUND}\n`, 'abc', '']) {
      expect(() => buildPreAnswer(uuid), uuid).to.throw(BadCommandInput);
    }
    for (const cause of ['normal_clearing', 'NORMAL CLEARING', 'X\n', '']) {
      expect(() => buildKill(INBOUND, cause), cause).to.throw(BadCommandInput);
    }
    for (const path of [
      'relative.wav',
      '/srv/../etc/passwd',
      '/srv/a b.wav',
      '/srv/a.wav\napi hupall',
      '/srv/$x.wav',
    ]) {
      expect(() => buildRecord(INBOUND, 'start', path), path).to.throw(BadCommandInput);
    }
    for (const seconds of [0, -1, 1.5, Number.NaN, 7 * 24 * 3600 + 1]) {
      expect(() => buildSchedHangup(INBOUND, seconds, 'ALLOTTED_TIMEOUT'), String(seconds)).to.throw(
        BadCommandInput,
      );
    }
  });

  it('refuses inline arguments that could end the quote or add an application', () => {
    for (const arg of ["x' inline", 'a^hangup', 'a b', 'a\nb', '${x}']) {
      expect(() => buildTransfer(INBOUND, { kind: 'inline', apps: [['set', arg]] }), arg).to.throw(
        BadCommandInput,
      );
    }
    expect(() => buildTransfer(INBOUND, { kind: 'inline', apps: [['Set', 'x']] })).to.throw(BadCommandInput);
    expect(() => buildTransfer(INBOUND, { kind: 'inline', apps: [] })).to.throw(BadCommandInput);
  });

  it('never lets any value add a command, a header or a variable (property)', () => {
    const safeChar = fc.constantFrom(...'aZ9 ,.;=<>:@_-'.split(''));
    const hostileChar = fc.constantFrom("'", '{', '}', '\\', '\n', '\r', '\0', '&', '$', '^');
    const tricky = fc.string({
      unit: fc.oneof({ weight: 19, arbitrary: safeChar }, { weight: 1, arbitrary: hostileChar }),
      minLength: 1,
      maxLength: 40,
    });
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), tricky);
    let accepted = 0;
    fc.assert(
      fc.property(value, tricky, (value, other) => {
        let bytes: string;
        try {
          bytes = originate({ origination_caller_id_name: value, callfwd_note: other });
        } catch (err) {
          expect(err).to.be.instanceOf(BadCommandInput);
          return;
        }
        accepted += 1;
        const lines = bytes.split('\n');
        expect(lines).to.have.length(4);
        expect(lines[1]).to.equal(`Job-UUID: ${JOB}`);
        expect(bytes.endsWith('\n\n')).to.equal(true);
        const match = /^bgapi originate (\{.*\})loopback\/700\/forward-target &park\(\)$/.exec(lines[0]!);
        expect(match, lines[0]).to.not.equal(null);
        expect(parseVariableBlock(match![1]!)).to.deep.equal([
          ['origination_uuid', LEG],
          ['origination_caller_id_name', value],
          ['callfwd_note', other],
        ]);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).to.be.greaterThan(100);
  });
});
