import { expect } from 'chai';
import type { ChooseCallerIdInput } from '../../src/index.js';
import { chooseCallerId } from '../../src/index.js';
import { buildConfig, lineOf } from '../fixtures/example-config.js';

const config = buildConfig();

function choose(over: Partial<ChooseCallerIdInput>) {
  return chooseCallerId({
    line: lineOf(config, 'pbx-b'),
    dialled: '48221110001',
    caller: { number: '48221234567', name: 'Alice Caller' },
    trigger: 'no_answer',
    ...over,
  });
}

describe("rule 6: caller ID shows the via line's number (chooseCallerId)", () => {
  it('presents the via line number (digits) and name, with Diversion where the line accepts it', () => {
    const choice = choose({});
    expect(choice.number).to.equal('48221120000');
    expect(choice.name).to.equal('PBX B (branch)');
    expect(choice.diversion).to.deep.equal({ number: '48221110001', reason: 'no-answer' });
    expect(choice.explanation).to.contain("shows the via line pbx-b's number +48221120000");
    expect(choice.explanation).to.contain("carriers refuse calls presenting a third party's number");
    expect(choice.explanation).to.contain('Diversion header (no-answer)');
  });

  it('sends no Diversion where the line does not accept it, and says so', () => {
    const choice = choose({ line: lineOf(config, 'main') });
    expect(choice.number).to.equal('48221000000');
    expect(choice.name).to.equal('Main outbound number');
    expect(choice.diversion).to.equal(null);
    expect(choice.explanation).to.contain('main does not accept a Diversion header');
  });

  const reasons: Array<[ChooseCallerIdInput['trigger'], string]> = [
    ['always', 'unconditional'],
    ['busy', 'user-busy'],
    ['no_answer', 'no-answer'],
    ['unavailable', 'unavailable'],
  ];
  for (const [trigger, reason] of reasons) {
    it(`gives Diversion reason ${reason} for trigger ${trigger}`, () => {
      expect(choose({ trigger }).diversion?.reason).to.equal(reason);
    });
  }

  it('never copies caller-controlled text into number fields', () => {
    const choice = choose({
      caller: { number: "48'}^hangup,evil{x=1", name: "Mallory'}{origination_caller_id_number=1}" },
      dialled: '+48221110001',
    });
    expect(choice.number).to.match(/^\d+$/);
    expect(choice.diversion?.number).to.match(/^\d+$/);
    expect(choice.name).not.to.contain('Mallory');
    expect(choice.explanation).to.contain('the caller 481');
    expect(choice.explanation).not.to.match(/evil|hangup|Mallory|[{}^]/);
  });

  it('sends no Diversion when the dialled number is not a plain number', () => {
    const choice = choose({ dialled: '48221110001;user=phone' });
    expect(choice.diversion).to.equal(null);
    expect(choice.explanation).to.contain('the dialled number is not a plain number');
  });

  it('calls an empty caller number withheld', () => {
    expect(choose({ caller: { number: 'anonymous', name: '' } }).explanation).to.contain(
      'the withheld caller',
    );
  });

  it("uses the line's number as the name when the line has none, and makes names safe", () => {
    const edited = buildConfig((c) => {
      delete c.lines[4]!.name;
      c.lines[3]!.name = "  Head'quarters {x}  ^  PBX  ";
    });
    expect(choose({ line: lineOf(edited, 'pbx-b') }).name).to.equal('+48221120000');
    expect(choose({ line: lineOf(edited, 'pbx-a') }).name).to.equal('Head quarters x PBX');
  });
});
