// The simulator process of a soak: two FreeSWITCH nodes, the call mix, and the faults the driver
// asks for over IPC (an event-socket drop, a slow node). Prints one "ready" JSON line with the ports.
import { createSeededRandom, createSimCluster } from '@callfwd/fs-sim';
import { E2E_ENV } from '../../support/e2e-config.js';
import { planCall } from './call-mix.js';
import { createChannelLog } from './channel-log.js';
import { SimRequestSchema, type LoadRequest, type SimReply } from './sim-messages.js';

const GATEWAYS = ['platform', 'platform-backup', 'pbx-a', 'pbx-b', 'pbx-c', 'pbx-d', 'pbx-e'] as const;
const POLL_MS = 100;

const sim = createSimCluster(
  (['fs1', 'fs2'] as const).map((id) => ({
    id,
    password: E2E_ENV[id === 'fs1' ? 'CALLFWD_FS1_PASSWORD' : 'CALLFWD_FS2_PASSWORD'] as string,
    gateways: Object.fromEntries(GATEWAYS.map((g) => [g, 'up' as const])),
    defaultFarEnd: { kind: 'no_answer' as const },
    // Only `public` parks for callfwd: a fallback transfer to `default` must not park the call again.
    inboundContexts: { public: 'pbx-b' },
    eventHistory: 50_000,
  })),
);
await sim.start();
const logs = sim.nodes.map((node) => createChannelLog(node));
const poller = setInterval(() => logs.forEach((l) => l.poll()), POLL_MS);
const busy = new Map<string, string>(); // employee -> call uuid
const scenarioOf = new Map<string, string>(); // call uuid -> scenario

const reply = (message: SimReply) => process.send?.(message);

async function runLoad(request: LoadRequest): Promise<SimReply> {
  const random = createSeededRandom(request.seed);
  const total = Math.floor(request.cps * request.seconds);
  const started = Date.now();
  const perScenario: Record<string, number> = {};
  let placed = 0;
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / request.cps;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    logs.forEach((l) => l.poll());
    for (const [employee, uuid] of busy) {
      const call = logs.map((l) => l.calls.get(uuid)).find((c) => c !== undefined);
      const ended = sim.nodes.every((node) => !node.channels().some((ch) => ch.uuid === uuid));
      if (call !== undefined && ended) busy.delete(employee);
    }
    const planned = planCall(random, new Set(busy.keys()), request.ringSeconds, request.talkSeconds);
    if (planned === null) continue;
    const node = sim.nodes[n % sim.nodes.length]!;
    for (const each of sim.nodes) for (const far of planned.farEnds) each.setFarEnd(far.digits, far.script);
    const { uuid } = node.placeCall(planned.call);
    busy.set(planned.employee, uuid);
    scenarioOf.set(uuid, planned.scenario);
    perScenario[planned.scenario] = (perScenario[planned.scenario] ?? 0) + 1;
    placed++;
  }
  return { type: 'loaded', placed, perScenario };
}

process.on('message', (raw: unknown) => {
  const parsed = SimRequestSchema.safeParse(raw);
  if (!parsed.success) return reply({ type: 'error', message: `bad request: ${parsed.error.message}` });
  const request = parsed.data;
  switch (request.type) {
    case 'load':
      runLoad(request).then(reply, (err: unknown) => reply({ type: 'error', message: String(err) }));
      return;
    case 'drop':
      sim.node(request.node).dropConnections();
      return reply({ type: 'ok' });
    case 'slow':
      sim.node(request.node).setCommandDelay(request.delayMs);
      return reply({ type: 'ok' });
    case 'status': {
      logs.forEach((l) => l.poll());
      const parked = logs.reduce((n, l) => n + [...l.calls.values()].filter((c) => c.leftParkAt === null).length, 0);
      return reply({ type: 'status', parked, channels: sim.nodes.reduce((n, node) => n + node.channels().length, 0) });
    }
    case 'collect':
      logs.forEach((l) => l.poll());
      return reply({ type: 'collected', calls: logs.flatMap((l) => [...l.calls.values()]), legs: logs.flatMap((l) => l.legs), scenarios: Object.fromEntries(scenarioOf) });
    case 'stop':
      clearInterval(poller);
      void sim.stop().then(() => process.disconnect?.());
      return;
  }
});
process.on('disconnect', () => {
  clearInterval(poller);
  void sim.stop();
});
process.stdout.write(`${JSON.stringify({ msg: 'ready', ports: sim.nodes.map((n) => n.port) })}\n`);
