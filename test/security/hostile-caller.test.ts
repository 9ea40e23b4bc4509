import { expect } from 'chai';
import { parseCallRecord } from '@callfwd/domain';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';

/** Caller-controlled text that would inject a header, a variable, a command or an app if passed on raw. */
const HOSTILE: ReadonlyArray<{ number: string; name: string }> = [
  { number: '48221234567\napi hupall MANAGER_REQUEST', name: 'Eve\nEvent-Name: CHANNEL_HANGUP\n\nbgapi hupall' },
  { number: '4822&park()', name: 'x&bridge(sofia/gateway/EVIL/0)' },
  { number: '{origination_caller_id_number=EVIL}48', name: '}{sip_h_X-Evil=1,origination_uuid=EVIL}' },
  { number: '48,callfwd_line=EVIL', name: "O'Brien, \"the\" `boss`, 'quoted'" },
  { number: '48\u0000\u0007\u001b[2J', name: '\r\n\t\u0000\u0001ctl\u001f' },
  { number: '${system(rm -rf /)}', name: '$${hupall} %0A%0Dapi%20hupall \\n\\r' },
  { number: '4'.repeat(10_240), name: 'N'.repeat(10_240) },
  { number: '48221234567', name: '𝕏 \u202eLIVE\u202c \ufeff ÄÖÜ 你好' },
];

/** Fragments of the payloads above that must never reach the node. */
const MARKERS = ['hupall', 'EVIL', 'Evil', 'rm -rf', 'system(', 'Event-Name', 'bridge(', 'boss', 'O\'Brien', 'ctl'];

/** A command with its uuids replaced, so two forwards' commands can be compared as shapes. */
function shape(raw: string, uuids: readonly string[]): string {
  let text = raw;
  for (const [i, uuid] of uuids.entries()) text = text.replaceAll(uuid, `<uuid${i}>`);
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
}

describe('security: hostile caller numbers and names through a whole forward', function () {
  this.timeout(60_000);
  let stack: Stack;
  before(async () => {
    stack = await startStack({ clockRate: 20, farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 400, hangupAfterMs: 20_000 } } });
  });
  after(() => stack?.stop());

  it('sends exactly the commands of a plain forward, and the records keep the text as bounded data', async () => {
    const plain = stack.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Alice Caller', disposition: 'NO_ANSWER' });
    const calls = HOSTILE.map((h) => ({
      ...h,
      uuid: stack.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: h.number, callerName: h.name, disposition: 'NO_ANSWER' }),
    }));
    await stack.waitForRecord(plain, 30_000);
    const records = await Promise.all(calls.map((c) => stack.waitForRecord(c.uuid, 30_000)));

    const shapeOf = (call: string) => {
      const originate = stack.originatesFor(call)[0];
      const leg = originate?.vars.find(([k]) => k === 'origination_uuid')?.[1] ?? 'none';
      return stack.commandsAbout(call).map((raw) => shape(raw, [call, leg]));
    };
    const expected = shapeOf(plain);
    expect(expected.some((c) => c.startsWith('bgapi originate'))).to.equal(true);
    for (const [i, call] of calls.entries()) {
      expect(shapeOf(call.uuid), `hostile caller #${i}`).to.deep.equal(expected);
      const originates = stack.originatesFor(call.uuid);
      expect(originates, `hostile caller #${i}`).to.have.length(1);
      const plainVars = stack.originatesFor(plain)[0]!.vars.map(([k]) => k);
      expect(originates[0]!.vars.map(([k]) => k)).to.deep.equal(plainVars);
      expect(Object.fromEntries(originates[0]!.vars).origination_caller_id_number).to.equal('48221000000');
    }
    // Nothing of the payloads reached the node, in any command of the run.
    for (const { raw } of stack.node('fs1').commands()) {
      for (const marker of MARKERS) expect(raw, `command carries "${marker}"`).to.not.include(marker);
      // One command line (bgapi adds its Job-UUID header line): no line break smuggled in.
      expect(raw.split('\n').length, raw.slice(0, 200)).to.be.at.most(2);
    }

    for (const [i, record] of records.entries()) {
      const call = calls[i]!;
      expect(record.outcome, `hostile caller #${i}`).to.equal('answered');
      expect(parseCallRecord(record).ok).to.equal(true);
      expect(record.caller.number.length).to.be.at.most(256);
      expect(record.caller.name.length).to.be.at.most(256);
      // Kept as data: the caller's text, cut to the bound, not interpreted.
      expect(record.caller.number).to.equal(call.number.slice(0, 256));
      expect(record.caller.name).to.equal(call.name.slice(0, 256));
      expect(record.callerIdPresented).to.equal('+48221000000');
    }
    const debits = await stack.ledger.listDebits('platform', 50);
    expect(debits).to.have.length(calls.length + 1);
  });
});
