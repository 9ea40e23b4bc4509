import { expect } from 'chai';
import { promqlMetricNames } from './promql-metric-names.js';

describe('promqlMetricNames', () => {
  const cases: Array<[string, string[]]> = [
    ['callfwd_node_connected == 0', ['callfwd_node_connected']],
    ['max by (node) (callfwd_node_connected{role="listener"}) == 0', ['callfwd_node_connected']],
    [
      'histogram_quantile(0.99, sum by (le) (rate(callfwd_park_to_originate_seconds_bucket[5m]))) > 2',
      ['callfwd_park_to_originate_seconds_bucket'],
    ],
    [
      'sum(rate(a_total{outcome="failed"}[5m])) / sum(rate(b_total[5m])) > 0.1',
      ['a_total', 'b_total'],
    ],
    ['up{job=~"callfwd-.*"} == 0', ['up']],
    ['sum(x) without (instance) > 1e3 and on (job) y', ['x', 'y']],
    ['rate(x[5m] offset 1h) > bool 0', ['x']],
    ['label_replace(x, "dst", "$1", "src", "(.*)")', ['x']],
  ];
  for (const [expr, names] of cases) {
    it(`finds ${names.join(', ')} in ${expr}`, () => {
      expect(promqlMetricNames(expr)).to.deep.equal(names);
    });
  }
});
