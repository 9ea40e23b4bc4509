// callfwd's dialplan from the live employees, as infra/freeswitch/dialplan/callfwd.xml was written
// by hand: the loop guard, then one extension per employee that tags the connection, rings the desk
// phone for the employee's noAnswerSeconds (unless the trigger is "always") and parks unanswered.
import type { Employee } from '@callfwd/domain';
import { element, wrap, xmlEscape } from './xml-text.js';

export interface DialplanOptions {
  /** The desk phone's dial string; `{id}` becomes the employee's id. Default `user/{id}@${domain_name}`. */
  deskDial?: string;
  /** The safety net when no callfwd listener takes a parked call (default 180 s): longer than the longest forward attempt. */
  parkTimeoutSeconds?: number;
  /** The dialplan contexts callfwd owns: mod_xml_curl gets "not found" for any other (default ["public"]). */
  contexts?: readonly string[];
}

export type DialplanForm =
  /** The `<include>` a node puts in its dialplan directory (what `callfwd dialplan` prints). */
  | { form: 'file' }
  /** The document mod_xml_curl wants: section dialplan, one context. */
  | { form: 'xml_curl'; context: string };

export const DEFAULT_DESK_DIAL = 'user/{id}@${domain_name}';
export const DEFAULT_PARK_TIMEOUT_SECONDS = 180;
export const DEFAULT_CONTEXTS: readonly string[] = ['public'];

const A = '      ';
const C = '    ';
const E = '  ';

function action(application: string, data: string, inline = false): string {
  return `${A}${element('action', { application, data, ...(inline ? { inline: 'true' } : {}) })}`;
}

function loopGuard(): string {
  return [
    `${E}<!-- Loop guard: a leg callfwd created or already forwarded is never parked again. continue="true": the hunt goes on. -->`,
    wrap(
      'extension',
      { name: 'callfwd-loop-guard', continue: 'true' },
      [
        wrap(
          'condition',
          { regex: 'any' },
          [
            `${A}${element('regex', { field: '${callfwd_forwarded}', expression: '^true$' })}`,
            `${A}${element('regex', { field: '${callfwd_parent}', expression: '^.+$' })}`,
            `${A}${element('regex', { field: '${sip_h_X-Callfwd-Forwarded}', expression: '^true$' })}`,
            action('set', 'callfwd_loop_guard=true', true),
            action('log', 'INFO callfwd: ${uuid} is a forwarded leg; it is not parked for forwarding again'),
          ],
          C,
        ),
      ],
      E,
    ),
  ].join('\n');
}

/** `^\+?48221110001$` or `^\+?(a|b)$`: E.164 digits only, so nothing to escape. */
export function destinationExpression(extensions: readonly string[]): string {
  const numbers = extensions.map((ext) => ext.replace(/^\+/, ''));
  return numbers.length === 1 ? `^\\+?${numbers[0] ?? ''}$` : `^\\+?(${numbers.join('|')})$`;
}

function employeeExtension(employee: Employee, options: Required<Omit<DialplanOptions, 'contexts'>>): string {
  const deskRung = !employee.triggers.includes('always');
  const actions = [action('set', `callfwd_connection=${employee.connection}`)];
  if (deskRung) {
    actions.push(
      action('set', 'continue_on_fail=true'),
      action('set', 'hangup_after_bridge=true'),
      action('set', `call_timeout=${employee.noAnswerSeconds}`),
      action('bridge', options.deskDial.replaceAll('{id}', employee.id)),
      action('unset', 'call_timeout'),
    );
  }
  actions.push(
    action('set', `park_timeout=${options.parkTimeoutSeconds}:NO_ANSWER`),
    action('ring_ready', ''),
    action('park', ''),
  );
  const what = deskRung
    ? `the desk rings for ${employee.noAnswerSeconds} s (noAnswerSeconds), then park`
    : 'forwards every call (trigger always): no desk phone, straight to park';
  return [
    `${E}<!-- ${xmlEscape(`${employee.connection}, employee ${employee.id} (${employee.triggers.join(', ')}): ${what}`).replace(/--/g, '- -')} -->`,
    wrap(
      'extension',
      { name: `callfwd-${employee.connection}-${employee.id}` },
      [
        `${C}${element('condition', { field: '${callfwd_loop_guard}', expression: '^$' })}`,
        wrap(
          'condition',
          { field: 'destination_number', expression: destinationExpression(employee.extensions) },
          actions,
          C,
        ),
      ],
      E,
    ),
  ].join('\n');
}

/**
 * The dialplan for these employees (pure). `file`: an `<include>` for the node's dialplan directory;
 * `xml_curl`: the document mod_xml_curl loads for one context.
 */
export function renderDialplan(
  employees: readonly Employee[],
  form: DialplanForm,
  options: DialplanOptions = {},
): string {
  const resolved = {
    deskDial: options.deskDial ?? DEFAULT_DESK_DIAL,
    parkTimeoutSeconds: options.parkTimeoutSeconds ?? DEFAULT_PARK_TIMEOUT_SECONDS,
  };
  const extensions = [loopGuard(), ...employees.map((employee) => employeeExtension(employee, resolved))];
  if (form.form === 'file') {
    return [
      '<!-- callfwd: generated from the live employees by `callfwd dialplan`; do not edit. -->',
      '<include>',
      ...extensions,
      '</include>',
      '',
    ].join('\n');
  }
  const context = wrap(
    'context',
    { name: form.context },
    extensions.map((x) => x.replace(/^/gm, '    ')),
    '    ',
  );
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    '<document type="freeswitch/xml">',
    '  <section name="dialplan" description="callfwd">',
    context,
    '  </section>',
    '</document>',
    '',
  ].join('\n');
}

/** What mod_xml_curl reads as "not mine": FreeSWITCH then looks in its own files, without an error. */
export function renderNotFound(): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    '<document type="freeswitch/xml">',
    '  <section name="result">',
    '    <result status="not found"/>',
    '  </section>',
    '</document>',
    '',
  ].join('\n');
}
