import { expect } from 'chai';
import { parseTimeSpanSeconds, parseUnitFile, unitValues } from './unit-file.js';

describe('parseUnitFile', () => {
  it('reads sections and repeated keys in order', () => {
    const unit = parseUnitFile('# c\n[Unit]\nDescription=x\n\n[Service]\nA=1\nA=2 3\n');
    expect(unit.problems).to.deep.equal([]);
    expect(unitValues(unit, 'Unit', 'Description')).to.deep.equal(['x']);
    expect(unitValues(unit, 'Service', 'A')).to.deep.equal(['1', '2 3']);
  });

  it('reports a line that is not Key=Value, a key before any section and a repeated section', () => {
    const unit = parseUnitFile('Early=1\n[Unit]\nno equals sign\n[Unit]\n');
    expect(unit.problems).to.have.length(3);
  });
});

describe('parseTimeSpanSeconds', () => {
  const cases: Array<[string, number]> = [['60s', 60], ['90', 90], ['2min', 120], ['1min 30s', 90], ['1h', 3600]];
  for (const [span, seconds] of cases) {
    it(`reads ${span} as ${seconds} s`, () => {
      expect(parseTimeSpanSeconds(span)).to.equal(seconds);
    });
  }

  it('refuses what systemd would not read', () => {
    expect(() => parseTimeSpanSeconds('soon')).to.throw('not a time span');
  });
});
