import { expect } from 'chai';
import { parseArgs } from '../../src/cli/parse-args.js';

describe('parseArgs', () => {
  it('applies the defaults', () => {
    expect(parseArgs([])).to.deep.equal({
      kind: 'run',
      options: { cps: 500, seconds: 20, nodes: 1, warmup: 2, json: false, findMax: false, baselines: true, logLevel: 'info' },
    });
  });

  it('reads every option, with a space or an =', () => {
    const parsed = parseArgs(['--cps', '1000', '--seconds=60', '--nodes', '2', '--warmup', '0', '--json', '--find-max', '--no-baselines', '--log-level', 'warn']);
    expect(parsed).to.deep.equal({
      kind: 'run',
      options: { cps: 1000, seconds: 60, nodes: 2, warmup: 0, json: true, findMax: true, baselines: false, logLevel: 'warn' },
    });
  });

  const bad: Array<[string, string[]]> = [
    ['an unknown flag', ['--fast']],
    ['a missing value', ['--cps']],
    ['a rate that is not a number', ['--cps', 'many']],
    ['a rate of 0', ['--cps', '0']],
    ['an empty value', ['--seconds=']],
    ['a fractional node count', ['--nodes', '1.5']],
    ['too many nodes', ['--nodes', '99']],
    ['an unknown log level', ['--log-level', 'loud']],
  ];
  for (const [what, argv] of bad) {
    it(`refuses ${what}`, () => {
      expect(parseArgs(argv).kind).to.equal('error');
    });
  }

  it('asks for help', () => {
    expect(parseArgs(['--cps', '5', '--help'])).to.deep.equal({ kind: 'help' });
  });
});
