import { expect } from 'chai';
import { createLogger, createMetrics, createOpsServer, type OpsServer, type Readiness } from '../../src/index.js';

describe('ops http server', () => {
  let server: OpsServer;
  let base: string;
  let readiness: Readiness;
  const topups: unknown[] = [];
  const metrics = createMetrics({ defaultMetrics: false });

  before(async () => {
    readiness = { ready: false, checks: { redis: true, 'node:fs1': false } };
    server = createOpsServer({
      host: '127.0.0.1',
      port: 0,
      registry: metrics.registry,
      readiness: () => readiness,
      log: createLogger({ role: 'test', level: 'silent' }),
      adminToken: 's3cret-token',
      adminRoutes: [
        {
          method: 'POST',
          path: '/v1/topup/',
          handle: ({ param, body }) => {
            topups.push({ param, body });
            return Promise.resolve({ status: 200, body: { ok: true } });
          },
        },
      ],
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

  it('refuses an admin route without the bearer token, and changes nothing', async () => {
    const res = await fetch(`${base}/v1/topup/acme`, { method: 'POST', body: '{"amount":5}' });
    expect(res.status).to.equal(401);
    const wrong = await fetch(`${base}/v1/topup/acme`, {
      method: 'POST',
      body: '{"amount":5}',
      headers: { authorization: 'Bearer s3cret-tokeX' },
    });
    expect(wrong.status).to.equal(401);
    expect(topups).to.have.length(0);
  });

  it('runs an admin route with the token, passing the path parameter and the JSON body', async () => {
    const res = await fetch(`${base}/v1/topup/acme`, {
      method: 'POST',
      body: '{"amount":5}',
      headers: { authorization: 'Bearer s3cret-token' },
    });
    expect(res.status).to.equal(200);
    expect(topups).to.deep.equal([{ param: 'acme', body: { amount: 5 } }]);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await fetch(`${base}/v1/topup/acme`, {
      method: 'POST',
      body: 'not json',
      headers: { authorization: 'Bearer s3cret-token' },
    });
    expect(res.status).to.equal(400);
  });
});

describe('ops http server without a token', () => {
  it('disables the admin routes', async () => {
    const server = createOpsServer({
      host: '127.0.0.1',
      port: 0,
      registry: createMetrics({ defaultMetrics: false }).registry,
      readiness: () => ({ ready: true, checks: {} }),
      log: createLogger({ role: 'test', level: 'silent' }),
      adminRoutes: [{ method: 'POST', path: '/v1/x', handle: () => Promise.resolve({ status: 200, body: {} }) }],
    });
    const { port } = await server.start();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/x`, { method: 'POST', headers: { authorization: 'Bearer x' } });
      expect(res.status).to.equal(403);
    } finally {
      await server.stop();
    }
  });
});
