import { once } from 'node:events';
import { expect } from 'chai';
import {
  BadCommandInput,
  buildOriginate,
  createNodeConnection,
  FreeswitchError,
  parseOriginateArg,
  wireBytes,
  type OriginateInput,
} from '../../src/index.js';
import { frame, splitFrames } from '../support/esl-frames.js';
import { readNextFixture } from '../support/fixtures.js';
import { createRecordingLogger } from '../support/recording-logger.js';
import { SCRIPTED_PASSWORD, useScriptedConnection } from '../support/scripted-connection.js';
import { startScriptedServer } from '../support/scripted-server.js';

const LEG = 'a711d615-c061-4645-a3aa-be3a9da11a6c';
const JOB = 'd12aa9ce-cedf-41a6-9ce6-1c51b8d006c0';
const ORDER: OriginateInput = {
  legUuid: LEG,
  jobUuid: JOB,
  dialString: 'loopback/705/forward-target',
  variables: { origination_caller_id_name: 'Forward Via', callfwd_parent: 'tag-1' },
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(
    () => expect.fail('should reject'),
    (err: unknown) => err,
  );
}

describe('NodeConnection.sendOriginate', () => {
  const scripted = useScriptedConnection();

  it('writes bgapi originate with our Job-UUID and resolves at the command reply, with no BACKGROUND_JOB', async () => {
    const { server, conn } = await scripted.open();
    expect(await conn.sendOriginate(ORDER)).to.deep.equal({ ok: true, jobUuid: JOB });
    const peer = await server.connection(1);
    expect(peer.received).to.include(wireBytes(buildOriginate(ORDER)));
    expect(conn.isUp()).to.equal(true);
  });

  it('returns a -ERR command reply as a value', async () => {
    const { conn } = await scripted.open({ bgapiReply: () => '-ERR no more threads' });
    expect(await conn.sendOriginate(ORDER)).to.deep.equal({ ok: false, error: '-ERR no more threads' });
  });

  it('rejects with TIMEOUT when the command reply does not come, and opens a fresh socket', async () => {
    const { server, conn } = await scripted.open({ bgapiReply: () => undefined }, { commandTimeoutMs: 100 });
    const down = once(conn, 'down');
    const error = await rejection(conn.sendOriginate(ORDER));
    expect(error).to.be.instanceOf(FreeswitchError);
    expect((error as FreeswitchError).code).to.equal('TIMEOUT');
    expect(((await down) as [{ reason: string }])[0].reason).to.equal('COMMAND_TIMEOUT');
    await once(conn, 'up');
    expect(server.peers).to.have.length(2);
  });

  it('rejects with DISCONNECTED when the socket drops before the reply', async () => {
    const { conn } = await scripted.open({ bgapiReply: (_cmd, _job, peer) => void peer.socket.destroy() });
    const error = await rejection(conn.sendOriginate(ORDER));
    expect((error as FreeswitchError).code).to.equal('DISCONNECTED');
  });

  it('rejects with DISCONNECTED when not up, and BadCommandInput before writing a refused value', async () => {
    const server = await startScriptedServer({ password: SCRIPTED_PASSWORD });
    const conn = createNodeConnection({
      node: { id: 'fs-a', host: '127.0.0.1', port: server.port, password: SCRIPTED_PASSWORD },
      logger: createRecordingLogger(),
    });
    try {
      expect(((await rejection(conn.sendOriginate(ORDER))) as FreeswitchError).code).to.equal('DISCONNECTED');
      const up = once(conn, 'up');
      conn.start();
      await up;
      const bad = await rejection(
        conn.sendOriginate({ ...ORDER, variables: { callfwd_x: "a'}\nbgapi hupall" } }),
      );
      expect(bad).to.be.instanceOf(BadCommandInput);
      expect((bad as BadCommandInput).field).to.equal('variables.callfwd_x');
      expect((await server.connection(1)).commands.filter((c) => c.startsWith('bgapi'))).to.deep.equal([]);
    } finally {
      await conn.stop();
      await server.close();
    }
  });

  it('keeps the awaited originate working beside it: the BACKGROUND_JOB carries our variables', async () => {
    const { conn, events } = await scripted.open({
      onBgapi: (cmd, jobUuid, peer) => {
        const body = `+OK ${LEG}\n`;
        peer.send(
          frame.jsonEvent({
            'Event-Name': 'BACKGROUND_JOB',
            'Event-Date-Timestamp': '1795642066299530',
            'Event-Sequence': '3095',
            'Job-UUID': jobUuid,
            'Job-Command': 'originate',
            'Job-Command-Arg': cmd.slice('originate '.length),
            _body: body,
          }),
        );
      },
    });
    expect(await conn.sendOriginate(ORDER)).to.deep.equal({ ok: true, jobUuid: JOB });
    const second = '3a4cdaa4-6307-4257-9146-8d519a3dcf34';
    expect(await conn.originate({ ...ORDER, jobUuid: second, timeoutMs: 2000 })).to.deep.equal({
      ok: true,
      uuid: LEG,
    });
    const jobs = events.flatMap((e) => (e.name === 'BACKGROUND_JOB' ? [e] : []));
    expect(jobs.map((j) => j.jobUuid)).to.deep.equal([JOB, second]);
    expect(parseOriginateArg(jobs[0]?.commandArg ?? '')).to.deep.equal({
      origination_uuid: LEG,
      origination_caller_id_name: 'Forward Via',
      callfwd_parent: 'tag-1',
    });
  });
});

describe('a command-only connection (events: [])', () => {
  const scripted = useScriptedConnection();

  it('sends no event command, comes up, and sends originates without waiting', async () => {
    const { server, conn } = await scripted.open({}, { events: [] });
    const peer = await server.connection(1);
    expect(await conn.sendOriginate(ORDER)).to.deep.equal({ ok: true, jobUuid: JOB });
    expect(peer.commands.map((c) => c.split(' ', 1)[0])).to.deep.equal(['auth', 'bgapi']);
  });

  it('refuses the awaited originate, which would wait for a BACKGROUND_JOB it never gets', async () => {
    const { server, conn } = await scripted.open({}, { events: [] });
    const error = await rejection(conn.originate({ ...ORDER, timeoutMs: 1000 }));
    expect(error).to.be.instanceOf(BadCommandInput);
    expect((error as BadCommandInput).field).to.equal('events');
    expect((await server.connection(1)).commands).to.have.length(1);
  });
});

describe('early media events through a connection (real 1.10.12 bytes)', () => {
  const scripted = useScriptedConnection();

  it('delivers the captured CHANNEL_PROGRESS_MEDIA frames as events', async () => {
    const raw = readNextFixture('early-media-originate/controller.recv.raw');
    const frames = splitFrames(raw).filter(
      (f) => f.headers['Content-Type'] === 'text/event-json' && f.body.includes('"CHANNEL_PROGRESS_MEDIA"'),
    );
    expect(frames.length).to.be.greaterThan(0);
    const { server, conn, events } = await scripted.open({ onApi: () => '+OK\n' });
    const peer = await server.connection(1);
    for (const f of frames) peer.socket.write(raw.subarray(f.offset, f.offset + f.length));
    await conn.preAnswer(LEG);
    expect(events.map((e) => e.name)).to.deep.equal(frames.map(() => 'CHANNEL_PROGRESS_MEDIA'));
    expect(events[0]).to.deep.include({
      uuid: 'f70a523d-878a-4d28-8c2c-175056fe7a69',
      channelName: 'loopback/705-a',
    });
  });
});
