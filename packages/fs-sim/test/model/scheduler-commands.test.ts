import { expect } from 'chai';
import { api, eventHeader, waitForEvent } from '../support/event-helpers.js';
import type { SimFixture } from '../support/sim-fixture.js';
import { startSim } from '../support/sim-fixture.js';

const TASKS_HEADER = 'task_id,task_desc,task_group,task_runtime,task_sql_manager,hostname\n';

describe('scheduler api commands (replies of esl-real-next/sched-and-broadcast)', () => {
  let sim: SimFixture;
  beforeEach(async () => {
    sim = await startSim({ hostname: 'vm' });
  });
  afterEach(async () => sim.close());

  const call = (): string =>
    sim.node.placeCall({ dialled: '100', callerNumber: '481', callerName: 'A' }).uuid;

  it('sched_api: +OK Added: <id>, then the api command runs (uuid_kill with a cause)', async () => {
    const client = await sim.client({ subscribe: 'json CHANNEL_HANGUP' });
    const uuid = call();
    const added = await api(client, `sched_api +2 cf-${uuid} uuid_kill ${uuid} NORMAL_CLEARING`);
    expect(added).to.match(/^\+OK Added: \d+\n$/);
    const hangup = await waitForEvent(client, 'CHANNEL_HANGUP', uuid);
    expect(eventHeader(hangup, 'Hangup-Cause')).to.equal('NORMAL_CLEARING');
    const at = Number(eventHeader(hangup, 'Caller-Channel-Hangup-Time'));
    const created = Number(eventHeader(hangup, 'Caller-Channel-Created-Time'));
    expect(at - created).to.be.at.least(2_000_000);
    await client.close();
  });

  it('sched_del by id, by group, of an id deleted through its group, of an unknown id: as the real node counts', async () => {
    const client = await sim.client();
    const uuid = call();
    const first = /^\+OK Added: (\d+)\n$/.exec(
      await api(client, `sched_api +2 cf-${uuid} uuid_kill ${uuid}`),
    )![1];
    const second = /^\+OK Added: (\d+)\n$/.exec(
      await api(client, `sched_api +2 cf-${uuid} uuid_kill ${uuid}`),
    )![1];
    expect(Number(second)).to.equal(Number(first) + 1);
    const replies = [];
    for (const target of [second, `cf-${uuid}`, first, `cf-${uuid}`, '999999'])
      replies.push(await api(client, `sched_del ${target}`));
    expect(replies).to.deep.equal([
      '+OK Deleted: 1\n',
      '+OK Deleted: 1\n',
      '+OK Deleted: 1\n',
      '+OK Deleted: 0\n',
      '+OK Deleted: 0\n',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 40)); // 4 sim s: past both tasks' time
    expect(sim.node.channels().map((channel) => channel.uuid)).to.deep.equal([uuid]);
    await client.close();
  });

  it('two sched_hangups both stay scheduled: the earlier fires (default ALLOTTED_TIMEOUT), the later stays listed', async () => {
    const client = await sim.client({ subscribe: 'json CHANNEL_HANGUP' });
    const uuid = call();
    expect(await api(client, `sched_hangup +8 ${uuid} ALLOTTED_TIMEOUT`)).to.equal('+OK\n');
    expect(await api(client, `sched_hangup +4 ${uuid}`)).to.equal('+OK\n');
    await new Promise((resolve) => setTimeout(resolve, 5)); // 500 sim ms: the core DB lists them by then
    const listed = await api(client, 'show tasks');
    expect(listed).to.match(new RegExp(`^${TASKS_HEADER}3,limit_hash_cleanup,mod_hash,\\d+,0,vm\\n`));
    expect(
      listed
        .split('\n')
        .slice(2, 4)
        .map((row) => row.split(',').slice(1, 3).join(',')),
    ).to.deep.equal([`switch_ivr_schedule_hangup,${uuid}`, `switch_ivr_schedule_hangup,${uuid}`]);
    expect(listed.endsWith('\n\n3 total.\n')).to.equal(true);
    const hangup = await waitForEvent(client, 'CHANNEL_HANGUP', uuid);
    expect(eventHeader(hangup, 'Hangup-Cause')).to.equal('ALLOTTED_TIMEOUT');
    const lasted =
      Number(eventHeader(hangup, 'Caller-Channel-Hangup-Time')) -
      Number(eventHeader(hangup, 'Caller-Channel-Created-Time'));
    expect(lasted).to.be.within(4_000_000, 7_000_000);
    expect((await api(client, 'show tasks')).endsWith('\n\n2 total.\n')).to.equal(true);
    await client.close();
  });

  it('the other replies: sched_hangup on a missing channel, sched_broadcast, uuid_broadcast, bad syntax', async () => {
    const client = await sim.client();
    const uuid = call();
    expect(await api(client, 'sched_hangup +4 00000000-0000-4000-8000-000000000000')).to.equal(
      '-ERR No Such Channel!\n',
    );
    expect(await api(client, `sched_broadcast +3 ${uuid} tone_stream://%(300,0,800) both`)).to.equal(
      '+OK Message scheduled\n',
    );
    expect(await api(client, `uuid_broadcast ${uuid} tone_stream://%(300,0,800) both`)).to.equal(
      '+OK Message sent\n',
    );
    expect(await api(client, 'sched_api +2 lonely')).to.equal(
      '-ERR Invalid syntax. USAGE: [+@]<time> <group_name> <command_string>[&]\n',
    );
    expect(await api(client, 'sched_hangup')).to.equal('-USAGE: [+]<time> <uuid> [<cause>]\n');
    await client.close();
  });
});
