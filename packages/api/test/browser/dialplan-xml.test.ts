// The served dialplan parsed by a real XML parser (Chromium's) and held to the rules the hand-written
// infra/freeswitch/dialplan/callfwd.xml follows (test/infra/freeswitch.test.ts): loop guard first,
// each parking extension skips marked calls, tags the connection, never answers, rings the desk for
// noAnswerSeconds unless the trigger is always, sets a park timeout and ringback, parks last.
import type { Employee } from '@callfwd/domain';
import { expect } from 'chai';
import type { LightMyRequestResponse } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { renderDialplan } from '../../src/dialplan/render-dialplan.js';
import { AS_READER, AS_WRITER, useApi } from '../support/api-harness.js';
import { launchChromium } from '../support/browser.js';
import { findAll, parseXml, type XmlElement } from '../support/xml-tree.js';

function actionsOf(extension: XmlElement): Array<[string, string]> {
  return findAll(extension, 'action').map((a) => [a.attributes.application ?? '', a.attributes.data ?? '']);
}

/** The rules of the hand-written snippet, for the extensions under `root`. */
function checkRules(root: XmlElement, employees: readonly Employee[]): void {
  const extensions = findAll(root, 'extension');
  const guard = extensions[0];
  expect(guard?.attributes).to.deep.equal({ name: 'callfwd-loop-guard', continue: 'true' });
  const mark = findAll(guard!, 'action').find((a) => a.attributes.application === 'set');
  expect(mark?.attributes).to.include({ data: 'callfwd_loop_guard=true', inline: 'true' });
  expect(findAll(guard!, 'regex').map((r) => r.attributes.field)).to.include.members([
    '${callfwd_forwarded}',
    '${callfwd_parent}',
  ]);

  const parking = extensions.filter((x) => actionsOf(x).some(([app]) => app === 'park'));
  expect(parking).to.have.length(employees.length);
  for (const employee of employees) {
    for (const number of employee.extensions) {
      const matching = parking.filter((x) =>
        findAll(x, 'condition').some(
          (c) =>
            c.attributes.field === 'destination_number' &&
            new RegExp(c.attributes.expression ?? '$^').test(number),
        ),
      );
      expect(matching, `${employee.id} ${number}`).to.have.length(1);
      const extension = matching[0]!;
      expect(extension.children[0]?.attributes).to.deep.equal({
        field: '${callfwd_loop_guard}',
        expression: '^$',
      });
      const actions = actionsOf(extension);
      const parkAt = actions.findIndex(([app]) => app === 'park');
      expect(parkAt, 'park last').to.equal(actions.length - 1);
      expect(
        actions.slice(0, parkAt).filter(([app]) => app === 'answer' || app === 'pre_answer'),
      ).to.deep.equal([]);
      expect(
        actions.filter(([app, data]) => app === 'set' && data.startsWith('callfwd_connection=')),
      ).to.deep.equal([['set', `callfwd_connection=${employee.connection}`]]);
      expect(actions[parkAt - 1]).to.deep.equal(['ring_ready', '']);
      expect(
        actions.some(([app, data]) => app === 'set' && /^park_timeout=[1-9]\d*:NO_ANSWER$/.test(data)),
      ).to.equal(true);
      const bridgeAt = actions.findIndex(([app]) => app === 'bridge');
      expect(bridgeAt !== -1, `${employee.id}: desk rung unless always`).to.equal(
        !employee.triggers.includes('always'),
      );
      if (bridgeAt !== -1) {
        const before = actions.slice(0, bridgeAt).map(([, data]) => data);
        expect(before).to.include.members([
          'continue_on_fail=true',
          'hangup_after_bridge=true',
          `call_timeout=${employee.noAnswerSeconds}`,
        ]);
        expect(actions[bridgeAt + 1]).to.deep.equal(['unset', 'call_timeout']);
      }
    }
  }
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

describe('the dialplan (parsed by Chromium)', function () {
  this.timeout(60_000);
  const api = useApi({ api: { employeeRefreshMs: 0 } });
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  after(async () => {
    await browser.close();
  });

  async function ask(fields: Record<string, string>): Promise<XmlElement> {
    const res = await api.app.inject({
      method: 'POST',
      url: '/freeswitch/dialplan',
      headers: { ...AS_READER, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form(fields),
    });
    expect(res.statusCode, res.body).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/xml/);
    return parseXml(page, res.body);
  }

  it('the file form (`callfwd dialplan`) follows the rules for every employee of the config', async () => {
    const root = await parseXml(page, renderDialplan(api.config.employees, { form: 'file' }));
    expect(root.name).to.equal('include');
    expect(root.children.every((c) => c.name === 'extension')).to.equal(true);
    checkRules(root, api.config.employees);
  });

  it("serves a live employee's extension in a document mod_xml_curl loads: section dialplan, the asked context", async () => {
    for (const employee of api.config.employees) {
      const root = await ask({
        section: 'dialplan',
        'Hunt-Context': 'public',
        'Caller-Context': 'public',
        'Hunt-Destination-Number': employee.extensions[0]!,
        'Caller-Destination-Number': employee.extensions[0]!,
        variable_uuid: '6d7e0d2a-0000-4000-8000-000000000001',
      });
      expect(root.name).to.equal('document');
      expect(root.attributes.type).to.equal('freeswitch/xml');
      const section = root.children[0];
      expect(section?.attributes.name).to.equal('dialplan');
      expect(section?.children.map((c) => [c.name, c.attributes.name])).to.deep.equal([
        ['context', 'public'],
      ]);
      checkRules(section!.children[0]!, [employee]);
    }
  });

  it('refuses XML that is not well formed (the parser can fail)', async () => {
    let thrown: unknown;
    try {
      await parseXml(page, '<include><extension></include>');
    } catch (err) {
      thrown = err;
    }
    expect(String(thrown)).to.match(/not well-formed/);
  });

  it('follows the live set: a new ringing time, a new employee, a removed one', async () => {
    const put = (id: string, payload: Record<string, unknown>): Promise<LightMyRequestResponse> =>
      api.app.inject({ method: 'PUT', url: `/v1/employees/${id}`, headers: AS_WRITER, payload });
    await put('anna', { ...api.config.employees[0]!, noAnswerSeconds: 33 });
    const dora = {
      id: 'dora',
      connection: 'pbx-b',
      extensions: ['+48221120044'],
      target: '+48604000004',
      triggers: ['always'],
    };
    expect((await put('dora', dora)).statusCode).to.equal(201);
    await api.app.inject({ method: 'DELETE', url: '/v1/employees/celina', headers: AS_WRITER });

    const anna = await ask({
      section: 'dialplan',
      'Caller-Context': 'public',
      'Caller-Destination-Number': '48221110001',
    });
    expect(findAll(anna, 'action').map((a) => a.attributes.data)).to.include('call_timeout=33');
    const doraXml = await ask({
      section: 'dialplan',
      'Caller-Context': 'public',
      'Caller-Destination-Number': '+48221120044',
    });
    checkRules(findAll(doraXml, 'context')[0]!, [{ ...dora, noAnswerSeconds: 20 } as Employee]);
    const celina = await ask({
      section: 'dialplan',
      'Caller-Context': 'public',
      'Caller-Destination-Number': '+48225550003',
    });
    expect(findAll(celina, 'result')[0]?.attributes.status).to.equal('not found');
  });

  it('answers "not found" for what callfwd does not own, so FreeSWITCH reads its files', async () => {
    const cases: Array<Record<string, string>> = [
      { section: 'directory', 'Caller-Context': 'public', 'Caller-Destination-Number': '+48221110001' },
      { section: 'dialplan', 'Caller-Context': 'default', 'Caller-Destination-Number': '+48221110001' },
      { section: 'dialplan', 'Caller-Context': 'public', 'Caller-Destination-Number': '+48999999999' },
      {
        section: 'dialplan',
        'Caller-Context': 'public',
        'Caller-Destination-Number': '+48221110001',
        variable_callfwd_parent: 'abc',
      },
      {
        section: 'dialplan',
        'Caller-Context': 'public',
        'Caller-Destination-Number': '+48221110001',
        variable_callfwd_forwarded: 'true',
      },
      {
        section: 'dialplan',
        'Caller-Context': 'public',
        'Caller-Destination-Number': '+48221110001',
        'variable_sip_h_X-Callfwd-Forwarded': 'true',
      },
    ];
    for (const fields of cases) {
      const root = await ask(fields);
      expect(root.children[0]?.attributes.name, JSON.stringify(fields)).to.equal('result');
      expect(findAll(root, 'result')[0]?.attributes.status).to.equal('not found');
    }
  });
});
