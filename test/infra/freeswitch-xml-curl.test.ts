import { expect } from 'chai';
import { readInfraFile, REPO_ROOT } from './helpers/infra-files.js';
import { findAll, parseXmlRoot } from './helpers/xml-tree.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('infra/freeswitch: the dialplan asked of callfwd (mod_xml_curl)', () => {
  const root = parseXmlRoot(readInfraFile('freeswitch/autoload_configs/xml_curl.conf.xml'));
  const bindings = findAll(root, 'binding');
  const params = (name: string) => findAll(root, 'param').filter((p) => p.attributes.name === name);

  it('is the xml_curl.conf configuration with one binding, for the dialplan section only', () => {
    expect(root.name).to.equal('configuration');
    expect(root.attributes.name).to.equal('xml_curl.conf');
    expect(bindings).to.have.length(1);
    const urls = params('gateway-url');
    expect(urls).to.have.length(1);
    expect(urls[0]?.attributes.bindings).to.equal('dialplan');
  });

  it("posts to the route callfwd's API serves, on a private address", () => {
    const url = new URL(params('gateway-url')[0]?.attributes.value ?? '');
    expect(url.pathname).to.equal('/freeswitch/dialplan');
    const route = readFileSync(join(REPO_ROOT, 'packages/api/src/routes/dialplan-routes.ts'), 'utf8');
    expect(route).to.include(`app.post('${url.pathname}'`);
    expect(url.hostname).to.match(/^(10\.|127\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/);
  });

  it('authenticates with basic auth and a placeholder secret marked SET THIS', () => {
    expect(params('auth-scheme')[0]?.attributes.value).to.equal('basic');
    const [user = '', secret = ''] = (params('gateway-credentials')[0]?.attributes.value ?? '').split(':');
    expect(user).to.not.equal('');
    expect(secret).to.match(/SET-THIS/);
    expect(readInfraFile('freeswitch/autoload_configs/xml_curl.conf.xml')).to.match(
      /SET THIS[^\n]*\n\s*<param name="gateway-credentials"/,
    );
  });

  it('gives up quickly (callers are waiting): a timeout of 1-5 s', () => {
    const timeout = Number(params('timeout')[0]?.attributes.value);
    expect(timeout).to.be.within(1, 5);
  });

  it('is loaded by modules.conf.xml before the endpoints, with the event socket and the XML dialplan', () => {
    const modules = findAll(
      parseXmlRoot(readInfraFile('freeswitch/autoload_configs/modules.conf.xml')),
      'load',
    ).map((load) => load.attributes.module ?? '');
    for (const needed of [
      'mod_xml_curl',
      'mod_event_socket',
      'mod_sofia',
      'mod_loopback',
      'mod_dialplan_xml',
      'mod_commands',
      'mod_dptools',
    ])
      expect(modules, needed).to.include(needed);
    expect(modules.indexOf('mod_xml_curl')).to.be.lessThan(modules.indexOf('mod_sofia'));
    expect(new Set(modules).size).to.equal(modules.length);
  });

  it('README: the fallback to the file dialplan, and no reload of mod_event_socket on a busy node', () => {
    const readme = readInfraFile('freeswitch/README.md');
    expect(readme).to.match(/falls back to the\s+XML files on disk/);
    expect(readme).to.match(/Never `reload mod_event_socket`/);
    expect(readme).to.include('callfwd_forwards_in_flight');
    expect(readme).not.to.match(/Apply with `fs_cli -x 'reload mod_event_socket'` \(this drops/);
  });
});
