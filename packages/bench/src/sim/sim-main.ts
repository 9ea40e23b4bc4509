// One simulator process of a bench run: some of the run's simulated FreeSWITCH nodes in their own
// process (so their CPU is not the bench's), driven over IPC. Prints one "ready" JSON line with the ports.
// CALLFWD_BENCH_NODES nodes, numbered from CALLFWD_BENCH_FIRST_NODE (0-based), play the mix of
// CALLFWD_BENCH_MIX_OPTIONS.
import { createSimCluster } from '@callfwd/fs-sim';
import { NODE_PASSWORD_ENV } from '../run/bench-config.js';
import { buildMixPlan } from './mix-plan.js';
import { MixOptionsSchema, type SimMessage } from './sim-messages.js';
import { runLoad } from './run-load.js';

const GATEWAYS = ['platform', 'platform-backup', 'pbx-a', 'pbx-b', 'pbx-c', 'pbx-d', 'pbx-e', 'pbx-f', 'pbx-g'] as const;

export async function simMain(): Promise<void> {
  const count = Number(process.env.CALLFWD_BENCH_NODES ?? '1');
  const first = Number(process.env.CALLFWD_BENCH_FIRST_NODE ?? '0');
  const plan = buildMixPlan(MixOptionsSchema.parse(JSON.parse(process.env.CALLFWD_BENCH_MIX_OPTIONS ?? '{"mix":"realistic","ringMs":300}')));
  const sim = createSimCluster(
    Array.from({ length: count }, (_, i) => ({
      id: `fs${first + i + 1}`,
      password: process.env[NODE_PASSWORD_ENV(first + i)] ?? '',
      gateways: Object.fromEntries(GATEWAYS.map((g) => [g, plan.gatewaysDown.includes(g) ? ('down' as const) : ('up' as const)])),
      farEnds: plan.farEnds,
      // Only `public` is a callfwd context: a fallback transfer to `default` must not park the call again.
      inboundContexts: { public: 'pbx-b' },
      // No event history, bounded logs: a long run's memory stays flat.
      bench: true,
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
    runLoad(sim, plan.entries, message).then(
      (report) => process.send?.(report),
      (err: unknown) => process.send?.({ type: 'error', message: String(err) }),
    );
  });
  process.stdout.write(`${JSON.stringify({ msg: 'ready', ports: sim.nodes.map((n) => n.port) })}\n`);
}

await simMain();
