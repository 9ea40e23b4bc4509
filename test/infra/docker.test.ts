import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { composeDefault, requiredComposeVariables } from './helpers/compose-value.js';
import { COMPOSE_CONFIG_PATH, readConfigFacts, readExampleConfigFacts } from './helpers/example-config.js';
import { INFRA_DIR, REPO_ROOT, readInfraFile } from './helpers/infra-files.js';
import { findAll, parseXmlRoot } from './helpers/xml-tree.js';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  stop_signal?: string;
  stop_grace_period?: string;
  secrets?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets?: Record<string, { environment?: string; file?: string }>;
  networks?: { default?: { ipam?: { config?: Array<{ subnet?: string }> } } };
}

const ROLES = ['listener', 'worker'] as const;
const compose = parse(readInfraFile('docker-compose.yml'), { prettyErrors: true }) as ComposeFile;
const facts = readExampleConfigFacts();
const composeFacts = readConfigFacts(COMPOSE_CONFIG_PATH);
const neededEnvVars = [...new Set([...facts.envVarNames, ...composeFacts.envVarNames])].sort();
const drainSeconds = Math.max(facts.drainTimeoutMs, composeFacts.drainTimeoutMs) / 1000;
const cliPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as {
  bin: Record<string, string>;
};
const rootPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager: string };

/** The Dockerfile's instructions, one per logical line (continuations joined), comments dropped. */
function dockerInstructions(): Array<{ op: string; args: string }> {
  const joined = readInfraFile('docker/Dockerfile').replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** A volume's [source, target] after Compose interpolation with no variables set. */
function mounts(service: ComposeService): Array<[string, string]> {
  return (service.volumes ?? []).map((volume) => {
    const [source = '', target = ''] = composeDefault(volume).split(':');
    return [source, target];
  });
}

function secondsOf(duration: string | undefined): number {
  const match = /^(\d+)(s|m)$/.exec(duration ?? '');
  expect(match, `duration ${duration}`).not.to.equal(null);
  return Number(match![1]) * (match![2] === 'm' ? 60 : 1);
}

describe('infra/docker', () => {
  describe('Dockerfile', () => {
    const instructions = dockerInstructions();
    const runs = instructions.filter((i) => i.op === 'RUN').map((i) => i.args);
    const binPath = cliPackage.bin.callfwd?.replace(/^\.\//, '') ?? '';

    it('builds on node:20-bookworm-slim in every stage', () => {
      const froms = instructions.filter((i) => i.op === 'FROM').map((i) => i.args.split(/\s+/)[0]);
      expect(froms.length).to.be.at.least(1);
      for (const from of froms) expect(from).to.equal('node:20-bookworm-slim');
    });

    it("installs the repository's pnpm with npm, then the locked dependencies, then builds", () => {
      const pnpmVersion = rootPackage.packageManager.replace(/^pnpm@/, '');
      const at = (pattern: RegExp): number => runs.findIndex((run) => pattern.test(run));
      const installPnpm = at(new RegExp(`^npm install (--global|-g) pnpm@${pnpmVersion.replace(/\./g, '\\.')}$`));
      const install = at(/^pnpm install --frozen-lockfile$/);
      const build = at(/^pnpm build$/);
      expect([installPnpm, install, build].every((index) => index >= 0), runs.join(' | ')).to.equal(true);
      expect(installPnpm).to.be.lessThan(install);
      expect(install).to.be.lessThan(build);
    });

    it('copies the manifest of every workspace package before installing', () => {
      const copied = instructions.filter((i) => i.op === 'COPY').map((i) => i.args.split(/\s+/)[0]);
      const workspaces = [
        ...readdirSync(join(REPO_ROOT, 'packages')).map((name) => `packages/${name}`),
        'test',
      ].filter((dir) => existsSync(join(REPO_ROOT, dir, 'package.json')));
      for (const dir of workspaces) expect(copied, dir).to.include(`${dir}/package.json`);
      for (const source of copied) {
        if (source === undefined || source.startsWith('--') || source === '.') continue;
        expect(existsSync(join(REPO_ROOT, source)), source).to.equal(true);
      }
    });

    it('runs as a user that is not root', () => {
      const users = instructions.filter((i) => i.op === 'USER').map((i) => i.args);
      expect(users.length).to.be.at.least(1);
      expect(users.at(-1)).not.to.be.oneOf(['root', '0', '0:0']);
    });

    it("has the CLI's bin (packages/cli package.json) as its entrypoint", () => {
      expect(binPath).to.equal('bin/callfwd.js');
      const entrypoint = instructions.filter((i) => i.op === 'ENTRYPOINT').at(-1);
      expect(JSON.parse(entrypoint?.args ?? 'null')).to.deep.equal(['node', `/app/packages/cli/${binPath}`]);
      const workdir = instructions.filter((i) => i.op === 'WORKDIR').at(-1)?.args;
      expect(workdir).to.equal('/app');
    });

    it('keeps secrets and build output out of the build context', () => {
      const ignored = readInfraFile('docker/Dockerfile.dockerignore').split('\n');
      expect(ignored).to.include.members(['**/node_modules', '**/dist', '.git', '**/secrets.env']);
    });
  });

  describe('docker-compose.yml', () => {
    const services = compose.services;

    it('has FreeSWITCH, Redis, a listener, workers and Prometheus', () => {
      expect(Object.keys(services)).to.include.members([
        'freeswitch',
        'redis',
        'callfwd-listener',
        'callfwd-worker',
        'prometheus',
      ]);
    });

    it('mounts only files and folders that exist', () => {
      for (const [name, service] of Object.entries(services)) {
        for (const [source] of mounts(service)) {
          if (!source.startsWith('.')) continue; // a named volume
          expect(existsSync(resolve(INFRA_DIR, source)), `${name}: ${source}`).to.equal(true);
        }
      }
    });

    it('builds the callfwd image from infra/docker/Dockerfile and both roles run it', () => {
      const build = services['callfwd-listener']?.build;
      expect(build).not.to.equal(undefined);
      expect(resolve(INFRA_DIR, build!.context, build!.dockerfile)).to.equal(join(INFRA_DIR, 'docker/Dockerfile'));
      expect(resolve(INFRA_DIR, build!.context)).to.equal(REPO_ROOT);
      expect(services['callfwd-worker']?.image).to.equal(services['callfwd-listener']?.image);
    });

    for (const role of ROLES) {
      describe(`callfwd-${role}`, () => {
        const service = services[`callfwd-${role}`] ?? {};

        it(`runs "run --config <mounted file> --role ${role}"`, () => {
          const command = service.command ?? [];
          expect(command.slice(0, 2)).to.deep.equal(['run', '--config']);
          expect(command.slice(3)).to.deep.equal(['--role', role]);
          const configPath = command[2] ?? '';
          expect(posix.isAbsolute(configPath)).to.equal(true);
          expect(mounts(service).map(([, target]) => target)).to.include(configPath);
        });

        it('is given every secret the example and the Compose config name, from required variables', () => {
          const environment = service.environment ?? {};
          const names = Object.keys(environment);
          expect(composeFacts.envVarNames, 'the node, Redis and HTTP secrets').to.have.length.at.least(3);
          for (const name of neededEnvVars) expect(names, name).to.include(name);
          for (const [name, value] of Object.entries(environment)) {
            if (name.startsWith('CALLFWD_')) expect(requiredComposeVariables(value), name).to.deep.equal([name]);
          }
        });

        it("checks /readyz on the config's HTTP port", () => {
          const test = (service.healthcheck?.test ?? []).join(' ');
          const urls = [...test.matchAll(/https?:\/\/[^\s'"`]+/g)].map((match) => new URL(match[0]));
          expect(urls).to.have.length(1);
          expect(urls[0]?.pathname).to.equal('/readyz');
          expect(Number(urls[0]?.port)).to.equal(composeFacts.httpPort);
          expect(Number(urls[0]?.port)).to.equal(facts.httpPort);
        });

        it('stops with SIGTERM and waits longer than the drain deadline', () => {
          expect(service.stop_signal).to.equal('SIGTERM');
          expect(secondsOf(service.stop_grace_period)).to.be.greaterThan(drainSeconds);
        });
      });
    }

    const freeswitchServices = Object.keys(services).filter((name) => name.startsWith('freeswitch'));
    for (const name of freeswitchServices) {
      it(`${name} mounts the dialplan snippet and an event socket config whose password comes from its environment`, () => {
        const freeswitch = services[name] ?? {};
        const byTarget = new Map(mounts(freeswitch).map(([source, target]) => [target, source]));
        expect(byTarget.get('/etc/freeswitch/dialplan/public/00_callfwd.xml')).to.equal('./freeswitch/dialplan/callfwd.xml');
        const eslSource = byTarget.get('/etc/freeswitch/autoload_configs/event_socket.conf.xml') ?? '';
        const eslText = readFileSync(resolve(INFRA_DIR, eslSource), 'utf8');
        const envSet = /<X-PRE-PROCESS cmd="env-set" data="([a-z_]+)=\$([A-Z0-9_]+)"\/>/.exec(eslText);
        expect(envSet, 'env-set of the password').not.to.equal(null);
        const esl = parseXmlRoot(eslText);
        const params = new Map(findAll(esl, 'param').map((p) => [p.attributes.name, p.attributes.value]));
        expect(params.get('password')).to.equal(`$\${${envSet![1]}}`);
        expect(Object.keys(freeswitch.environment ?? {})).to.include(envSet![2]);
        const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet;
        expect(subnet).to.match(/^172\.\d+\.\d+\.0\/24$/);
        expect(params.get('apply-inbound-acl')?.split(',')).to.include(subnet);
      });
    }

    it('runs a FreeSWITCH service for every node of the Compose config, with that node\'s password', () => {
      const nodes = (composeFacts.tree as { nodes: Array<{ host: string; port: number; passwordEnv: string }> }).nodes;
      expect(nodes.map((node) => node.host).sort()).to.deep.equal(freeswitchServices.sort());
      for (const node of nodes) {
        expect(node.port, node.host).to.equal(8021);
        const value = services[node.host]?.environment?.CALLFWD_ESL_PASSWORD ?? '';
        expect(requiredComposeVariables(value), node.host).to.deep.equal([node.passwordEnv]);
      }
    });

    it('gives Prometheus its config, the rules it loads and the token secret it reads', () => {
      const prometheus = services.prometheus ?? {};
      const config = parse(readInfraFile('prometheus/prometheus.yml')) as {
        rule_files: string[];
        scrape_configs: Array<{ authorization?: { credentials_file?: string } }>;
      };
      const targets = new Map(mounts(prometheus).map(([source, target]) => [target, source]));
      expect(targets.get('/etc/prometheus/prometheus.yml')).to.equal('./prometheus/prometheus.yml');
      for (const ruleFile of config.rule_files) expect(targets.has(ruleFile), ruleFile).to.equal(true);
      for (const scrape of config.scrape_configs) {
        const file = scrape.authorization?.credentials_file ?? '';
        const secret = /^\/run\/secrets\/(.+)$/.exec(file)?.[1];
        expect(prometheus.secrets, file).to.include(secret);
        const variable = compose.secrets?.[secret!]?.environment ?? '';
        expect(services['callfwd-listener']?.environment, `secret ${secret}`).to.have.property(variable);
      }
    });
  });
});
