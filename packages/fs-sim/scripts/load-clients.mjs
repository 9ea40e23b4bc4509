// The event-socket clients of scripts/load.ts, in a child process of their own: a controller that forwards every
// parked inbound call as callfwd does (bgapi originate, then uuid_pre_answer and uuid_bridge on
// its +OK), and listeners that only subscribe. Plain JS: it needs no loader.
import { Buffer } from 'node:buffer';
import { connect } from 'node:net';
import process from 'node:process';

const EVENTS =
  'CHANNEL_CREATE CHANNEL_PARK CHANNEL_ANSWER CHANNEL_BRIDGE CHANNEL_UNBRIDGE CHANNEL_HANGUP CHANNEL_HANGUP_COMPLETE BACKGROUND_JOB CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA CHANNEL_ORIGINATE CHANNEL_DESTROY';

async function clients({ port, listeners }) {
  let events = 0;
  let bytes = 0;
  let forwarded = 0;
  let legs = 0;
  const open = (onEvent) =>
    new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let pending = Buffer.alloc(0);
      let stage = 0;
      const send = (text) => void socket.write(text);
      socket.on('data', (chunk) => {
        bytes += chunk.length;
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        for (;;) {
          const end = pending.indexOf('\n\n');
          if (end < 0) return;
          const head = pending.subarray(0, end).toString('latin1');
          const length = Number(/Content-Length: (\d+)/.exec(head)?.[1] ?? '0');
          if (pending.length < end + 2 + length) return;
          const body = onEvent === undefined ? '' : pending.subarray(end + 2, end + 2 + length).toString('utf8');
          pending = pending.subarray(end + 2 + length);
          if (head.includes('auth/request')) send('auth ClueCon\n\n');
          else if (stage === 0 && head.includes('+OK accepted')) {
            stage = 1;
            send(`event json ${EVENTS}\n\n`);
          } else if (stage === 1 && head.includes('+OK event listener')) {
            stage = 2;
            resolve();
          } else if (head.includes('text/event-json')) {
            events += 1;
            // Only the controller reads events (and only the two it acts on): listeners just count.
            if (onEvent !== undefined && (body.includes('"Event-Name":"CHANNEL_PARK"') || body.includes('"Event-Name":"BACKGROUND_JOB"'))) onEvent(JSON.parse(body), send);
          }
        }
      });
    });
  const parents = new Map();
  const controller = (event, send) => {
    const name = event['Event-Name'];
    if (name === 'CHANNEL_PARK' && event['Call-Direction'] === 'inbound') {
      const leg = `10000000-0000-4000-8000-${String(++legs).padStart(12, '0')}`;
      parents.set(leg, event['Unique-ID']);
      send(`bgapi originate {origination_uuid=${leg},callfwd_parent=${event['Unique-ID']},origination_caller_id_number=48220000001,originate_timeout=30}sofia/gateway/carrier/48600000001 &park()\nJob-UUID: ${leg.replace(/^1/, '2')}\n\n`);
    } else if (name === 'BACKGROUND_JOB' && event._body?.startsWith('+OK ')) {
      const leg = event._body.slice(4).trim();
      const parent = parents.get(leg);
      if (parent === undefined) return;
      parents.delete(leg);
      forwarded += 1;
      send(`api uuid_pre_answer ${parent}\n\napi uuid_bridge ${parent} ${leg}\n\n`);
    }
  };
  await Promise.all([open(controller), ...Array.from({ length: listeners }, () => open())]);
  process.on('message', () => process.send({ events, forwarded, bytes }));
  process.send('ready');
}

await clients({ port: Number(process.argv[2]), listeners: Number(process.argv[3]) });
