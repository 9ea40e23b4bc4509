import { expect } from 'chai';
import type { InjectOptions } from 'fastify';
import { AS_READER, AS_WRITER, READER, useApi, WRITER } from '../support/api-harness.js';

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
const WRITES = new Set<Method>(['PUT', 'POST', 'DELETE']);

/** Every route of the OpenAPI document, its path parameters filled in. */
async function routesOf(api: ReturnType<typeof useApi>): Promise<Array<{ method: Method; url: string }>> {
  const doc = (await api.app.inject({ url: '/openapi.json' })).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({
      method: method.toUpperCase() as Method,
      url: path.replace(/\{[a-z]+\}/g, 'pbx-a'),
    })),
  );
}

describe('tokens and scopes', () => {
  const api = useApi();

  it('401 on every route without a token or with an unknown one', async () => {
    const routes = await routesOf(api);
    expect(routes.length).to.be.greaterThan(10);
    for (const route of routes) {
      for (const headers of [
        {},
        { authorization: 'Bearer not-a-known-secret-000' },
        { authorization: 'Token x' },
      ]) {
        const res = await api.app.inject({ method: route.method, url: route.url, headers, payload: {} });
        expect(res.statusCode, `${route.method} ${route.url} ${JSON.stringify(headers)}`).to.equal(401);
        expect(res.json()).to.include({ code: 'UNAUTHORIZED' });
        const challenge = route.url.startsWith('/freeswitch/') ? 'Basic realm="callfwd"' : undefined;
        expect(res.headers['www-authenticate'], 'a Basic challenge for mod_xml_curl only').to.equal(
          challenge,
        );
      }
    }
  });

  it('403 with a read token on every write route, before the body is looked at', async () => {
    const writes = (await routesOf(api)).filter((r) => WRITES.has(r.method) && r.url.startsWith('/v1/'));
    expect(writes.map((r) => `${r.method} ${r.url}`)).to.include.members([
      'PUT /v1/connections/pbx-a/forward-via',
      'POST /v1/accounts/pbx-a/topup',
      'PUT /v1/employees/pbx-a',
      'DELETE /v1/employees/pbx-a',
    ]);
    for (const route of writes) {
      const res = await api.app.inject({
        method: route.method,
        url: route.url,
        headers: AS_READER,
        payload: { bad: true },
      });
      expect(res.statusCode, `${route.method} ${route.url}`).to.equal(403);
      expect(res.json()).to.include({ code: 'FORBIDDEN' });
    }
  });

  it('a read token reads every read route; a write token reads too', async () => {
    const reads = (await routesOf(api)).filter((r) => r.method === 'GET' && !r.url.includes('pbx-a'));
    for (const route of reads) {
      for (const headers of [AS_READER, AS_WRITER]) {
        const res = await api.app.inject({ method: 'GET', url: route.url, headers });
        expect(
          res.statusCode,
          `${route.url} as ${headers === AS_READER ? READER.name : WRITER.name}`,
        ).to.equal(200);
      }
    }
  });

  it('takes the secret as a Basic password too (what mod_xml_curl sends)', async () => {
    const basic = `Basic ${Buffer.from(`freeswitch:${READER.secret}`).toString('base64')}`;
    const res = await api.app.inject({ url: '/v1/connections', headers: { authorization: basic } });
    expect(res.statusCode).to.equal(200);
  });

  it('answers an unknown route 404 as JSON; the console and the OpenAPI document need no token', async () => {
    const missing = await api.app.inject({ url: '/v1/nothing', headers: AS_READER });
    expect(missing.statusCode).to.equal(404);
    expect(missing.json()).to.include({ code: 'NOT_FOUND' });
    expect((await api.app.inject({ url: '/' })).statusCode).to.equal(200);
    expect((await api.app.inject({ url: '/openapi.json' })).statusCode).to.equal(200);
  });

  it('refuses a body that is not JSON with 400, as JSON', async () => {
    const options: InjectOptions = {
      method: 'PUT',
      url: '/v1/connections/pbx-a/forward-via',
      headers: { ...AS_WRITER, 'content-type': 'application/json' },
      payload: '{"line": ',
    };
    const res = await api.app.inject(options);
    expect(res.statusCode).to.equal(400);
    expect(res.json()).to.include({ code: 'BAD_REQUEST' });
  });
});

describe('rate limit', () => {
  const api = useApi({ api: { rateLimit: { max: 3, timeWindowMs: 60_000 } } });

  it('limits each token on its own (429 as JSON), and callers without a token by address', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await api.app.inject({ url: '/v1/lines', headers: AS_READER })).statusCode);
    expect(statuses).to.deep.equal([200, 200, 200, 429]);
    const limited = await api.app.inject({ url: '/v1/lines', headers: AS_READER });
    expect(limited.json()).to.include({ code: 'RATE_LIMITED' });
    expect(
      (await api.app.inject({ url: '/v1/lines', headers: AS_WRITER })).statusCode,
      'another token',
    ).to.equal(200);
  });
});
