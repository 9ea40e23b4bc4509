import { parseConfig } from '@callfwd/domain';
import { expect } from 'chai';
import { parse } from 'yaml';
import { COMPOSE_CONFIG_PATH, readConfigFacts, readExampleConfigFacts } from './helpers/example-config.js';
import { readInfraFile } from './helpers/infra-files.js';

interface ConfigTree {
  nodes: Array<{ host: string }>;
  redis: { mode: string; url?: string };
  http: { host: string; port: number; tokenEnv?: string };
  [section: string]: unknown;
}

const composeFacts = readConfigFacts(COMPOSE_CONFIG_PATH);
const tree = composeFacts.tree as ConfigTree;
const services = Object.keys((parse(readInfraFile('docker-compose.yml')) as { services: object }).services);

describe('infra/docker/callfwd.compose.yaml', () => {
  it("passes the domain's config validation when its secrets are set", () => {
    const env = Object.fromEntries(composeFacts.envVarNames.map((name) => [name, `test-secret-for-${name}`]));
    const result = parseConfig(tree, { env });
    expect(result.ok ? [] : result.problems).to.deep.equal([]);
  });

  it('is refused while a secret it names is missing (so Compose must pass them all)', () => {
    const result = parseConfig(tree, { env: {} });
    expect(result.ok).to.equal(false);
  });

  it('reaches FreeSWITCH and Redis by their Compose service names', () => {
    for (const node of tree.nodes) expect(services, node.host).to.include(node.host);
    expect(tree.redis.mode).to.equal('standalone');
    expect(services).to.include(new URL(tree.redis.url ?? '').hostname);
  });

  it('serves HTTP on every interface of the container, behind a token, so Prometheus can scrape it', () => {
    expect(tree.http.host).to.equal('0.0.0.0');
    expect(tree.http.tokenEnv).to.be.a('string');
  });

  it('says the same as the example config from worker: on (tariffs, accounts, lines, employees)', () => {
    const example = readExampleConfigFacts();
    if (!example.exists) return;
    const sections = Object.keys(tree).filter((section) => !['nodes', 'redis', 'http'].includes(section));
    const exampleTree = example.tree as Record<string, unknown>;
    expect(sections.sort()).to.deep.equal(
      Object.keys(exampleTree).filter((section) => !['nodes', 'redis', 'http'].includes(section)).sort(),
    );
    for (const section of sections) expect(tree[section], section).to.deep.equal(exampleTree[section]);
  });
});
