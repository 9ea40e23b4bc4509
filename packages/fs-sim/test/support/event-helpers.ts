// Small helpers to wait for and read events in tests.
import type { EslMessage } from './esl-messages.js';
import { eventName, header } from './esl-messages.js';
import type { EslTestClient } from './esl-test-client.js';

export function eventHeader(message: EslMessage, name: string): string | undefined {
  return message.event === undefined ? undefined : header(message.event.headers, name);
}

export function waitForEvent(client: EslTestClient, name: string, uuid?: string, timeoutMs = 5000): Promise<EslMessage> {
  return client.waitFor(
    (message) => eventName(message) === name && (uuid === undefined || eventHeader(message, 'Unique-ID') === uuid),
    timeoutMs,
  );
}

export function waitForJob(client: EslTestClient, jobUuid: string, timeoutMs = 5000): Promise<EslMessage> {
  return client.waitFor((message) => eventName(message) === 'BACKGROUND_JOB' && eventHeader(message, 'Job-UUID') === jobUuid, timeoutMs);
}

/** Sends an api command and resolves with its api/response body. */
export async function api(client: EslTestClient, command: string): Promise<string> {
  const from = client.received.length;
  client.send(`api ${command}\n\n`);
  const response = await client.waitFor((message) => header(message.headers, 'Content-Type') === 'api/response', 5000, from);
  return response.body;
}

export function eventsOf(client: EslTestClient, uuid: string): string[] {
  return client.received.filter((message) => eventHeader(message, 'Unique-ID') === uuid).map((message) => eventName(message)!);
}

export const ALL_CALL_EVENTS =
  'json CHANNEL_CREATE CHANNEL_ORIGINATE CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA CHANNEL_ANSWER CHANNEL_PARK CHANNEL_BRIDGE CHANNEL_UNBRIDGE CHANNEL_HANGUP CHANNEL_HANGUP_COMPLETE CHANNEL_DESTROY BACKGROUND_JOB RECORD_START RECORD_STOP';
