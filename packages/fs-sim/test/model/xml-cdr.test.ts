// mod_xml_cdr as the capture node showed it (esl-real-next/xml-cdr-post): one POST per leg to
// `<url>?uuid=a_<uuid>` (no `a_` for the uuid_bridged forward leg), `cdr=` + URL-encoded XML (or
// raw XML with encode=false), the leg's CHANNEL_HANGUP_COMPLETE held until the POST is answered,
// a failed POST retried `delaySeconds` later, and given up on after `retries` more attempts.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { CAPTURE_FAR_ENDS, readCdrPost } from '../../src/index.js';
import { eventName } from '../support/esl-messages.js';
import type { EslTestClient } from '../support/esl-test-client.js';
import { ALL_CALL_EVENTS, api, eventHeader, waitForEvent, waitForJob } from '../support/event-helpers.js';
import type { SimFixture } from '../support/sim-fixture.js';
import { startSim } from '../support/sim-fixture.js';

interface Posted {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaderNames: readonly string[];
  readonly body: string;
}

/** A CDR endpoint: records every request and answers with `status(n)` (n counts from 1). */
async function cdrServer(status: (n: number, url: string) => number | Promise<number>): Promise<{ server: Server; url: string; posts: Posted[] }> {
  const posts: Posted[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      posts.push({ url: req.url ?? '', headers: req.headers, rawHeaderNames: req.rawHeaders.filter((_, i) => i % 2 === 0), body: Buffer.concat(chunks).toString('utf8') });
      void Promise.resolve(status(posts.length, req.url ?? '')).then((code) => res.writeHead(code).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cdr`, posts };
}

const IN = 'eeeeeeee-0000-4000-8000-000000000001';
const OUT = 'eeeeeeee-0000-4000-8000-000000000002';

describe('mod_xml_cdr posts', () => {
  let sim: SimFixture | undefined;
  let http: Server | undefined;
  afterEach(async () => {
    await sim?.close();
    await new Promise<void>((resolve) => (http === undefined ? resolve() : http.close(() => resolve())));
    sim = undefined;
    http = undefined;
  });

  /** A parked inbound call forwarded to 700 (answers, talks 3 s) with uuid_bridge. */
  async function bridgedForward(client: EslTestClient): Promise<void> {
    sim!.node.placeCall({ uuid: IN, dialled: '600941', callerNumber: '48221234567', callerName: 'Alice Caller' });
    await waitForEvent(client, 'CHANNEL_PARK', IN);
    client.send(`bgapi originate {origination_uuid=${OUT},origination_caller_id_number=48220000001,callfwd_parent=${IN}}loopback/700/forward-target &park()\nJob-UUID: j1\n\n`);
    await waitForJob(client, 'j1');
    expect(await api(client, `uuid_pre_answer ${IN}`)).to.equal('+OK\n');
    expect(await api(client, `uuid_bridge ${IN} ${OUT}`)).to.equal(`+OK ${OUT}\n`);
  }

  it('encode=true: one form-encoded POST per leg, a_ prefix except on the bridged forward leg, the CDR readable back', async () => {
    const endpoint = await cdrServer(() => 200);
    http = endpoint.server;
    sim = await startSim({ farEnds: CAPTURE_FAR_ENDS, xmlCdr: { url: endpoint.url, retries: 0, delaySeconds: 1 } });
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    await bridgedForward(client);
    const complete = await waitForEvent(client, 'CHANNEL_HANGUP_COMPLETE', OUT, 10_000);
    await waitForEvent(client, 'CHANNEL_HANGUP_COMPLETE', IN, 10_000);
    const forward = endpoint.posts.find((post) => post.url === `/cdr?uuid=${OUT}`);
    expect(forward, endpoint.posts.map((post) => post.url).join(' ')).to.not.equal(undefined);
    expect(endpoint.posts.find((post) => post.url === `/cdr?uuid=a_${IN}`)).to.not.equal(undefined);
    // The far end's loopback -b half is posted too, with a_.
    expect(endpoint.posts.filter((post) => post.url.startsWith('/cdr?uuid=a_'))).to.have.length(2);
    expect(forward!.rawHeaderNames).to.deep.equal(['Host', 'User-Agent', 'Accept', 'Content-Type', 'Content-Length']);
    expect(forward!.headers['user-agent']).to.equal('freeswitch-xml/1.0');
    expect(forward!.headers['content-type']).to.equal('application/x-www-form-urlencoded');
    expect(forward!.body.startsWith('cdr=%3C%3Fxml%20version%3D%221.0%22%3F%3E%0A%3Ccdr%20core-uuid%3D%22')).to.equal(true);
    const cdr = readCdrPost(forward!.body);
    expect(cdr.xml).to.include('<originator_caller_profile>');
    // The CDR carries what the HANGUP_COMPLETE event does: billing spans, epochs, the cause, callfwd's tags.
    for (const name of ['billsec', 'billmsec', 'duration', 'answersec', 'start_epoch', 'answer_epoch', 'end_epoch', 'end_uepoch', 'hangup_cause']) {
      expect(cdr.variables[name], name).to.equal(eventHeader(complete, `variable_${name}`));
    }
    expect(cdr.variables.callfwd_parent).to.equal(IN);
    expect(Number(cdr.variables.billsec)).to.be.greaterThanOrEqual(3); // 700 talks 3 s (more if the loaded machine stalls a timer)
    expect(cdr.variables.origination_caller_id_number).to.equal('48220000001');
  });

  it("holds a leg's HANGUP_COMPLETE until its POST is answered", async () => {
    let release: (() => void) | undefined;
    const answered = new Promise<void>((resolve) => (release = resolve));
    const endpoint = await cdrServer(async (_n, url) => {
      if (url === `/cdr?uuid=a_${OUT}`) await answered;
      return 200;
    });
    http = endpoint.server;
    sim = await startSim({ farEnds: CAPTURE_FAR_ENDS, xmlCdr: { url: endpoint.url } });
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    client.send(`bgapi originate {origination_uuid=${OUT}}loopback/700/forward-target &park()\nJob-UUID: j2\n\n`);
    await waitForEvent(client, 'CHANNEL_HANGUP', OUT, 10_000);
    const deadline = Date.now() + 5000;
    while (!endpoint.posts.some((post) => post.url === `/cdr?uuid=a_${OUT}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    // The far end's half was posted and answered: its HANGUP_COMPLETE is out; ours is not.
    await client.waitFor((m) => eventName(m) === 'CHANNEL_HANGUP_COMPLETE' && eventHeader(m, 'Unique-ID') !== OUT);
    await new Promise((r) => setTimeout(r, 100));
    expect(client.received.some((m) => eventName(m) === 'CHANNEL_HANGUP_COMPLETE' && eventHeader(m, 'Unique-ID') === OUT)).to.equal(false);
    release!();
    await waitForEvent(client, 'CHANNEL_HANGUP_COMPLETE', OUT);
    await waitForEvent(client, 'CHANNEL_DESTROY', OUT);
  });

  it('encode=false: raw XML after cdr=; a 500 is retried delaySeconds later and the leg ends after the 200', async () => {
    const endpoint = await cdrServer((n) => (n === 1 ? 500 : 200));
    http = endpoint.server;
    sim = await startSim({ farEnds: CAPTURE_FAR_ENDS, xmlCdr: { url: endpoint.url, encode: false, retries: 2, delaySeconds: 3 } });
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    client.send(`bgapi originate {origination_uuid=${OUT},origination_caller_id_name='Forward Via'}loopback/700/forward-target &park()\nJob-UUID: j3\n\n`);
    await waitForEvent(client, 'CHANNEL_DESTROY', OUT, 10_000);
    const first = endpoint.posts[0]!;
    expect(first.headers['content-type']).to.equal('application/x-www-form-plaintext');
    expect(first.body.startsWith('cdr=<?xml version="1.0"?>\n<cdr core-uuid="')).to.equal(true);
    // Variable values are URL-encoded inside the XML, as on the real node.
    expect(first.body).to.include('<origination_caller_id_name>Forward%20Via</origination_caller_id_name>');
    const retried = endpoint.posts.filter((post) => post.url === first.url);
    expect(retried).to.have.length(2);
    expect(retried[1]!.body).to.equal(first.body);
    const attempts = sim.node.cdrPosts().filter((record) => record.path === first.url);
    expect(attempts.map((record) => [record.attempt, record.status])).to.deep.equal([[1, 500], [2, 200]]);
    expect(sim.node.cdrFailures()).to.deep.equal([]);
  });

  it('all 500 with retries=1: two attempts, then the err-log-dir entry, and the leg still ends', async () => {
    const endpoint = await cdrServer(() => 500);
    http = endpoint.server;
    sim = await startSim({ farEnds: CAPTURE_FAR_ENDS, xmlCdr: { url: endpoint.url, retries: 1, delaySeconds: 1 } });
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    client.send(`bgapi originate {origination_uuid=${OUT}}loopback/700/forward-target &park()\nJob-UUID: j4\n\n`);
    await waitForEvent(client, 'CHANNEL_DESTROY', OUT, 10_000);
    expect(endpoint.posts.filter((post) => post.url === `/cdr?uuid=a_${OUT}`)).to.have.length(2);
    const failure = sim.node.cdrFailures().find((entry) => entry.uuid === OUT);
    expect(failure?.fileName).to.equal(`a_${OUT}.cdr.xml`);
    expect(failure?.content.startsWith('%3C%3Fxml%20version%3D%221.0%22%3F%3E%0A')).to.equal(true);
    expect(readCdrPost(failure!.content).variables.uuid).to.equal(OUT);
  });

  it('a refused connection counts as a failed attempt; setXmlCdr(undefined) turns posting off; reload replies as the real node', async () => {
    sim = await startSim({ farEnds: CAPTURE_FAR_ENDS, xmlCdr: { url: 'http://127.0.0.1:1/cdr', retries: 0 } });
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    client.send(`bgapi originate {origination_uuid=${OUT}}loopback/700/forward-target &park()\nJob-UUID: j5\n\n`);
    await waitForEvent(client, 'CHANNEL_DESTROY', OUT, 10_000);
    expect(sim.node.cdrPosts().find((record) => record.uuid === OUT)?.status).to.equal(0);
    expect(await api(client, 'reload mod_xml_cdr')).to.equal('+OK Reloading XML\n+OK module unloaded\n+OK module loaded\n');
    sim.node.setXmlCdr(undefined);
    const before = sim.node.cdrPosts().length;
    client.send('bgapi originate {origination_uuid=eeeeeeee-0000-4000-8000-000000000003}loopback/700/forward-target &park()\nJob-UUID: j6\n\n');
    await waitForEvent(client, 'CHANNEL_DESTROY', 'eeeeeeee-0000-4000-8000-000000000003', 10_000);
    expect(sim.node.cdrPosts().length).to.equal(before);
  });
});
