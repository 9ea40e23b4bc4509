import { expect } from 'chai';
import type { LightMyRequestResponse } from 'fastify';
import { AS_READER, useApi } from '../support/api-harness.js';
import { callUuidOf, writeRecords, type RecordSpec } from '../support/records.js';

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
const OUTCOMES = ['answered', 'no_answer', 'busy'] as const;

/** 30 calls one minute apart: accounts, outcomes, connections and employees in turn; every 4th recorded. */
const SPECS: RecordSpec[] = Array.from({ length: 30 }, (_, n) => ({
  n,
  startedAt: T0 + n * 60_000,
  account: n % 2 === 0 ? 'provider-a' : 'platform',
  outcome: OUTCOMES[n % 3] ?? 'answered',
  connection: n % 5 === 0 ? 'pbx-b' : 'pbx-a',
  employee: n % 3 === 0 ? 'anna' : 'bartek',
  recorded: n % 4 === 0,
}));

interface Page {
  next: string | null;
  [key: string]: unknown;
}

async function readAll(
  api: ReturnType<typeof useApi>,
  path: string,
  key: 'records' | 'recordings',
  query: string,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages += 1) {
    const url: string = `${path}?${query}${cursor === null ? '' : `&cursor=${cursor}`}`;
    const res: LightMyRequestResponse = await api.app.inject({ url, headers: AS_READER });
    expect(res.statusCode, res.body).to.equal(200);
    const body: Page = res.json<Page>();
    seen.push(...(body[key] as Array<{ callUuid: string }>).map((r) => r.callUuid));
    cursor = body.next;
    if (cursor === null) return seen;
  }
  throw new Error('paging did not end');
}

function expected(filter: (spec: RecordSpec) => boolean): string[] {
  return SPECS.filter(filter)
    .sort((a, b) => b.startedAt - a.startedAt)
    .map((s) => callUuidOf(s.n));
}

describe('/v1/statement and /v1/recordings', () => {
  const api = useApi({ api: { recordingsBaseUrl: 'https://rec.example.net/files/' } });

  beforeEach(async () => {
    await writeRecords(api.redis, api.prefix, SPECS);
  });

  it('pages the whole statement newest first, every record once', async () => {
    expect(await readAll(api, '/v1/statement', 'records', 'limit=7')).to.deep.equal(expected(() => true));
  });

  it('combines every filter the CLI has, and pages through the result', async () => {
    const from = T0 + 5 * 60_000;
    const to = T0 + 25 * 60_000;
    const cases: Array<[string, (s: RecordSpec) => boolean]> = [
      ['account=platform', (s) => s.account === 'platform'],
      ['outcome=busy', (s) => s.outcome === 'busy'],
      ['connection=pbx-b', (s) => s.connection === 'pbx-b'],
      ['employee=anna&account=provider-a', (s) => s.employee === 'anna' && s.account === 'provider-a'],
      [
        `from=${from}&to=${to}&connection=pbx-a`,
        (s) => s.startedAt >= from && s.startedAt <= to && s.connection === 'pbx-a',
      ],
      [
        `from=${new Date(from).toISOString()}&outcome=answered`,
        (s) => s.startedAt >= from && s.outcome === 'answered',
      ],
    ];
    for (const [query, filter] of cases) {
      expect(await readAll(api, '/v1/statement', 'records', `${query}&limit=2`), query).to.deep.equal(
        expected(filter),
      );
    }
  });

  it("gives a recorded call's URL under the recordings base URL", async () => {
    const res = await api.app.inject({
      url: '/v1/statement?limit=1&to=' + String(T0 + 24 * 60_000),
      headers: AS_READER,
    });
    const [record] = res.json<{ records: Array<{ callUuid: string; recordingUrl: string | null }> }>()
      .records;
    expect(record?.callUuid).to.equal(callUuidOf(24));
    expect(record?.recordingUrl).to.equal(`https://rec.example.net/files/${callUuidOf(24)}.wav`);
    const unrecorded = await api.app.inject({
      url: '/v1/statement?limit=1&to=' + String(T0 + 23 * 60_000),
      headers: AS_READER,
    });
    expect(
      unrecorded.json<{ records: Array<{ recordingUrl: string | null }> }>().records[0]?.recordingUrl,
    ).to.equal(null);
  });

  it('lists recordings with the same filters and paging', async () => {
    expect(await readAll(api, '/v1/recordings', 'recordings', 'limit=3')).to.deep.equal(
      expected((s) => s.recorded === true),
    );
    expect(await readAll(api, '/v1/recordings', 'recordings', 'employee=anna&limit=1')).to.deep.equal(
      expected((s) => s.recorded === true && s.employee === 'anna'),
    );
    expect(
      await readAll(api, '/v1/recordings', 'recordings', 'outcome=answered&account=provider-a'),
    ).to.deep.equal(
      expected((s) => s.recorded === true && s.outcome === 'answered' && s.account === 'provider-a'),
    );
  });

  it('refuses a bad filter with the field (400)', async () => {
    for (const [query, field] of [
      ['outcome=maybe', 'outcome'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['from=yesterday', 'from'],
      ['cursor=!!', 'cursor'],
      ['cursor=bm9wZQ', 'cursor'],
      ['colour=red', '(root)'],
    ] as const) {
      const res = await api.app.inject({ url: `/v1/statement?${query}`, headers: AS_READER });
      expect(res.statusCode, query).to.equal(400);
      expect(res.json<{ field: string }>().field, query).to.equal(field);
    }
  });
});
