import { once } from 'node:events';
import { expect } from 'chai';
import {
  BadCommandInput,
  buildOriginate,
  createNodeConnection,
  FreeswitchError,
  wireBytes,
  type ChannelEvent,
  type NodeConnection,
  type NodeConnectionOptions,
} from '../../src/index.js';
import { frame } from '../support/esl-frames.js';
import { capturedParkEvent } from '../support/park-event.js';
import { createRecordingLogger } from '../support/recording-logger.js';
import {
  startScriptedServer,
  type Peer,
  type ScriptedServer,
  type ScriptedServerOptions,
} from '../support/scripted-server.js';

const PASSWORD = 'ClueCon-test';
const LEG = 'a711d615-c061-4645-a3aa-be3a9da11a6c';
const JOB = 'd12aa9ce-cedf-41a6-9ce6-1c51b8d006c0';
const INBOUND = 'f8ee97b3-9632-491c-bbee-5c448d249588';

function backgroundJob(jobUuid: string, body: string): string {
  return frame.jsonEvent({
    'Event-Name': 'BACKGROUND_JOB',
    'Event-Date-Timestamp': '1795642066299530',
    'Event-Sequence': '3095',
    'Job-UUID': jobUuid,
    'Job-Command': 'originate',
    'Content-Length': String(Buffer.byteLength(body)),
    _body: body,
  });
}

describe('createNodeConnection against a scripted event socket', () => {
  let server: ScriptedServer | undefined;
  let conn: NodeConnection | undefined;
  const received: ChannelEvent[] = [];
  const logger = createRecordingLogger();

  async function setup(
    serverOpts: Partial<ScriptedServerOptions> = {},
    connOpts: Partial<NodeConnectionOptions> = {},
    password = PASSWORD,
  ): Promise<{ server: ScriptedServer; conn: NodeConnection }> {
    server = await startScriptedServer({ password: PASSWORD, ...serverOpts });
    conn = createNodeConnection({
      node: { id: 'fs-a', host: '127.0.0.1', port: server.port, password },
      logger,
      reconnect: { initialMs: 10, maxMs: 60_000 },
      commandTimeoutMs: 2000,
      onEvent: (e) => received.push(e),
      ...connOpts,
    });
    return { server, conn };
  }

  async function startUp(c: NodeConnection): Promise<void> {
    const up = once(c, 'up');
    c.start();
    await up;
  }

  afterEach(async () => {
    await conn?.stop();
    await server?.close();
    conn = undefined;
    server = undefined;
    received.length = 0;
    logger.entries.length = 0;
  });

  it('authenticates, subscribes with event json, and reports up', async () => {
    const { server, conn } = await setup();
    expect(conn.isUp()).to.equal(false);
    await startUp(conn);
    expect(conn.isUp()).to.equal(true);
    const peer = await server.connection(1);
    expect(peer.received).to.equal(
      `auth ${PASSWORD}\n\nevent json CHANNEL_CREATE CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA CHANNEL_PARK CHANNEL_ANSWER CHANNEL_BRIDGE CHANNEL_UNBRIDGE CHANNEL_HANGUP CHANNEL_HANGUP_COMPLETE CHANNEL_DESTROY BACKGROUND_JOB RECORD_START RECORD_STOP\n\n`,
    );
  });

  it('subscribes to a narrower list, always with BACKGROUND_JOB', async () => {
    const { server, conn } = await setup({}, { events: ['CHANNEL_HANGUP', 'CHANNEL_ANSWER'] });
    await startUp(conn);
    expect((await server.connection(1)).commands[1]).to.equal(
      'event json CHANNEL_ANSWER CHANNEL_HANGUP BACKGROUND_JOB',
    );
  });

  it('on a wrong password emits auth_failed naming the node, and waits the maximum delay before retrying', async () => {
    const { server, conn } = await setup({}, {}, 'wrong');
    const failed = once(conn, 'auth_failed');
    const reconnecting = once(conn, 'reconnecting');
    conn.start();
    const [error] = (await failed) as [FreeswitchError];
    expect(error).to.be.instanceOf(FreeswitchError);
    expect(error.code).to.equal('AUTH_FAILED');
    expect(error.node).to.equal('fs-a');
    expect(error.message).to.include('fs-a').and.to.include('-ERR invalid');
    const [next] = (await reconnecting) as [{ delayMs: number; reason: string }];
    expect(next).to.deep.include({ delayMs: 60_000, reason: 'AUTH_FAILED' });
    expect(conn.isUp()).to.equal(false);
    expect(server.peers).to.have.length(1);
    expect(logger.entries.filter((e) => e.level === 'error').map((e) => e.data.node)).to.deep.equal(['fs-a']);
  });

  it('reports down when the server drops the socket, then reconnects and reports up again', async () => {
    const { server, conn } = await setup();
    await startUp(conn);
    const down = once(conn, 'down');
    const upAgain = once(conn, 'up');
    (await server.connection(1)).socket.destroy();
    const [info] = (await down) as [{ reason: string }];
    expect(info.reason).to.equal('CLOSED');
    expect(conn.isUp()).to.equal(false);
    await upAgain;
    expect(conn.isUp()).to.equal(true);
    expect(conn.stats().reconnects).to.equal(1);
    expect(server.peers).to.have.length(2);
  });

  it('rejects with TIMEOUT when an api reply does not come, then starts a fresh socket that works', async () => {
    let slow = true;
    const { server, conn } = await setup(
      { onApi: (cmd) => (slow ? undefined : cmd.startsWith('uuid_exists') ? 'true' : undefined) },
      { commandTimeoutMs: 100 },
    );
    await startUp(conn);
    const down = once(conn, 'down');
    const error = await conn.exists(INBOUND).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).to.be.instanceOf(FreeswitchError);
    expect((error as FreeswitchError).code).to.equal('TIMEOUT');
    // Written, unanswered: the node may have run it.
    expect((error as FreeswitchError).unsent).to.equal(false);
    const [info] = (await down) as [{ reason: string }];
    expect(info.reason).to.equal('COMMAND_TIMEOUT');
    slow = false;
    if (!conn.isUp()) await once(conn, 'up');
    expect(await conn.exists(INBOUND)).to.equal(true);
    expect(server.peers).to.have.length(2);
  });

  it('gives TIMEOUT when the BACKGROUND_JOB of an originate never comes', async () => {
    const { conn } = await setup();
    await startUp(conn);
    const result = await conn.originate({
      legUuid: LEG,
      jobUuid: JOB,
      dialString: 'loopback/700/forward-target',
      variables: {},
      timeoutMs: 100,
    });
    expect(result).to.deep.equal({ ok: false, cause: 'TIMEOUT' });
  });

  it('originates with our Job-UUID, ignores other jobs, and reads +OK and -ERR results', async () => {
    const { server, conn } = await setup({
      onBgapi: (cmd, jobUuid, peer: Peer) => {
        peer.send(backgroundJob('11111111-1111-4111-8111-111111111111', '-ERR NO_ANSWER\n'));
        peer.send(backgroundJob(jobUuid, cmd.includes('/702/') ? '-ERR USER_BUSY\n' : `+OK ${LEG}\n`));
      },
    });
    await startUp(conn);
    const order = {
      legUuid: LEG,
      jobUuid: JOB,
      dialString: 'loopback/700/forward-target',
      variables: { origination_caller_id_name: 'Forward Via' },
      timeoutMs: 2000,
    };
    expect(await conn.originate(order)).to.deep.equal({ ok: true, uuid: LEG });
    const busyJob = '3a4cdaa4-6307-4257-9146-8d519a3dcf34';
    expect(
      await conn.originate({ ...order, jobUuid: busyJob, dialString: 'loopback/702/forward-target' }),
    ).to.deep.equal({ ok: false, cause: 'USER_BUSY' });
    const peer = await server.connection(1);
    expect(peer.received).to.include(wireBytes(buildOriginate(order)));
    expect(received.filter((e) => e.name === 'BACKGROUND_JOB')).to.have.length(4);
  });

  it('returns -ERR and -USAGE replies as values and parses show channels', async () => {
    const rows = {
      row_count: 1,
      rows: [
        {
          uuid: INBOUND,
          direction: 'inbound',
          state: 'CS_EXECUTE',
          callstate: 'ACTIVE',
          dest: '600100',
          cid_num: '48221234567',
          created_epoch: '1795642066',
        },
      ],
    };
    const { conn } = await setup({
      onApi: (cmd) => {
        if (cmd.startsWith('uuid_kill')) return '-ERR No such channel!\n';
        if (cmd.startsWith('uuid_bridge')) return '-USAGE: <uuid> <other_uuid>\n';
        if (cmd.startsWith('uuid_pre_answer')) return '+OK\n';
        if (cmd.startsWith('uuid_exists')) return 'false';
        if (cmd === 'show channels as json') return `${JSON.stringify(rows)}\n`;
        return '-ERR unexpected\n';
      },
    });
    await startUp(conn);
    expect(await conn.kill(INBOUND)).to.deep.equal({
      ok: false,
      error: '-ERR No such channel!',
      reason: 'no_such_channel',
    });
    expect(await conn.bridge(INBOUND, LEG)).to.deep.equal({
      ok: false,
      error: '-USAGE: <uuid> <other_uuid>',
    });
    expect(await conn.preAnswer(INBOUND)).to.deep.equal({ ok: true, reply: '+OK' });
    expect(await conn.exists(INBOUND)).to.equal(false);
    const channels = await conn.showChannels();
    expect(channels.ok && channels.rows[0]).to.deep.include({
      uuid: INBOUND,
      callstate: 'ACTIVE',
      cid_num: '48221234567',
      created_epoch: 1795642066,
    });
  });

  it('counts garbage frames as malformed, ignores unknown events, and keeps working', async () => {
    const { server, conn } = await setup({ onApi: () => '+OK\n' });
    await startUp(conn);
    const peer = await server.connection(1);
    const park = capturedParkEvent();
    const malformed: unknown[] = [];
    conn.on('malformed', (info) => malformed.push(info));
    peer.send('Content-Length: 5\nContent-Type: text/event-json\n\n{bad}');
    peer.send(frame.jsonEvent({ ...park, 'Unique-ID': undefined }));
    peer.send(frame.jsonEvent({ ...park, 'Event-Sequence': 'twelve' }));
    peer.send('Content-Type: weird/type\n\n');
    peer.send(frame.jsonEvent({ ...park, 'Event-Name': 'CHANNEL_STATE' }));
    peer.send(frame.jsonEvent({ ...park, 'Event-Name': 'NOT_A_FREESWITCH_EVENT' }));
    peer.send(frame.jsonEvent(park));
    expect(await conn.preAnswer(INBOUND)).to.deep.equal({ ok: true, reply: '+OK' });
    expect(received.map((e) => e.name)).to.deep.equal(['CHANNEL_PARK']);
    expect(conn.stats()).to.deep.equal({ events: 1, malformed: 4, reconnects: 0 });
    expect(malformed).to.have.length(4);
    expect(conn.isUp()).to.equal(true);
    expect(
      logger.entries.filter((e) => e.msg === 'malformed event frame').every((e) => e.data.node === 'fs-a'),
    ).to.equal(true);
  });

  it('logs a throwing onEvent handler and keeps decoding', async () => {
    let calls = 0;
    const { server, conn } = await setup(
      { onApi: () => '+OK\n' },
      {
        onEvent: () => {
          calls += 1;
          throw new Error('handler bug');
        },
      },
    );
    await startUp(conn);
    const peer = await server.connection(1);
    peer.send(frame.jsonEvent(capturedParkEvent()));
    peer.send(frame.jsonEvent(capturedParkEvent()));
    await conn.preAnswer(INBOUND);
    expect(calls).to.equal(2);
    expect(logger.entries.filter((e) => e.msg === 'onEvent handler threw')).to.have.length(2);
  });

  it('refuses bad input before writing anything, and reports DISCONNECTED when not up', async () => {
    const { server, conn } = await setup({ onApi: () => '+OK\n' });
    const notUp = await conn.kill(INBOUND).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((notUp as FreeswitchError).code).to.equal('DISCONNECTED');
    // Nothing was written: the caller may send it again without risk of a second run.
    expect((notUp as FreeswitchError).unsent).to.equal(true);
    expect(
      await conn.originate({
        legUuid: LEG,
        jobUuid: JOB,
        dialString: 'loopback/700/x',
        variables: {},
        timeoutMs: 1000,
      }),
    ).to.deep.equal({ ok: false, cause: 'DISCONNECTED' });
    await startUp(conn);
    const bad = await conn.bridge(INBOUND, `${LEG}\napi hupall`).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(bad).to.be.instanceOf(BadCommandInput);
    expect((bad as FreeswitchError).unsent).to.equal(true);
    expect((await server.connection(1)).commands.filter((c) => c.startsWith('api'))).to.deep.equal([]);
  });

  it('stop() ends waiting originates with DISCONNECTED and does not reconnect', async () => {
    const { server, conn } = await setup();
    await startUp(conn);
    const pending = conn.originate({
      legUuid: LEG,
      jobUuid: JOB,
      dialString: 'loopback/700/forward-target',
      variables: {},
      timeoutMs: 60_000,
    });
    const down = once(conn, 'down');
    await conn.stop();
    expect(await pending).to.deep.equal({ ok: false, cause: 'DISCONNECTED' });
    expect(((await down) as [{ reason: string }])[0].reason).to.equal('STOPPED');
    expect(conn.isUp()).to.equal(false);
    expect(server.peers).to.have.length(1);
  });
});
