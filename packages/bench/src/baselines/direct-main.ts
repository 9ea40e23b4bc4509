// Baseline 1: a direct responder. Sends the originate straight on CHANNEL_PARK, over the same
// event-socket adapter callfwd uses: no queue, no rules, no ledger.
import { connectNodes, parkedCall, sendOriginate } from './connect-nodes.js';

export async function directMain(): Promise<void> {
  const connections = await connectNodes(['CHANNEL_PARK'], (conn, event) => {
    const uuid = parkedCall(event);
    if (uuid !== undefined) sendOriginate(conn, uuid, 'direct');
  });
  process.once('SIGTERM', () => void Promise.all([...connections.values()].map((c) => c.stop())));
  process.stdout.write(`${JSON.stringify({ msg: 'ready', role: 'direct' })}\n`);
}

await directMain();
