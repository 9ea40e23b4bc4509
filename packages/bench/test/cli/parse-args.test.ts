import { expect } from 'chai';
import { parseArgs } from '../../src/cli/parse-args.js';

describe('parseArgs', () => {
  it('applies the defaults', () => {
    expect(parseArgs([])).to.deep.equal({
      kind: 'run',
      options: { cps: 500, seconds: 20, nodes: 1, warmup: 2, json: false, findMax: false, baselines: true, logLevel: 'info', mix: 'realistic', ringMs: 300, simProcs: 1, postgres: false },
    });
  });

  it('reads every option, with a space or an =', () => {
    const parsed = parseArgs(['--cps', '1000', '--seconds=60', '--nodes', '4', '--warmup', '0', '--json', '--find-max', '--no-baselines', '--log-level', 'warn', '--mix=fast', '--ring-ms', '10000', '--sim-procs', '2', '--postgres']);
    expect(parsed).to.deep.equal({
      kind: 'run',
      options: { cps: 1000, seconds: 60, nodes: 4, warmup: 0, json: true, findMax: true, baselines: false, logLevel: 'warn', mix: 'fast', ringMs: 10000, simProcs: 2, postgres: true },
    });
  });

  it('gives each simulator process a node unless --nodes says otherwise', () => {
    const parsed = parseArgs(['--sim-procs', '3']);
    expect(parsed.kind === 'run' && [parsed.options.nodes, parsed.options.simProcs]).to.deep.equal([3, 3]);
    expect(parseArgs(['--sim-procs', '3', '--nodes', '2']).kind).to.equal('error');
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
    ['an unknown mix', ['--mix', 'slow']],
    ['--ring-ms with the realistic mix', ['--ring-ms', '500']],
    ['a fractional ring', ['--mix', 'fast', '--ring-ms', '1.5']],
    ['no simulator process', ['--sim-procs', '0']],
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
