import { expect } from 'chai';
import { useApi } from './support/api-harness.js';

interface Operation {
  summary?: unknown;
  parameters?: Array<{ name?: unknown; in?: unknown; schema?: unknown }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: unknown; content?: Record<string, { schema?: unknown }> }>;
}

interface OpenApiDoc {
  openapi?: unknown;
  components?: { schemas?: Record<string, unknown> };
  info?: { title?: unknown; version?: unknown };
  paths?: Record<string, Record<string, Operation>>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** The problems of a document against the shape OpenAPI 3.x requires (the parts we generate). */
function structuralProblems(doc: OpenApiDoc): string[] {
  const problems: string[] = [];
  if (typeof doc.openapi !== 'string' || !/^3\.\d+\.\d+$/.test(doc.openapi))
    problems.push(`openapi: ${String(doc.openapi)}`);
  if (typeof doc.info?.title !== 'string' || typeof doc.info.version !== 'string')
    problems.push('info needs title and version');
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith('/')) problems.push(`path ${path} must start with /`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries(item)) {
      const at = `${method.toUpperCase()} ${path}`;
      if (!METHODS.has(method)) problems.push(`${at}: not an HTTP method`);
      if (typeof op.summary !== 'string') problems.push(`${at}: no summary`);
      const responses = Object.entries(op.responses ?? {});
      if (responses.length === 0) problems.push(`${at}: no responses`);
      for (const [status, response] of responses) {
        if (!/^[1-5]\d\d$/.test(status)) problems.push(`${at}: response ${status}`);
        if (typeof response.description !== 'string') problems.push(`${at} ${status}: no description`);
        for (const media of Object.values(response.content ?? {}))
          if (typeof media.schema !== 'object') problems.push(`${at} ${status}: no schema`);
      }
      for (const param of op.parameters ?? []) {
        if (
          typeof param.name !== 'string' ||
          !['path', 'query', 'header', 'cookie'].includes(String(param.in))
        )
          problems.push(`${at}: bad parameter`);
        if (typeof param.schema !== 'object')
          problems.push(`${at}: parameter ${String(param.name)} has no schema`);
      }
      const inPath = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      if (JSON.stringify([...inPath].sort()) !== JSON.stringify([...templated].sort()))
        problems.push(`${at}: path parameters ${inPath.join(',')} vs ${templated.join(',')}`);
      for (const media of Object.values(op.requestBody?.content ?? {}))
        if (typeof media.schema !== 'object') problems.push(`${at}: body has no schema`);
    }
  }
  const refs = JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g);
  for (const [, ref = ''] of refs) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
    if (name === undefined || doc.components?.schemas?.[name] === undefined)
      problems.push(`dangling $ref ${ref}`);
  }
  return problems;
}

/** A schema, following a $ref into the components. */
function resolve(
  doc: OpenApiDoc,
  schema: unknown,
): { properties?: Record<string, unknown>; required?: string[] } {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  const name = ref?.replace('#/components/schemas/', '');
  return (name === undefined ? schema : doc.components?.schemas?.[name]) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
}

describe('GET /openapi.json', () => {
  const registered: Array<{ method: string; url: string }> = [];
  const api = useApi({
    beforeReady: (app) => {
      registered.length = 0;
      app.addHook('onRoute', (route) => {
        for (const method of [route.method].flat())
          registered.push({ method: method.toLowerCase(), url: route.url });
      });
    },
  });

  it('is an OpenAPI 3.x document that holds together', async () => {
    const res = await api.app.inject({ url: '/openapi.json' });
    expect(res.headers['content-type']).to.match(/^application\/json/);
    const doc = res.json<OpenApiDoc>();
    expect(structuralProblems(doc)).to.deep.equal([]);
  });

  it('documents exactly the API routes fastify serves (and nothing else)', async () => {
    const doc = (await api.app.inject({ url: '/openapi.json' })).json<OpenApiDoc>();
    const documented = Object.entries(doc.paths ?? {})
      .flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`))
      .sort();
    const served = registered
      .filter((r) => r.method !== 'head' && (r.url.startsWith('/v1/') || r.url.startsWith('/freeswitch/')))
      .map((r) => `${r.method} ${r.url.replace(/:([a-zA-Z]+)/g, '{$1}')}`)
      .sort();
    expect(served.length).to.be.greaterThan(12);
    expect(documented).to.deep.equal(served);
    for (const route of served) {
      const [method = '', url = ''] = route.split(' ');
      expect(
        api.app.hasRoute({ method: method.toUpperCase(), url: url.replace(/\{([a-z]+)\}/g, ':$1') }),
        route,
      ).to.equal(true);
    }
  });

  it("describes bodies and errors from the zod schemas: the employee's fields, the error shape", async () => {
    const doc = (await api.app.inject({ url: '/openapi.json' })).json<OpenApiDoc>();
    const put = doc.paths?.['/v1/employees/{id}']?.put;
    const body = resolve(doc, put?.requestBody?.content?.['application/json']?.schema);
    expect(Object.keys(body.properties ?? {})).to.include.members([
      'id',
      'connection',
      'extensions',
      'target',
      'triggers',
      'noAnswerSeconds',
    ]);
    expect(body.required).to.include.members(['id', 'connection', 'extensions', 'triggers']);
    const refusal = resolve(doc, put?.responses?.['409']?.content?.['application/json']?.schema);
    expect(Object.keys(refusal.properties ?? {})).to.include.members(['error', 'code', 'field']);
    const query = doc.paths?.['/v1/statement']?.get?.parameters?.map((p) => p.name);
    expect(query).to.include.members([
      'from',
      'to',
      'account',
      'outcome',
      'connection',
      'employee',
      'cursor',
      'limit',
    ]);
  });
});
