// The simulator's mod_xml_cdr requests against the capture's (esl-real-next/xml-cdr-post/
// cdr-requests.raw): the same forward (a loopback caller parked, forwarded to 700 with uuid_bridge)
// gives one request per leg with the same URL form, header lines, content type, body framing,
// XML layout and CDR variables. The ESL side of that capture is replayed in captures.test.ts.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SimNode } from '../../src/index.js';
import { CAPTURE_FAR_ENDS, CAPTURE_INBOUND_CONTEXTS, createSimNode, readCdrPost } from '../../src/index.js';
import { NEXT_CAPTURES_DIR } from '../support/capture-scenario.js';
import { connectClient } from '../support/esl-test-client.js';
import type { EslTestClient } from '../support/esl-test-client.js';
import { api, waitForEvent, waitForJob } from '../support/event-helpers.js';

interface Request {
  readonly path: string;
  readonly headerLines: readonly string[];
  readonly body: string;
}

const DIR = join(NEXT_CAPTURES_DIR, 'xml-cdr-post');

/** The captured requests of the first two phases (encode=true, then encode=false), 4 legs each. */
function capturedRequests(): Request[] {
  const raw = readFileSync(join(DIR, 'cdr-requests.raw'));
  const index = readFileSync(join(DIR, 'cdr-requests.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { offset: number; length: number });
  return index.map(({ offset, length }) => splitRequest(raw.subarray(offset, offset + length).toString('utf8')));
}

function splitRequest(text: string): Request {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [first = '', ...headerLines] = head.split('\r\n');
  return { path: first.split(' ')[1] ?? '', headerLines, body };
}

/** Which leg a CDR is: the far end's -b half, the parked inbound -b, the forward -a, the caller -a. */
function legKind(request: Request): string {
  const variables = readCdrPost(request.body).variables;
  const name = variables.channel_name ?? '';
  if (name === 'loopback/700-b') return 'far-end';
  if (name === 'loopback/700-a') return 'forward';
  return name.endsWith('-b') ? 'inbound' : 'caller';
}

/** The XML's element names outside <variables>, up to the first callflow's end (the real node
 *  also lists each earlier caller profile; the simulator keeps the current one). */
function skeleton(xml: string): string[] {
  const withoutVariables = xml.replace(/<variables>[\s\S]*<\/variables>/, '<variables></variables>');
  const firstFlow = withoutVariables.slice(0, withoutVariables.indexOf('</callflow>'));
  return [...firstFlow.matchAll(/<([a-z_-]+)[ >]/g)].map((match) => match[1]!);
}

const variableNames = (body: string): string[] => [...new Set([...readCdrPost(body).xml.matchAll(/^ {4}<([A-Za-z0-9_]+)>/gm)].map((m) => m[1]!))];

describe('fidelity: mod_xml_cdr requests like the real node', function () {
  this.timeout(30_000);
  let node: SimNode | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await node?.stop();
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  });

  async function forwardOnce(encode: boolean): Promise<Request[]> {
    const posts: Request[] = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const headerLines: string[] = [];
        for (let i = 0; i < req.rawHeaders.length; i += 2) headerLines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        posts.push({ path: req.url ?? '', headerLines, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cdr`;
    node = createSimNode({
      id: 'vm', password: 'ClueCon-test', clockRate: 10, farEnds: CAPTURE_FAR_ENDS,
      inboundContexts: CAPTURE_INBOUND_CONTEXTS, xmlCdr: { url, encode },
    });
    await node.start();
    const client: EslTestClient = await connectClient(node.port);
    await client.waitForCount(1);
    client.send('auth ClueCon-test\n\n');
    await client.waitForCount(2);
    client.send('event json ALL\n\n');
    await client.waitForCount(3);
    const caller = 'f0000000-0000-4000-8000-000000000001';
    const inbound = await (async () => {
      client.send(`bgapi originate {origination_uuid=${caller},origination_caller_id_number=48221234567,origination_caller_id_name='Alice Caller',ignore_early_media=true,originate_timeout=120}loopback/600941/default &park()\nJob-UUID: d1\n\n`);
      const park = await client.waitFor((m) => m.event !== undefined && m.event.headers.some(([k, v]) => k === 'Event-Name' && v === 'CHANNEL_PARK'));
      return String(park.event!.headers.find(([k]) => k === 'Unique-ID')![1]);
    })();
    const out = 'f0000000-0000-4000-8000-000000000002';
    client.send(`bgapi originate {origination_uuid=${out},origination_caller_id_number=48220000001,origination_caller_id_name='Forward Via',originate_timeout=30,callfwd_parent=${inbound}}loopback/700/forward-target &park()\nJob-UUID: c1\n\n`);
    await waitForJob(client, 'c1');
    await api(client, `uuid_pre_answer ${inbound}`);
    await api(client, `uuid_bridge ${inbound} ${out}`);
    await waitForEvent(client, 'CHANNEL_DESTROY', caller, 10_000);
    await waitForEvent(client, 'CHANNEL_DESTROY', out, 10_000);
    await client.close();
    return posts;
  }

  for (const [encode, phase] of [[true, [0, 4]], [false, [4, 8]]] as const) {
    it(`encode=${encode}: the same requests per leg`, async () => {
      const real = capturedRequests().slice(phase[0], phase[1]);
      const sim = await forwardOnce(encode);
      expect(sim.map(legKind).sort()).to.deep.equal(real.map(legKind).sort());
      for (const realRequest of real) {
        const kind = legKind(realRequest);
        const simRequest = sim.find((request) => legKind(request) === kind)!;
        const where = `${kind} (encode=${encode})`;
        const pathForm = (path: string): string => path.replace(/[0-9a-f-]{36}/, '<uuid>');
        expect(pathForm(simRequest.path), where).to.equal(pathForm(realRequest.path));
        const headerForm = (lines: readonly string[]): string[] => lines.map((line) => line.replace(/^(Host|Content-Length): .*/, '$1: N'));
        expect(headerForm(simRequest.headerLines), where).to.deep.equal(headerForm(realRequest.headerLines));
        expect(simRequest.body.slice(0, 40), where).to.equal(realRequest.body.slice(0, 40));
        expect(skeleton(readCdrPost(simRequest.body).xml), where).to.deep.equal(skeleton(readCdrPost(realRequest.body).xml));
        // Every CDR variable the real node wrote from hangup_cause on (the set switch_channel_set_timestamps adds) is there, in order.
        const cdrSet = (names: string[]): string[] => names.slice(names.indexOf('hangup_cause'));
        const realNames = cdrSet(variableNames(realRequest.body));
        const simNames = cdrSet(variableNames(simRequest.body)).filter((name) => realNames.includes(name));
        expect(simNames, where).to.deep.equal(realNames);
        // billsec within a second: a timer of a loaded machine may fire late (at 10x, 100 ms is 1 s).
        const billsec = (request: Request): number => Number(readCdrPost(request.body).variables.billsec);
        expect(Math.abs(billsec(simRequest) - billsec(realRequest)), `${where} billsec`).to.be.at.most(1);
        for (const name of ['hangup_cause', 'callfwd_parent', 'origination_caller_id_number', 'origination_caller_id_name', 'caller_id']) {
          const value = readCdrPost(realRequest.body).variables[name];
          if (value === undefined || /[0-9a-f]{8}-/.test(value)) continue;
          expect(readCdrPost(simRequest.body).variables[name], `${where} ${name}`).to.equal(value);
        }
      }
    });
  }
});
