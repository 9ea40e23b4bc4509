// What the event-socket server needs from a simulated node.
export interface EslBackend {
  readonly password: string;
  /** Real milliseconds an unauthenticated client may stay connected (FreeSWITCH: about 25 s). */
  readonly authTimeoutMs: number;
  /** Real milliseconds added before each command is answered (a slow node). */
  commandDelayMs(): number;
  recordCommand(conn: number, raw: string): void;
  /** Runs an api command line (`uuid_kill <uuid>`) and resolves with the api/response body. */
  api(commandLine: string): Promise<string>;
  /** Starts a bgapi job; its BACKGROUND_JOB event is published when it completes. */
  startBackgroundJob(jobUuid: string, commandLine: string): void;
  newUuid(): string;
}
