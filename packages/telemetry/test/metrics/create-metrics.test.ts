import { expect } from 'chai';
import { createMetrics, HISTOGRAM_NAMES, METRIC_NAMES } from '../../src/index.js';

describe('createMetrics', () => {
  it('registers every name of METRIC_NAMES', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const registered = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    expect(Object.values(METRIC_NAMES).filter((name) => !registered.has(name))).to.deep.equal([]);
  });

  it('registers each of HISTOGRAM_NAMES as a histogram', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const types = new Map((await metrics.registry.getMetricsAsJSON()).map((m) => [m.name, String(m.type)]));
    for (const name of HISTOGRAM_NAMES) expect(types.get(name), name).to.equal('histogram');
  });

  it('counts outcomes by node, connection and via line', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.forwardOutcomes.inc({ outcome: 'answered', node: 'fs1', connection: 'pbx-a', line: 'sales' });
    metrics.forwardOutcomes.inc({ outcome: 'answered', node: 'fs1', connection: 'pbx-a', line: 'sales' });
    const text = await metrics.registry.metrics();
    expect(text).to.include(
      'callfwd_forward_outcomes_total{outcome="answered",node="fs1",connection="pbx-a",line="sales"} 2',
    );
  });
});
