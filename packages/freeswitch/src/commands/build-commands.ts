import { BadCommandInput } from '../errors/freeswitch-error.js';
import type { ApiCommand, BgapiCommand } from './esl-command.js';
import { formatVariableBlock } from './format-variables.js';
import {
  checkAppName,
  checkContext,
  checkDialplan,
  checkDialString,
  checkDigits,
  checkExtension,
  checkHangupCause,
  checkInlineArg,
  checkPath,
  checkSchedGroup,
  checkSeconds,
  checkUuid,
  checkValue,
  checkVariableName,
  LIMITS,
} from './validate.js';

export interface OriginateInput {
  /** Becomes origination_uuid: the new leg's UUID, chosen by us so a retry can find the leg. */
  readonly legUuid: string;
  /** Sent as the Job-UUID header, so the BACKGROUND_JOB can be matched on any connection. */
  readonly jobUuid: string;
  readonly dialString: string;
  readonly variables: Readonly<Record<string, string>>;
}

export type TransferTarget =
  | {
      readonly kind: 'extension';
      readonly extension: string;
      readonly dialplan: string;
      readonly context: string;
    }
  | { readonly kind: 'inline'; readonly apps: ReadonlyArray<readonly [app: string, arg: string]> };

/** `bgapi originate {origination_uuid=<leg>,k=v,...}<dial string> &park()` with `Job-UUID: <job>`. */
export function buildOriginate(o: OriginateInput): BgapiCommand {
  const legUuid = checkUuid('legUuid', o.legUuid);
  const jobUuid = checkUuid('jobUuid', o.jobUuid);
  const dialString = checkDialString('dialString', o.dialString);
  const pairs = Object.entries(o.variables);
  if (pairs.some(([name]) => name === 'origination_uuid')) {
    throw new BadCommandInput('variables.origination_uuid', 'is set from legUuid');
  }
  const block = formatVariableBlock([['origination_uuid', legUuid], ...pairs]);
  return { kind: 'bgapi', text: `originate ${block}${dialString} &park()`, jobUuid };
}

/** A dial string from a template such as `sofia/gateway/pbx-a/{number}` and a number of digits only. */
export function renderDialString(template: string, number: string): string {
  const digits = checkDigits('number', number);
  if (template.split('{number}').length !== 2)
    throw new BadCommandInput('template', 'needs {number} exactly once');
  return checkDialString('dialString', template.replace('{number}', digits));
}

export function buildPreAnswer(uuid: string): ApiCommand {
  return { kind: 'api', text: `uuid_pre_answer ${checkUuid('uuid', uuid)}` };
}

export function buildBridge(a: string, b: string): ApiCommand {
  return { kind: 'api', text: `uuid_bridge ${checkUuid('a', a)} ${checkUuid('b', b)}` };
}

export function buildKill(uuid: string, cause?: string): ApiCommand {
  const id = checkUuid('uuid', uuid);
  return {
    kind: 'api',
    text: cause === undefined ? `uuid_kill ${id}` : `uuid_kill ${id} ${checkHangupCause('cause', cause)}`,
  };
}

/** `sched_hangup +<seconds> <uuid> <cause>`: the call's hard cap. */
export function buildSchedHangup(uuid: string, seconds: number, cause: string): ApiCommand {
  const s = checkSeconds('seconds', seconds);
  return {
    kind: 'api',
    text: `sched_hangup +${s} ${checkUuid('uuid', uuid)} ${checkHangupCause('cause', cause)}`,
  };
}

/**
 * `sched_api +<seconds> <group> uuid_kill <uuid> <cause>`: FreeSWITCH kills the channel later
 * unless `sched_del <group>` removes the task first. Seconds: 1 to a day.
 */
export function buildSchedKill(uuid: string, seconds: number, cause: string, group: string): ApiCommand {
  const id = checkUuid('uuid', uuid);
  const s = checkSeconds('seconds', seconds, LIMITS.maxSchedApiSeconds);
  const c = checkHangupCause('cause', cause);
  return { kind: 'api', text: `sched_api +${s} ${checkSchedGroup('group', group)} uuid_kill ${id} ${c}` };
}

/**
 * `sched_api +<s> <group> uuid_broadcast <uuid> <path> both`: both parties of a bridged leg hear
 * the sound `seconds` from now (sched_api rather than sched_broadcast: its task has our group, so
 * `sched_del` can take it back).
 */
export function buildSchedBroadcast(uuid: string, seconds: number, path: string, group: string): ApiCommand {
  const id = checkUuid('uuid', uuid);
  const s = checkSeconds('seconds', seconds, LIMITS.maxSchedApiSeconds);
  return { kind: 'api', text: `sched_api +${s} ${checkSchedGroup('group', group)} uuid_broadcast ${id} ${checkPath('path', path)} both` };
}

/** `sched_del <group>`: removes every task of the group. */
export function buildSchedDel(group: string): ApiCommand {
  return { kind: 'api', text: `sched_del ${checkSchedGroup('group', group)}` };
}

/** `uuid_transfer <uuid> <ext> <dialplan> <context>`, or `uuid_transfer <uuid> 'm:^:app:arg^app' inline`. */
export function buildTransfer(uuid: string, target: TransferTarget): ApiCommand {
  const id = checkUuid('uuid', uuid);
  if (target.kind === 'extension') {
    const ext = checkExtension('extension', target.extension);
    return {
      kind: 'api',
      text: `uuid_transfer ${id} ${ext} ${checkDialplan('dialplan', target.dialplan)} ${checkContext('context', target.context)}`,
    };
  }
  if (target.apps.length === 0) throw new BadCommandInput('apps', 'no application');
  const apps = target.apps.map(([app, arg], i) => {
    const name = checkAppName(`apps.${i}.app`, app);
    const a = checkInlineArg(`apps.${i}.arg`, arg);
    return a === '' ? name : `${name}:${a}`;
  });
  return { kind: 'api', text: `uuid_transfer ${id} 'm:^:${apps.join('^')}' inline` };
}

/** `uuid_setvar <uuid> <name> <value>`: the value is validated, not quoted (uuid_setvar takes the rest of the line). */
export function buildSetVar(uuid: string, name: string, value: string): ApiCommand {
  return {
    kind: 'api',
    text: `uuid_setvar ${checkUuid('uuid', uuid)} ${checkVariableName('name', name)} ${checkValue('value', value)}`,
  };
}

export function buildGetVar(uuid: string, name: string): ApiCommand {
  return { kind: 'api', text: `uuid_getvar ${checkUuid('uuid', uuid)} ${checkVariableName('name', name)}` };
}

export function buildExists(uuid: string): ApiCommand {
  return { kind: 'api', text: `uuid_exists ${checkUuid('uuid', uuid)}` };
}

export function buildRecord(uuid: string, action: 'start' | 'stop', path: string): ApiCommand {
  if (action !== 'start' && action !== 'stop') throw new BadCommandInput('action', 'not start or stop');
  return { kind: 'api', text: `uuid_record ${checkUuid('uuid', uuid)} ${action} ${checkPath('path', path)}` };
}

export function buildShowChannels(): ApiCommand {
  return { kind: 'api', text: 'show channels as json' };
}
