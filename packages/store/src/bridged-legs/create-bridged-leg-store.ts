// Bridged legs not yet settled, per node: the worker adds a leg when it bridges it and removes it
// when it settles it, so a listener that missed hangups while disconnected can find the legs that
// ended meanwhile.
import type { Cluster, Redis } from 'ioredis';
import { createKeyspace } from '../keys/keyspace.js';

export interface BridgedLegStore {
  addBridgedLeg(node: string, leg: BridgedLeg): Promise<void>;
  removeBridgedLeg(node: string, callUuid: string, legUuid: string): Promise<void>;
  /** Oldest first (by answer time), at most `limit`. */
  listBridgedLegs(node: string, limit: number): Promise<BridgedLeg[]>;
}

export interface BridgedLeg {
  callUuid: string;
  legUuid: string;
  /** ms since the epoch. */
  answeredAt: number;
}

function checkUuid(id: string): string {
  if (id === '' || id.includes('/')) throw new RangeError(`invalid uuid for a bridged leg: ${JSON.stringify(id)}`);
  return id;
}

export function createBridgedLegStore(redis: Redis | Cluster, prefix: string): BridgedLegStore {
  const keys = createKeyspace(prefix);

  return {
    async addBridgedLeg(node, leg) {
      const member = `${checkUuid(leg.callUuid)}/${checkUuid(leg.legUuid)}`;
      await redis.zadd(keys.node(node).bridged, leg.answeredAt, member);
    },

    async removeBridgedLeg(node, callUuid, legUuid) {
      await redis.zrem(keys.node(node).bridged, `${callUuid}/${legUuid}`);
    },

    async listBridgedLegs(node, limit) {
      const flat = await redis.zrange(keys.node(node).bridged, '0', String(Math.max(0, limit - 1)), 'WITHSCORES');
      const legs: BridgedLeg[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const [callUuid = '', legUuid = ''] = (flat[i] ?? '').split('/');
        legs.push({ callUuid, legUuid, answeredAt: Number(flat[i + 1]) });
      }
      return legs;
    },
  };
}
