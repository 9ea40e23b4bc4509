import { expect } from 'chai';
import { judgeValidity } from '../../src/stats/judge-validity.js';

describe('judgeValidity', () => {
  it('is valid when the simulator kept its loop under 20 ms and used less CPU than a process under test', () => {
    expect(judgeValidity(20, { sim: 0.4, worker: 0.5, listener: 0.2, redis: 0.1 })).to.deep.equal({ valid: true, reasons: [] });
  });

  it('is invalid, saying why, when the loop delay p99 passes 20 ms', () => {
    const v = judgeValidity(20.5, { sim: 0.1, worker: 1 });
    expect(v.valid).to.equal(false);
    expect(v.reasons).to.have.length(1);
    expect(v.reasons[0]).to.contain('20.5 ms');
  });

  it('is invalid when a simulator process used the most CPU of the run, also on a tie', () => {
    const v = judgeValidity(3, { sim1: 0.2, sim2: 0.9, worker: 0.8, redis: 0.3 });
    expect(v.valid).to.equal(false);
    expect(v.reasons[0]).to.contain('sim2').and.contain('worker');
    expect(judgeValidity(3, { sim: 0.5, worker: 0.5 }).valid).to.equal(false);
  });

  it('gives both reasons when both hold', () => {
    expect(judgeValidity(50, { sim: 2, worker: 1 }).reasons).to.have.length(2);
  });
});
