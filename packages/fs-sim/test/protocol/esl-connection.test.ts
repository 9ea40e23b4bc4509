import { expect } from 'chai';
import { connect } from 'node:net';
import { contentType, eventName, header } from '../support/esl-messages.js';
import { connectClient } from '../support/esl-test-client.js';
import type { SimFixture } from '../support/sim-fixture.js';
import { PASSWORD, startSim } from '../support/sim-fixture.js';

const reply = (message: { headers: ReadonlyArray<readonly [string, string]> }): string | undefined => header(message.headers, 'Reply-Text');

describe('event-socket connection', () => {
  let sim: SimFixture;
  afterEach(async () => sim.close());

  it('greets with auth/request and accepts the right password', async () => {
    sim = await startSim();
    const client = await connectClient(sim.node.port);
    await client.waitForCount(1);
    expect(client.bytes().toString()).to.equal('Content-Type: auth/request\n\n');
    client.send(`auth ${PASSWORD}\n\n`);
    await client.waitForCount(2);
    expect(client.bytes().toString()).to.equal(
      'Content-Type: auth/request\n\nContent-Type: command/reply\nReply-Text: +OK accepted\n\n',
    );
    await client.close();
  });

  it('refuses a wrong password with -ERR invalid, a disconnect notice, and closes', async () => {
    sim = await startSim();
    const client = await connectClient(sim.node.port);
    client.send('auth nope\n\n');
    await client.waitClosed();
    expect(client.received.map((m) => reply(m) ?? contentType(m))).to.deep.equal([
      'auth/request',
      '-ERR invalid',
      'text/disconnect-notice',
    ]);
  });

  it('answers commands before auth with -ERR command not found and stays usable', async () => {
    sim = await startSim();
    const client = await connectClient(sim.node.port);
    client.send('api version\n\n');
    await client.waitForCount(2);
    expect(reply(client.received[1]!)).to.equal('-ERR command not found');
    client.send(`auth ${PASSWORD}\n\napi version\n\n`);
    await client.waitForCount(4);
    expect(client.received[3]!.body).to.equal('FreeSWITCH Version 1.10.12-release~64bit ( 64bit)\n');
    await client.close();
  });

  it('drops a client that never authenticates after the auth timeout', async () => {
    sim = await startSim({ authTimeoutMs: 50 });
    const client = await connectClient(sim.node.port);
    await client.waitClosed();
    expect(client.received.map((m) => contentType(m))).to.deep.equal(['auth/request', 'text/disconnect-notice']);
  });

  it('exit: +OK bye, the disconnect notice, then close', async () => {
    sim = await startSim();
    const client = await sim.client();
    client.send('exit\n\n');
    await client.waitClosed();
    const tail = client.bytes().toString().split('Content-Type: command/reply\nReply-Text: +OK accepted\n\n')[1];
    expect(tail).to.equal(
      'Content-Type: command/reply\nReply-Text: +OK bye\n\n' +
        'Content-Type: text/disconnect-notice\nContent-Length: 67\n\nDisconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n',
    );
  });

  it('handles a command split across TCP writes, byte by byte', async () => {
    sim = await startSim();
    const socket = connect(sim.node.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    for (const byte of Buffer.from(`auth ${PASSWORD}\n\napi version\n\n`)) {
      socket.write(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise<void>((resolve) => {
      const check = (): void => (Buffer.concat(chunks).toString().includes('64bit)\n') ? resolve() : void setTimeout(check, 5));
      check();
    });
    expect(Buffer.concat(chunks).toString()).to.contain('Reply-Text: +OK accepted').and.contain('Content-Length: 50\n\nFreeSWITCH Version');
    await new Promise<void>((resolve) => socket.end(() => resolve()));
    socket.destroy();
  });

  it('answers pipelined commands in one write in order', async () => {
    sim = await startSim();
    const client = await connectClient(sim.node.port);
    client.send(`auth ${PASSWORD}\n\napi uuid_exists nope\n\nevent plain CHANNEL_PARK\n\napi version\n\nnoevents\n\n`);
    await client.waitForCount(6);
    expect(client.received.slice(1).map((m) => reply(m) ?? m.body)).to.deep.equal([
      '+OK accepted',
      'false',
      '+OK event listener enabled plain',
      'FreeSWITCH Version 1.10.12-release~64bit ( 64bit)\n',
      '+OK no longer listening for events',
    ]);
    await client.close();
  });

  it('rejects unknown event names and unknown commands with the real texts', async () => {
    sim = await startSim();
    const client = await sim.client();
    client.send('event plain NOT_AN_EVENT\n\ngarbage\n\nevent json CHANNEL_CREATE\n\n');
    await client.waitForCount(5);
    expect(client.received.slice(2).map((m) => reply(m))).to.deep.equal([
      '-ERR no keywords supplied',
      '-ERR command not found',
      '+OK event listener enabled json',
    ]);
    await client.close();
  });

  it('bgapi: +OK Job-UUID with a Job-UUID header, honours a client Job-UUID, and BACKGROUND_JOB reaches every subscriber', async () => {
    sim = await startSim();
    const sender = await sim.client({ subscribe: 'plain BACKGROUND_JOB' });
    const other = await sim.client({ subscribe: 'json BACKGROUND_JOB' });
    const silent = await sim.client({ subscribe: 'plain CHANNEL_PARK' });
    sender.send('bgapi version\nJob-UUID: 11111111-2222-3333-4444-555555555555\n\n');
    const jobReply = await sender.waitFor((m) => reply(m)?.startsWith('+OK Job-UUID') === true);
    expect(reply(jobReply)).to.equal('+OK Job-UUID: 11111111-2222-3333-4444-555555555555');
    expect(header(jobReply.headers, 'Job-UUID')).to.equal('11111111-2222-3333-4444-555555555555');
    for (const client of [sender, other]) {
      const job = await client.waitFor((m) => eventName(m) === 'BACKGROUND_JOB');
      expect(header(job.event!.headers, 'Job-UUID')).to.equal('11111111-2222-3333-4444-555555555555');
      expect(job.event!.body).to.equal('FreeSWITCH Version 1.10.12-release~64bit ( 64bit)\n');
    }
    sender.send('api version\n\n');
    await sender.waitFor((m) => contentType(m) === 'api/response');
    expect(silent.received.some((m) => eventName(m) === 'BACKGROUND_JOB')).to.equal(false);
    await Promise.all([sender.close(), other.close(), silent.close()]);
  });

  it('filters events by header value', async () => {
    sim = await startSim();
    const client = await sim.client({ subscribe: 'plain CHANNEL_PARK' });
    client.send('filter Caller-Destination-Number 500\n\n');
    const added = await client.waitFor((m) => reply(m)?.startsWith('+OK filter') === true);
    expect(reply(added)).to.equal('+OK filter added. [Caller-Destination-Number]=[500]');
    sim.node.placeCall({ dialled: '400', callerNumber: '481', callerName: 'A' });
    sim.node.placeCall({ dialled: '500', callerNumber: '482', callerName: 'B' });
    const park = await client.waitFor((m) => eventName(m) === 'CHANNEL_PARK');
    expect(header(park.event!.headers, 'Caller-Destination-Number')).to.equal('500');
    expect(client.received.filter((m) => eventName(m) === 'CHANNEL_PARK')).to.have.length(1);
    await client.close();
  });
});
