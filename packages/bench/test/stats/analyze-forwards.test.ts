import { expect } from 'chai';
import { analyzeForwards } from '../../src/stats/analyze-forwards.js';

describe('analyzeForwards', () => {
  it('matches each park to its first originate by callfwd_parent', () => {
    const result = analyzeForwards({
      parks: [{ uuid: 'a', at: 100 }, { uuid: 'b', at: 200 }],
      originates: [
        { parent: 'b', line: 'main', at: 203.5 },
        { parent: 'a', line: 'pbx-b', at: 104 },
        { parent: 'a', line: 'main', at: 150 },
      ],
      fallbacks: [],
      windowStart: 0,
    });
    expect(result.parkToOriginateMs).to.deep.equal([4, 3.5]);
    expect(result).to.deep.include({ parked: 2, measured: 2, originated: 2, fallbackOnly: 0, lost: [], duplicates: [] });
  });

  it('counts a call given only its fallback as handled, with its own latency', () => {
    const result = analyzeForwards({ parks: [{ uuid: 'c', at: 10 }], originates: [], fallbacks: [{ uuid: 'c', at: 16 }], windowStart: 0 });
    expect(result).to.deep.include({ fallbackOnly: 1, lost: [], parkToOriginateMs: [], parkToFallbackMs: [6] });
  });

  it('reports a parked call never originated nor given the fallback as lost', () => {
    const result = analyzeForwards({
      parks: [{ uuid: 'a', at: 1 }, { uuid: 'lost-one', at: 2 }],
      originates: [{ parent: 'a', line: 'main', at: 3 }, { parent: 'never-parked', line: 'main', at: 4 }],
      fallbacks: [],
      windowStart: 0,
    });
    expect(result.lost).to.deep.equal(['lost-one']);
  });

  it('reports two originates for one call on one line as a duplicate, not two on two lines', () => {
    const result = analyzeForwards({
      parks: [{ uuid: 'a', at: 1 }, { uuid: 'b', at: 1 }],
      originates: [
        { parent: 'a', line: 'main', at: 2 },
        { parent: 'a', line: 'main', at: 9 },
        { parent: 'b', line: 'pbx-b', at: 2 },
        { parent: 'b', line: 'main', at: 3 },
      ],
      fallbacks: [],
      windowStart: 0,
    });
    expect(result.duplicates).to.deep.equal([{ uuid: 'a', line: 'main', target: '', count: 2 }]);
  });

  it('does not count follow-me targets rung on one line as duplicates, but one target dialled twice is', () => {
    const result = analyzeForwards({
      parks: [{ uuid: 'a', at: 1 }],
      originates: [
        { parent: 'a', line: 'main', target: 'sofia/gateway/platform/48601200001', at: 2 },
        { parent: 'a', line: 'main', target: 'sofia/gateway/platform/48601200002', at: 9 },
        { parent: 'a', line: 'main', target: 'sofia/gateway/platform/48601200003', at: 9 },
        { parent: 'a', line: 'main', target: 'sofia/gateway/platform/48601200003', at: 12 },
      ],
      fallbacks: [],
      windowStart: 0,
    });
    expect(result.duplicates).to.deep.equal([{ uuid: 'a', line: 'main', target: 'sofia/gateway/platform/48601200003', count: 2 }]);
  });

  it('leaves warm-up calls out of the latency but not out of the lost count', () => {
    const result = analyzeForwards({
      parks: [{ uuid: 'warm', at: 5 }, { uuid: 'warm-lost', at: 6 }, { uuid: 'hot', at: 50 }],
      originates: [{ parent: 'warm', line: 'main', at: 500 }, { parent: 'hot', line: 'main', at: 52 }],
      fallbacks: [],
      windowStart: 10,
    });
    expect(result.parkToOriginateMs).to.deep.equal([2]);
    expect(result.measured).to.equal(1);
    expect(result.lost).to.deep.equal(['warm-lost']);
  });

  it('counts a call parked twice (a transfer back into a callfwd context) once, at its first park', () => {
    const result = analyzeForwards({
      parks: [{ uuid: 'a', at: 1 }, { uuid: 'a', at: 40 }],
      originates: [{ parent: 'a', line: 'main', at: 3 }],
      fallbacks: [],
      windowStart: 0,
    });
    expect(result.parked).to.equal(1);
    expect(result.parkToOriginateMs).to.deep.equal([2]);
  });
});
