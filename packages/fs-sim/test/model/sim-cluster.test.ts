import { expect } from 'chai';
import { createSimCluster } from '../../src/index.js';
import { connectClient } from '../support/esl-test-client.js';

describe('createSimCluster', () => {
  it('starts nodes on their own ports and stops them all', async () => {
    const cluster = createSimCluster([
      { id: 'fs1', password: 'a' },
      { id: 'fs2', password: 'b' },
    ]);
    await cluster.start();
    try {
      const [one, two] = cluster.nodes;
      expect(one!.port).to.be.above(0);
      expect(one!.port).to.not.equal(two!.port);
      expect(cluster.node('fs2')).to.equal(two);
      const client = await connectClient(two!.port);
      client.send('auth b\n\n');
      await client.waitForCount(2);
      await client.close();
    } finally {
      await cluster.stop();
    }
  });

  it('refuses duplicate node ids', () => {
    expect(() => createSimCluster([{ id: 'x', password: 'a' }, { id: 'x', password: 'b' }])).to.throw('unique');
  });
});
