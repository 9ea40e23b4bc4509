// The simulator process of a bench run: K simulated FreeSWITCH nodes in their own process (so
// their CPU is not the bench's), driven over IPC. Prints one "ready" JSON line with the ports.
import { createSimCluster } from '@callfwd/fs-sim';
import { NODE_PASSWORD_ENV } from '../run/bench-config.js';
import { benchFarEnds, ringFromEnv } from './call-mix.js';
import type { SimMessage } from './sim-messages.js';
import { runLoad } from './run-load.js';

const GATEWAYS = ['platform', 'platform-backup', 'pbx-a', 'pbx-b', 'pbx-c', 'pbx-d', 'pbx-e'] as const;

export async function simMain(): Promise<void> {
  const count = Number(process.env.CALLFWD_BENCH_NODES ?? '1');
  const sim = createSimCluster(
    Array.from({ length: count }, (_, i) => ({
      id: `fs${i + 1}`,
      password: process.env[NODE_PASSWORD_ENV(i)] ?? '',
      gateways: Object.fromEntries(GATEWAYS.map((g) => [g, 'up' as const])),
      farEnds: benchFarEnds(ringFromEnv(process.env.CALLFWD_BENCH_RING_MS)),
      // Only `public` is a callfwd context: a fallback transfer to `default` must not park the call again.
      inboundContexts: { public: 'pbx-b' },
    })),
  );
  await sim.start();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await sim.stop();
    process.disconnect?.();
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  process.on('message', (message: SimMessage) => {
    if (message.type === 'stop') return void stop();
    runLoad(sim, message).then(
      (report) => process.send?.(report),
      (err: unknown) => process.send?.({ type: 'error', message: String(err) }),
    );
  });
  process.stdout.write(`${JSON.stringify({ msg: 'ready', ports: sim.nodes.map((n) => n.port) })}\n`);
}

await simMain();
