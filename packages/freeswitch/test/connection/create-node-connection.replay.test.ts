import { once } from 'node:events';
import { expect } from 'chai';
import {
  createNodeConnection,
  type ChannelEvent,
  type FreeswitchError,
  type NodeConnection,
} from '../../src/index.js';
import { sentCommands } from '../support/fixtures.js';
import { createRecordingLogger } from '../support/recording-logger.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';

const CAPTURE = 'forward-originate-bridge-json/controller';
const INBOUND = 'f8ee97b3-9632-491c-bbee-5c448d249588';
const LEG = 'a711d615-c061-4645-a3aa-be3a9da11a6c';
const JOB = 'd12aa9ce-cedf-41a6-9ce6-1c51b8d006c0';

describe('createNodeConnection replaying a real FreeSWITCH forward (originate, pre-answer, bridge)', () => {
  let server: ReplayServer | undefined;
  let conn: NodeConnection | undefined;

  afterEach(async () => {
    await conn?.stop();
    await server?.close();
    conn = undefined;
    server = undefined;
  });

  it('drives the forward exactly as the captured controller did and decodes the call', async () => {
    server = await startReplayServer(CAPTURE);
    const events: ChannelEvent[] = [];
    let parked: () => void = () => undefined;
    const inboundParked = new Promise<void>((resolve) => (parked = resolve));
    conn = createNodeConnection({
      node: { id: 'fs-replay', host: '127.0.0.1', port: server.port, password: 'ClueCon-test' },
      logger: createRecordingLogger(),
      onEvent: (e) => {
        events.push(e);
        if (e.name === 'CHANNEL_PARK' && e.uuid === INBOUND) parked();
      },
    });
    conn.start();
    await once(conn, 'up');
    await inboundParked;

    const originate = await conn.originate({
      legUuid: LEG,
      jobUuid: JOB,
      dialString: 'loopback/700/forward-target',
      variables: {
        origination_caller_id_number: '48220000001',
        origination_caller_id_name: 'Forward Via',
        originate_timeout: '30',
        callfwd_parent: INBOUND,
      },
      timeoutMs: 5000,
    });
    expect(originate).to.deep.equal({ ok: true, uuid: LEG });
    expect(await conn.preAnswer(INBOUND)).to.deep.equal({ ok: true, reply: '+OK' });
    expect(await conn.bridge(INBOUND, LEG)).to.deep.equal({ ok: true, reply: `+OK ${LEG}` });

    // What we sent equals the capture, but for the (narrower) subscription line.
    const ours = server
      .received()
      .split('\n\n')
      .filter((c) => c !== '')
      .map((c) => `${c}\n\n`);
    const theirs = sentCommands(CAPTURE);
    expect(ours).to.have.length(theirs.length);
    expect(ours.filter((c) => !c.startsWith('event json'))).to.deep.equal(
      theirs.filter((c) => !c.startsWith('event json')),
    );

    // The rest of the call arrives after the bridge: wait for the inbound leg's DESTROY.
    while (!events.some((e) => e.name === 'CHANNEL_DESTROY' && e.uuid === INBOUND)) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const park = events.find((e) => e.name === 'CHANNEL_PARK' && e.uuid === INBOUND);
    expect(park).to.deep.include({
      callerName: 'Alice Caller',
      callerNumber: '48221234567',
      direction: 'inbound',
    });
    expect(events.find((e) => e.name === 'CHANNEL_BRIDGE')).to.deep.include({
      uuid: INBOUND,
      otherUuid: LEG,
    });
    const complete = events.find((e) => e.name === 'CHANNEL_HANGUP_COMPLETE' && e.uuid === INBOUND);
    expect(complete).to.deep.include({ hangupCause: 'NORMAL_CLEARING' });
    expect(conn.stats().malformed).to.equal(0);
  });

  it('authenticates and subscribes against the captured events-json bytes', async () => {
    server = await startReplayServer('events-json/client');
    conn = createNodeConnection({
      node: { id: 'fs-replay', host: '127.0.0.1', port: server.port, password: 'ClueCon-test' },
      logger: createRecordingLogger(),
    });
    conn.start();
    await once(conn, 'up');
    expect(server.received()).to.match(/^auth ClueCon-test\n\nevent json /);
  });

  it('reports auth_failed on the captured wrong-password bytes (-ERR invalid, disconnect notice)', async () => {
    server = await startReplayServer('auth-failure/wrong-password');
    conn = createNodeConnection({
      node: { id: 'fs-replay', host: '127.0.0.1', port: server.port, password: 'wrong' },
      logger: createRecordingLogger(),
      reconnect: { initialMs: 10, maxMs: 60_000 },
    });
    const failed = once(conn, 'auth_failed');
    const reconnecting = once(conn, 'reconnecting');
    conn.start();
    const [error] = (await failed) as [FreeswitchError];
    expect(error.code).to.equal('AUTH_FAILED');
    expect(error.message).to.include('fs-replay');
    expect(((await reconnecting) as [{ delayMs: number }])[0].delayMs).to.equal(60_000);
    expect(server.received()).to.equal('auth wrong\n\n');
  });
});
