// Several simulated nodes started and stopped together.
import type { SimNode, SimNodeOptions } from './sim-node.js';
import { createSimNode } from './sim-node.js';

export interface SimCluster {
  readonly nodes: readonly SimNode[];
  node(id: string): SimNode;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSimCluster(options: readonly SimNodeOptions[]): SimCluster {
  const ids = new Set(options.map((option) => option.id));
  if (ids.size !== options.length) throw new Error('createSimCluster: node ids must be unique');
  const nodes = options.map((option) => createSimNode(option));
  return {
    nodes,
    node(id) {
      const found = nodes.find((node) => node.id === id);
      if (found === undefined) throw new Error(`no simulated node ${id}`);
      return found;
    },
    async start() {
      await Promise.all(nodes.map((node) => node.start()));
    },
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
    },
  };
}
