// Drives one simulated node with callfwd's command load and reports what the simulator spends.
// The node runs in this process; the event-socket clients (one controller that forwards every
// parked call: bgapi originate, uuid_pre_answer, uuid_bridge; plus listeners that only subscribe)
// run in a child process (load-clients.mjs), so this process's CPU is the simulator's alone.
//
//   node --import=tsx --conditions=@callfwd/source packages/fs-sim/scripts/load.ts --calls 3000 --cps 300
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import=tsx --conditions=@callfwd/source packages/fs-sim/scripts/load.ts
//   (the main thread's profile is the one ending .0.001.cpuprofile... : it holds the simulator)
//
// Prints one JSON line: calls placed and forwarded, events delivered, the simulator's CPU ms per
// call (user + system of this process), event-loop delay p99.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSimNode } from '../src/index.js';

interface Options {
  readonly calls: number;
  readonly cps: number;
  readonly listeners: number;
  readonly ringMs: number;
  readonly talkMs: number;
  readonly bench: boolean;
}

await main();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '2000' },
      cps: { type: 'string', default: '200' },
      listeners: { type: 'string', default: '2' },
      'ring-ms': { type: 'string', default: '300' },
      'talk-ms': { type: 'string', default: '1000' },
      'no-bench': { type: 'boolean', default: false },
    },
  });
  const options: Options = {
    calls: Number(values.calls), cps: Number(values.cps), listeners: Number(values.listeners),
    ringMs: Number(values['ring-ms']), talkMs: Number(values['talk-ms']), bench: !values['no-bench'],
  };
  const node = createSimNode({
    id: 'load', password: 'ClueCon', gateways: { carrier: 'up' },
    defaultFarEnd: { kind: 'answer', afterMs: options.ringMs, hangupAfterMs: options.talkMs },
    bench: options.bench,
  });
  await node.start();
  const worker = fork(fileURLToPath(new URL('./load-clients.mjs', import.meta.url)), [String(node.port), String(options.listeners)], { execArgv: [] });
  await new Promise<void>((resolve) => worker.once('message', () => resolve()));
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  let placed = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(options.calls, Math.floor(((performance.now() - started) / 1000) * options.cps));
      for (; placed < due; placed++) node.placeCall({ dialled: '48225550100', callerNumber: `4822${String(placed).padStart(7, '0')}`, callerName: 'Load' });
      if (placed >= options.calls) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  // Wait until every call has ended (or 30 s).
  const deadline = performance.now() + 30_000;
  while (node.channels().length > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - started;
  delay.disable();
  worker.send('report');
  const report = await new Promise<{ events: number; forwarded: number; bytes: number }>((resolve) => worker.once('message', (message) => resolve(message as { events: number; forwarded: number; bytes: number })));
  worker.kill();
  await node.stop();
  const activeMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(`${JSON.stringify({
    ...options,
    placed,
    forwarded: report.forwarded,
    eventsDelivered: report.events,
    mbDelivered: Math.round(report.bytes / 1e5) / 10,
    wallMs: Math.round(wallMs),
    simCpuMs: Math.round(activeMs),
    simMsPerCall: Math.round((activeMs / placed) * 1000) / 1000,
    eventsPerCpuSecond: Math.round(report.events / (activeMs / 1000)),
    loopDelayP99Ms: Math.round(delay.percentile(99) / 1e4) / 100,
    leftChannels: node.channels().length,
  })}\n`);
}

