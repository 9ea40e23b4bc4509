import { expect } from 'chai';
import { createLogger, createMetrics, createOpsServer, type OpsServer, type Readiness } from '../../src/index.js';

describe('ops http server', () => {
  let server: OpsServer;
  let base: string;
  let readiness: Readiness;
  const metrics = createMetrics({ defaultMetrics: false });

  before(async () => {
    readiness = { ready: false, checks: { redis: true, 'node:fs1': false } };
    server = createOpsServer({
      host: '127.0.0.1',
      port: 0,
      registry: metrics.registry,
      readiness: () => readiness,
      log: createLogger({ role: 'test', level: 'silent' }),
    });
    const addr = await server.start();
    base = `http://127.0.0.1:${addr.port}`;
  });

  after(() => server.stop());

  it('serves the metrics with their counts', async () => {
    metrics.forwardOutcomes.inc({ outcome: 'answered' });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).to.match(/callfwd_forward_outcomes_total\{outcome="answered"\} 1/);
  });

  it('is not ready until every dependency is connected, and says which is not', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).to.equal(503);
    expect(await res.json()).to.deep.equal({ status: 'down', ...readiness, nodes: { up: [], down: ['fs1'] } });
    readiness = { ready: true, checks: { redis: true, 'node:fs1': true } };
    expect((await fetch(`${base}/readyz`)).status).to.equal(200);
    expect((await fetch(`${base}/healthz`)).status).to.equal(200);
  });

  it('is degraded, not dead, with one node of two down: 200 and the node named', async () => {
    readiness = { ready: false, checks: { redis: true, 'node:fs1': true, 'node:fs2': false } };
    const res = await fetch(`${base}/readyz`);
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { status: string; nodes: unknown };
    expect(body.status).to.equal('degraded');
    expect(body.nodes).to.deep.equal({ up: ['fs1'], down: ['fs2'] });
    readiness = { ready: false, checks: { redis: false, 'node:fs1': true, 'node:fs2': true } };
    expect((await fetch(`${base}/readyz`)).status).to.equal(503);
  });

  it('changes nothing: a write, with or without a token, is 404 (changes go through the API)', async () => {
    for (const [method, path] of [['POST', '/v1/accounts/platform/topup'], ['PUT', '/v1/connections/pbx-b/forward-via'], ['GET', '/v1/employees']] as const) {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: 'Bearer s3cret-token', 'content-type': 'application/json' }, ...(method === 'GET' ? {} : { body: '{"amount":5,"ref":"x"}' }) });
      expect(res.status, `${method} ${path}`).to.equal(404);
    }
  });
});
