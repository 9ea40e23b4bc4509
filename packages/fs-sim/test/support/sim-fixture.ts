// Starts a simulated node for a test and connects authenticated clients; `close` releases all.
import type { SimNode, SimNodeOptions } from '../../src/index.js';
import { createSimNode } from '../../src/index.js';
import type { EslTestClient } from './esl-test-client.js';
import { connectClient } from './esl-test-client.js';

export const PASSWORD = 'ClueCon';

export interface SimFixture {
  readonly node: SimNode;
  client(options?: { subscribe?: string }): Promise<EslTestClient>;
  close(): Promise<void>;
}

export async function startSim(options: Partial<SimNodeOptions> = {}): Promise<SimFixture> {
  const node = createSimNode({ id: 'fs1', password: PASSWORD, clockRate: 100, ...options });
  await node.start();
  const clients: EslTestClient[] = [];
  return {
    node,
    async client({ subscribe } = {}) {
      const client = await connectClient(node.port);
      clients.push(client);
      await client.waitForCount(1);
      client.send(`auth ${PASSWORD}\n\n`);
      await client.waitForCount(2);
      if (subscribe !== undefined) {
        client.send(`event ${subscribe}\n\n`);
        await client.waitForCount(3);
      }
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await node.stop();
    },
  };
}
