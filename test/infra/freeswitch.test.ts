import { expect } from 'chai';
import { readExampleConfigFacts } from './helpers/example-config.js';
import { readInfraFile } from './helpers/infra-files.js';
import { findAll, parseXmlRoot, type XmlElement } from './helpers/xml-tree.js';

const CONNECTION_ID = /^[a-z0-9][a-z0-9_-]*$/;

function params(file: string): Map<string, string> {
  const root = parseXmlRoot(readInfraFile(file));
  expect(root.name).to.equal('configuration');
  expect(root.attributes.name).to.equal('event_socket.conf');
  return new Map(findAll(root, 'param').map((param) => [param.attributes.name ?? '', param.attributes.value ?? '']));
}

function isPrivateOrLoopbackIpv4(address: string): boolean {
  const octets = address.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet) || octet < 0 || octet > 255)) return false;
  const [a = -1, b = -1] = octets;
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** The actions of an extension in order, as [application, data]. */
function actionsOf(extension: XmlElement): Array<[string, string]> {
  return findAll(extension, 'action').map((action) => [action.attributes.application ?? '', action.attributes.data ?? '']);
}

describe('infra/freeswitch', () => {
  describe('event_socket.conf.xml', () => {
    const esl = params('freeswitch/autoload_configs/event_socket.conf.xml');

    it('listens on a private address, not on every interface', () => {
      const listenIp = esl.get('listen-ip') ?? '';
      expect(isPrivateOrLoopbackIpv4(listenIp), `listen-ip ${listenIp}`).to.equal(true);
    });

    it("has a password, and it is not FreeSWITCH's default ClueCon", () => {
      const password = esl.get('password') ?? '';
      expect(password).to.have.length.greaterThan(11);
      expect(password).not.to.match(/cluecon/i);
    });

    it('says next to the password that it must be set', () => {
      expect(readInfraFile('freeswitch/autoload_configs/event_socket.conf.xml')).to.match(/SET THIS[\s\S]*name="password"/);
    });

    it('applies an inbound ACL that acl-callfwd.xml defines, deny by default', () => {
      const aclName = esl.get('apply-inbound-acl');
      const acl = parseXmlRoot(readInfraFile('freeswitch/autoload_configs/acl-callfwd.xml'));
      const list = findAll(acl, 'list').find((candidate) => candidate.attributes.name === aclName);
      expect(list, `list ${aclName}`).not.to.equal(undefined);
      expect(list?.attributes.default).to.equal('deny');
      const nodes = findAll(list!, 'node');
      expect(nodes).to.have.length.greaterThan(0);
      for (const node of nodes) {
        expect(node.attributes.type).to.be.oneOf(['allow', 'deny']);
        const [address = '', bits = ''] = (node.attributes.cidr ?? '').split('/');
        expect(isPrivateOrLoopbackIpv4(address), `cidr ${node.attributes.cidr}`).to.equal(true);
        expect(Number(bits)).to.be.within(8, 32);
      }
    });
  });

  describe('dialplan/callfwd.xml', () => {
    const root = parseXmlRoot(readInfraFile('freeswitch/dialplan/callfwd.xml'));
    const extensions = root.children.filter((child) => child.name === 'extension');
    const parking = extensions.filter((extension) => actionsOf(extension).some(([app]) => app === 'park'));

    it('is an <include> of extensions, some of which park', () => {
      expect(root.name).to.equal('include');
      expect(extensions.length).to.equal(root.children.length);
      expect(parking).to.have.length.greaterThan(0);
    });

    it('starts with a loop guard that marks forwarded legs inline and lets the hunt continue', () => {
      const guard = extensions[0]!;
      expect(guard.attributes.continue).to.equal('true');
      expect(actionsOf(guard).some(([app]) => app === 'park')).to.equal(false);
      const fields = findAll(guard, 'regex').map((regex) => regex.attributes.field);
      expect(fields).to.include.members(['${callfwd_forwarded}', '${callfwd_parent}']);
      const mark = findAll(guard, 'action').find((action) => action.attributes.application === 'set');
      expect(mark?.attributes.data).to.equal('callfwd_loop_guard=true');
      expect(mark?.attributes.inline).to.equal('true');
    });

    for (const extension of parking) {
      const name = extension.attributes.name ?? '?';
      const actions = actionsOf(extension);
      const parkAt = actions.findIndex(([app]) => app === 'park');

      describe(`extension ${name}`, () => {
        it('skips a call the loop guard marked: its first condition wants the mark empty', () => {
          const [first] = extension.children;
          expect(first?.name).to.equal('condition');
          expect(first?.attributes.field).to.equal('${callfwd_loop_guard}');
          expect(first?.attributes.expression).to.equal('^$');
          expect(first?.attributes.break ?? 'on-false').to.equal('on-false');
        });

        it('sets callfwd_connection to a valid line id before it parks', () => {
          const tags = actions.filter(([app, data], index) => app === 'set' && data.startsWith('callfwd_connection=') && index < parkAt);
          expect(tags).to.have.length(1);
          expect(tags[0]![1].slice('callfwd_connection='.length)).to.match(CONNECTION_ID);
        });

        it('parks last, and never answers (nor pre-answers) before', () => {
          expect(parkAt).to.equal(actions.length - 1);
          const answering = actions.slice(0, parkAt).filter(([app]) => app === 'answer' || app === 'pre_answer');
          expect(answering).to.deep.equal([]);
        });

        const bridgeAt = actions.findIndex(([app]) => app === 'bridge');
        if (bridgeAt === -1) return; // unconditional forwarding: no desk phone, nothing more to check
        it('rings the desk phone with continue_on_fail, hangup_after_bridge and a whole call_timeout set before', () => {
          const before = actions.slice(0, bridgeAt).filter(([app]) => app === 'set').map(([, data]) => data);
          expect(before).to.include('continue_on_fail=true');
          expect(before).to.include('hangup_after_bridge=true');
          const timeout = before.find((data) => data.startsWith('call_timeout='));
          expect(timeout).to.match(/^call_timeout=[1-9]\d*$/);
          expect(bridgeAt).to.be.lessThan(parkAt);
        });
      });
    }

    it("routes every employee of the example config: their connection, their desk's noAnswerSeconds", () => {
      const example = readExampleConfigFacts();
      if (!example.exists) return;
      const config = example.tree as {
        lines: Array<{ id: string }>;
        employees?: Array<{ id: string; connection: string; extensions: string[]; triggers: string[]; noAnswerSeconds?: number }>;
      };
      const lineIds = config.lines.map((line) => line.id);
      for (const employee of config.employees ?? []) {
        for (const number of employee.extensions) {
          const matching = parking.filter((extension) =>
            findAll(extension, 'condition').some(
              (condition) =>
                condition.attributes.field === 'destination_number' &&
                new RegExp(condition.attributes.expression ?? '$^').test(number),
            ),
          );
          expect(matching, `${employee.id} ${number}`).to.have.length(1);
          const actions = actionsOf(matching[0]!);
          expect(actions, employee.id).to.deep.include(['set', `callfwd_connection=${employee.connection}`]);
          expect(lineIds).to.include(employee.connection);
          const deskRung = actions.some(([app]) => app === 'bridge');
          expect(deskRung, `${employee.id}: desk rung unless the trigger is always`).to.equal(
            !employee.triggers.includes('always'),
          );
          if (deskRung) {
            expect(actions, employee.id).to.deep.include(['set', `call_timeout=${employee.noAnswerSeconds ?? 20}`]);
          }
        }
      }
    });

    it('has an example of a desk phone rung first and one of unconditional forwarding', () => {
      const withDesk = parking.filter((extension) => actionsOf(extension).some(([app]) => app === 'bridge'));
      expect(withDesk).to.have.length.greaterThan(0);
      expect(withDesk.length).to.be.lessThan(parking.length);
    });
  });
});
