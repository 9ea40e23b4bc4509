import { expect } from 'chai';
import { judgeValidity } from '../../src/stats/judge-validity.js';

const callfwd = { wallSeconds: 10, simMustSpendLess: true };
const baseline = { wallSeconds: 10, simMustSpendLess: false };

describe('judgeValidity', () => {
  it('is valid when the simulator kept its loop under 20 ms and used less CPU than a process under test', () => {
    expect(judgeValidity(20, { sim: 0.4, worker: 0.5, listener: 0.2, redis: 0.1 }, callfwd)).to.deep.equal({ valid: true, reasons: [] });
  });

  it('is invalid, saying why, when the loop delay p99 passes 20 ms', () => {
    const v = judgeValidity(20.5, { sim: 0.1, worker: 1 }, callfwd);
    expect(v.valid).to.equal(false);
    expect(v.reasons).to.have.length(1);
    expect(v.reasons[0]).to.contain('20.5 ms');
  });

  it('is invalid for callfwd when a simulator process used the most CPU of the run, also on a tie', () => {
    const v = judgeValidity(3, { sim1: 0.2, sim2: 0.9, worker: 0.8, redis: 0.3 }, callfwd);
    expect(v.valid).to.equal(false);
    expect(v.reasons[0]).to.contain('sim2').and.contain('worker');
    expect(judgeValidity(3, { sim: 0.5, worker: 0.5 }, callfwd).valid).to.equal(false);
  });

  it('lets a baseline spend less than the simulator: only its loop delay and core share count there', () => {
    expect(judgeValidity(3, { sim: 5, direct: 0.5 }, baseline)).to.deep.equal({ valid: true, reasons: [] });
    expect(judgeValidity(25, { sim: 5, direct: 0.5 }, baseline).valid).to.equal(false);
  });

  it('is invalid when a simulator process was busy 90 % of a core or more, whoever spent the most', () => {
    const v = judgeValidity(3, { sim1: 2, sim2: 9, 'bull-worker': 1 }, baseline);
    expect(v.valid).to.equal(false);
    expect(v.reasons).to.deep.equal(['simulator process sim2 was busy 90 % of a core (>= 90 %)']);
    expect(judgeValidity(3, { sim: 8.9, worker: 12 }, callfwd).valid).to.equal(true);
  });

  it('gives every reason that holds', () => {
    expect(judgeValidity(50, { sim: 2, worker: 1 }, callfwd).reasons).to.have.length(2);
    expect(judgeValidity(50, { sim: 10, worker: 1 }, callfwd).reasons).to.have.length(3);
  });
});
