import { expect } from 'chai';
import { BadCommandInput } from '../../src/index.js';
import { useScriptedConnection } from '../support/scripted-connection.js';

const IN = 'f8ee97b3-9632-491c-bbee-5c448d249588';
const OUT = 'a711d615-c061-4645-a3aa-be3a9da11a6c';
const GONE = '00000000-0000-4000-8000-000000000000';

/** uuid_getvar replies as FreeSWITCH 1.10.12 writes them (values without a newline). */
const VARS: Record<string, string> = {
  originate_disposition: 'USER_BUSY',
  unset_one: '_undef_',
  negative: '-5',
  empty_one: '-ERR no reply\n',
};

function reply(cmd: string): string {
  const [verb, uuid, name] = cmd.split(' ');
  if (uuid === GONE) {
    if (verb === 'uuid_bridge') return '-ERR Invalid uuid\n';
    if (verb === 'uuid_pre_answer') return '-ERROR\n';
    return '-ERR No such channel!\n';
  }
  if (verb === 'uuid_getvar')
    return name === undefined ? '-USAGE: <uuid> <var>\n' : (VARS[name] ?? '_undef_');
  if (verb === 'uuid_bridge' && name === GONE) return '-ERR Invalid uuid\n';
  if (verb === 'sched_api') return '+OK Added: 24\n';
  if (verb === 'sched_del') return uuid === 'cf-empty' ? '+OK Deleted: 0\n' : '+OK Deleted: 1\n';
  if (verb === 'uuid_transfer') return '-ERR Unsupported dialplan\n';
  return '+OK\n';
}

describe('NodeCommands typed replies', () => {
  const scripted = useScriptedConnection();

  it('readVar: a value, unset, a value starting with -, no such channel', async () => {
    const { conn } = await scripted.open({ onApi: reply });
    expect(await conn.readVar(IN, 'originate_disposition')).to.deep.equal({
      kind: 'value',
      value: 'USER_BUSY',
    });
    expect(await conn.readVar(IN, 'unset_one')).to.deep.equal({ kind: 'unset' });
    expect(await conn.readVar(IN, 'empty_one')).to.deep.equal({ kind: 'unset' });
    expect(await conn.readVar(IN, 'negative')).to.deep.equal({ kind: 'value', value: '-5' });
    expect(await conn.readVar(GONE, 'originate_disposition')).to.deep.equal({ kind: 'no_such_channel' });
    expect(await conn.getVar(IN, 'originate_disposition')).to.deep.equal({ ok: true, reply: 'USER_BUSY' });
  });

  it('bridge, preAnswer, kill and transfer mark a missing channel with reason no_such_channel', async () => {
    const { conn } = await scripted.open({ onApi: reply });
    expect(await conn.bridge(IN, GONE)).to.deep.equal({
      ok: false,
      error: '-ERR Invalid uuid',
      reason: 'no_such_channel',
    });
    expect(await conn.preAnswer(GONE)).to.deep.equal({
      ok: false,
      error: '-ERROR',
      reason: 'no_such_channel',
    });
    expect(await conn.kill(GONE, 'NORMAL_CLEARING')).to.deep.equal({
      ok: false,
      error: '-ERR No such channel!',
      reason: 'no_such_channel',
    });
    const target = {
      kind: 'extension',
      extension: '700',
      dialplan: 'XML',
      context: 'forward-target',
    } as const;
    expect(await conn.transfer(GONE, target)).to.deep.equal({
      ok: false,
      error: '-ERR No such channel!',
      reason: 'no_such_channel',
    });
    expect(await conn.transfer(IN, target)).to.deep.equal({ ok: false, error: '-ERR Unsupported dialplan' });
    expect(await conn.bridge(IN, OUT)).to.deep.equal({ ok: true, reply: '+OK' });
  });

  it('schedKill sends sched_api uuid_kill and returns the task id; schedDel the count', async () => {
    const { server, conn } = await scripted.open({ onApi: reply });
    expect(await conn.schedKill(OUT, 30, 'ALLOTTED_TIMEOUT', `cf-${OUT}`)).to.deep.equal({
      ok: true,
      taskId: 24,
    });
    expect(await conn.schedDel(`cf-${OUT}`)).to.deep.equal({ ok: true, deleted: 1 });
    expect(await conn.schedDel('cf-empty')).to.deep.equal({ ok: true, deleted: 0 });
    const peer = await server.connection(1);
    expect(peer.commands.filter((c) => c.startsWith('api sched'))).to.deep.equal([
      `api sched_api +30 cf-${OUT} uuid_kill ${OUT} ALLOTTED_TIMEOUT`,
      `api sched_del cf-${OUT}`,
      'api sched_del cf-empty',
    ]);
  });

  it('refuses a bad group or delay before writing anything', async () => {
    const { server, conn } = await scripted.open({ onApi: reply });
    for (const attempt of [
      conn.schedKill(OUT, 86_401, 'ALLOTTED_TIMEOUT', 'cf-x'),
      conn.schedKill(OUT, 30, 'ALLOTTED_TIMEOUT', 'cf x uuid_kill'),
      conn.schedDel('24'),
    ]) {
      expect(
        await attempt.then(
          () => undefined,
          (err: unknown) => err,
        ),
      ).to.be.instanceOf(BadCommandInput);
    }
    expect((await server.connection(1)).commands.filter((c) => c.startsWith('api'))).to.deep.equal([]);
  });
});
