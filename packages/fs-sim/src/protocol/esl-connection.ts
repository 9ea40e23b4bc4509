// One inbound event-socket connection: authentication, command dispatch, event delivery.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EslBackend } from './esl-backend.js';
import type { EslCommand } from './command-parser.js';
import { createCommandParser } from './command-parser.js';
import {
  encodeApiResponse,
  encodeAuthRequest,
  encodeCommandReply,
  encodeDisconnectNotice,
  encodedEvent,
} from './encode-message.js';
import type { FsEvent } from './fs-event.js';
import { createSubscription, isSubscribed, subscribe, wants } from './subscription.js';

export interface EslConnection {
  readonly id: number;
  deliver(event: FsEvent): void;
  /** Closes the socket at once, without a disconnect notice (the node went away). */
  destroy(): void;
  readonly closed: Promise<void>;
}

export function createEslConnection(id: number, socket: Socket, backend: EslBackend): EslConnection {
  const parser = createCommandParser();
  const sub = createSubscription();
  let authed = false;
  let ending = false;
  let busy = 0;
  let held: FsEvent[] = [];
  let chain: Promise<void> = Promise.resolve();

  // Writes made in one turn of the event loop leave in one writev (FreeSWITCH's event thread
  // also writes what has queued up at once), not one syscall per event.
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
  };
  const write = (text: string | Buffer): void => {
    if (socket.destroyed || ending) return;
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    socket.write(text);
  };
  const hangUpSocket = (): void => {
    if (ending) return;
    socket.write(encodeDisconnectNotice());
    ending = true;
    socket.end();
  };

  const authTimer = setTimeout(() => {
    if (!authed) hangUpSocket();
  }, backend.authTimeoutMs);
  socket.setNoDelay(true);
  socket.write(encodeAuthRequest());

  const closed = new Promise<void>((resolve) => {
    socket.on('close', () => {
      clearTimeout(authTimer);
      resolve();
    });
  });
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    for (const command of parser.push(chunk)) {
      chain = chain.then(() => run(command)).catch(() => void socket.destroy());
    }
  });

  async function run(command: EslCommand): Promise<void> {
    if (ending || socket.destroyed) return;
    backend.recordCommand(id, command.raw);
    const delay = backend.commandDelayMs();
    if (delay > 0) await sleep(delay);
    busy += 1;
    try {
      await dispatch(command);
    } finally {
      busy -= 1;
      if (busy === 0) flushHeld();
    }
  }

  async function dispatch(command: EslCommand): Promise<void> {
    const [verb = '', ...words] = command.line.split(' ');
    const rest = command.line.slice(verb.length + 1);
    if (!authed) {
      if (verb !== 'auth') return write(encodeCommandReply('-ERR command not found'));
      if (rest.trim() !== backend.password) {
        write(encodeCommandReply('-ERR invalid'));
        return hangUpSocket();
      }
      authed = true;
      clearTimeout(authTimer);
      return write(encodeCommandReply('+OK accepted'));
    }
    switch (verb) {
      case 'api':
        return write(encodeApiResponse(await backend.api(rest)));
      case 'bgapi': {
        const jobUuid = command.headers.get('Job-UUID') ?? backend.newUuid();
        write(encodeCommandReply(`+OK Job-UUID: ${jobUuid}`, [['Job-UUID', jobUuid]]));
        return backend.startBackgroundJob(jobUuid, rest);
      }
      case 'event':
        return eventCommand(words);
      case 'noevents':
        sub.all = false;
        sub.names.clear();
        return write(encodeCommandReply('+OK no longer listening for events'));
      case 'nixevent':
        for (const word of words) sub.names.delete(word.toUpperCase());
        if (words.some((word) => word.toUpperCase() === 'ALL')) sub.all = false;
        return write(encodeCommandReply('+OK events removed'));
      case 'myevents':
        return myevents(words);
      case 'filter':
        return filter(words);
      case 'linger':
        return write(encodeCommandReply('+OK will linger'));
      case 'nolinger':
        return write(encodeCommandReply('+OK will not linger'));
      case 'exit':
        write(encodeCommandReply('+OK bye'));
        return hangUpSocket();
      default:
        return write(encodeCommandReply('-ERR command not found'));
    }
  }

  function eventCommand(words: readonly string[]): void {
    const [format = '', ...names] = words;
    const kind = format === 'json' ? 'json' : format === 'plain' ? 'plain' : undefined;
    if (kind === undefined || !subscribe(sub, kind, names)) {
      return write(encodeCommandReply('-ERR no keywords supplied'));
    }
    write(encodeCommandReply(`+OK event listener enabled ${kind}`));
  }

  function myevents(words: readonly string[]): void {
    const [uuid, format] = words;
    if (uuid === undefined) return write(encodeCommandReply('-ERR invalid'));
    sub.onlyUuid = uuid;
    sub.format = format === 'json' ? 'json' : 'plain';
    sub.all = true;
    write(encodeCommandReply('+OK Events Enabled'));
  }

  function filter(words: readonly string[]): void {
    const [first, second, ...others] = words;
    if (first === 'delete') {
      const name = second ?? '';
      const value = others.join(' ');
      sub.filters = sub.filters.filter(([key, val]) => (name === 'all' ? false : key !== name || (value !== '' && val !== value)));
      return write(encodeCommandReply(`+OK filter deleted. [${name}][${name === 'all' ? '' : value}]`));
    }
    if (first === undefined || second === undefined) return write(encodeCommandReply('-ERR invalid syntax'));
    const value = [second, ...others].join(' ');
    sub.filters.push([first, value]);
    write(encodeCommandReply(`+OK filter added. [${first}]=[${value}]`));
  }

  function flushHeld(): void {
    const events = held;
    held = [];
    for (const event of events) send(event);
  }

  function send(event: FsEvent): void {
    if (authed && isSubscribed(sub) && wants(sub, event)) write(encodedEvent(event, sub.format));
  }

  return {
    id,
    closed,
    deliver(event) {
      if (busy > 0) held.push(event);
      else send(event);
    },
    destroy() {
      ending = true;
      socket.destroy();
    },
  };
}
