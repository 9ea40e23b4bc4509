import { expect } from 'chai';
import type { SimNode } from '../../src/index.js';
import { createCallGenerator, createSimNode } from '../../src/index.js';
import { connectClient } from '../support/esl-test-client.js';

describe('createCallGenerator', () => {
  let nodes: SimNode[] = [];
  beforeEach(async () => {
    const gateways = { carrier: 'up' } as const;
    nodes = [
      createSimNode({ id: 'fs1', password: 'p', clockRate: 100, gateways }),
      createSimNode({ id: 'fs2', password: 'p', clockRate: 100, gateways }),
    ];
    await Promise.all(nodes.map((node) => node.start()));
  });
  afterEach(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
  });

  const mix = [
    { weight: 3, call: { dialled: '100', callerNumber: '481', callerName: 'A' } },
    { weight: 1, call: { dialled: '200', callerNumber: '482', callerName: 'B', disposition: 'USER_BUSY' } },
  ];

  it('places the bounded number of calls across the nodes and stops by itself', async () => {
    const stats = await createCallGenerator({ nodes, cps: 200, durationMs: 10_000, maxCalls: 20, mix, seed: 7 }).done;
    expect(stats.placed).to.equal(20);
    expect(stats.stoppedEarly).to.equal(false);
    expect(stats.perNode).to.deep.equal({ fs1: 10, fs2: 10 });
    expect(nodes[0]!.channels()).to.have.length(10);
    const dialled = nodes.flatMap((node) => node.channels().map((channel) => channel.destination));
    expect(new Set(dialled)).to.deep.equal(new Set(['100', '200']));
  });

  it('is deterministic for a seed', async () => {
    const first = await createCallGenerator({ nodes, cps: 500, durationMs: 10_000, maxCalls: 30, mix, seed: 42 }).done;
    const second = await createCallGenerator({ nodes, cps: 500, durationMs: 10_000, maxCalls: 30, mix, seed: 42 }).done;
    const other = await createCallGenerator({ nodes, cps: 500, durationMs: 10_000, maxCalls: 30, mix, seed: 43 }).done;
    expect(first.calls.map((call) => call.mixIndex)).to.deep.equal(second.calls.map((call) => call.mixIndex));
    expect(first.calls.map((call) => call.mixIndex)).to.not.deep.equal(other.calls.map((call) => call.mixIndex));
  });

  it('stop() ends it early', async () => {
    const generator = createCallGenerator({ nodes, cps: 5, durationMs: 60_000, mix, seed: 1 });
    generator.stop();
    const stats = await generator.done;
    expect(stats.stoppedEarly).to.equal(true);
    expect(stats.placed).to.be.below(2);
  });

  it('sets the far end of each mixed call on its node', async () => {
    await createCallGenerator({
      nodes: [nodes[0]!],
      cps: 100,
      durationMs: 5000,
      maxCalls: 1,
      mix: [{ weight: 1, call: mix[0]!.call, farEnd: { digits: '555', script: { kind: 'busy' } } }],
      seed: 3,
    }).done;
    expect(nodes[0]!.channels()).to.have.length(1);
    const client = await connectClient(nodes[0]!.port);
    client.send('auth p\n\napi originate sofia/gateway/carrier/555 &park()\n\n');
    await client.waitForCount(3);
    expect(client.received[2]!.body).to.equal('-ERR USER_BUSY\n');
    await client.close();
  });
});
