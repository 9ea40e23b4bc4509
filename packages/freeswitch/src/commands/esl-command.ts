/** A command ready for the wire: `text` follows `api ` or `bgapi `; bgapi carries our own Job-UUID header. */
export interface ApiCommand {
  readonly kind: 'api';
  readonly text: string;
}

export interface BgapiCommand {
  readonly kind: 'bgapi';
  readonly text: string;
  readonly jobUuid: string;
}

export type EslCommand = ApiCommand | BgapiCommand;

/** The exact bytes the esl client writes for a command (what FreeSWITCH receives). */
export function wireBytes(command: EslCommand): string {
  return command.kind === 'api'
    ? `api ${command.text}\n\n`
    : `bgapi ${command.text}\nJob-UUID: ${command.jobUuid}\n\n`;
}
