import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { readExampleConfigFacts } from './helpers/example-config.js';
import { REPO_ROOT, listInfraFiles, readInfraFile } from './helpers/infra-files.js';
import { parseTimeSpanSeconds, parseUnitFile, unitValues } from './helpers/unit-file.js';

/** Directives the units may use, by section (systemd 252); a misspelt key is ignored by systemd with a warning. */
const KNOWN_KEYS: Record<string, string[]> = {
  Unit: ['Description', 'Documentation', 'Wants', 'Requires', 'After', 'Before', 'PartOf', 'BindsTo', 'ConditionPathExists'],
  Service: [
    'Type', 'User', 'Group', 'WorkingDirectory', 'Environment', 'EnvironmentFile', 'ExecStartPre', 'ExecStart',
    'ExecReload', 'KillSignal', 'KillMode', 'TimeoutStopSec', 'TimeoutStartSec', 'Restart', 'RestartSec',
    'LimitNOFILE', 'NoNewPrivileges', 'ProtectSystem', 'ProtectHome', 'PrivateTmp', 'PrivateDevices',
    'ProtectKernelTunables', 'ProtectKernelModules', 'ProtectKernelLogs', 'ProtectControlGroups', 'ProtectClock',
    'ProtectHostname', 'ProtectProc', 'RestrictAddressFamilies', 'RestrictNamespaces', 'RestrictRealtime',
    'RestrictSUIDSGID', 'LockPersonality', 'SystemCallArchitectures', 'SystemCallFilter', 'SystemCallErrorNumber',
    'CapabilityBoundingSet', 'AmbientCapabilities', 'UMask', 'ReadWritePaths', 'StateDirectory',
  ],
  Install: ['WantedBy', 'RequiredBy', 'Alias'],
};
const SUBCOMMANDS = ['run', 'check-config'];

const cliBin = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { bin: Record<string, string> })
  .bin.callfwd;
const facts = readExampleConfigFacts();

describe('infra/systemd', () => {
  const files = listInfraFiles('.service');

  it('has a listener unit and a worker template', () => {
    expect(files).to.deep.equal(['systemd/callfwd-listener.service', 'systemd/callfwd-worker@.service']);
  });

  for (const file of files) {
    const role = file.includes('listener') ? 'listener' : 'worker';
    const unit = parseUnitFile(readInfraFile(file));
    const service = (key: string): string[] => unitValues(unit, 'Service', key);

    describe(file, () => {
      it('is [Unit], [Service], [Install] of Key=Value lines with keys systemd knows', () => {
        expect(unit.problems).to.deep.equal([]);
        expect([...unit.sections.keys()]).to.deep.equal(['Unit', 'Service', 'Install']);
        for (const [section, entries] of unit.sections) {
          const unknown = entries.map((entry) => entry.key).filter((key) => !(KNOWN_KEYS[section] ?? []).includes(key));
          expect(unknown, `[${section}]`).to.deep.equal([]);
        }
        expect(unitValues(unit, 'Install', 'WantedBy')).to.deep.equal(['multi-user.target']);
      });

      it(`starts the callfwd bin with "run --config <file> --role ${role}"`, () => {
        const execStart = service('ExecStart');
        expect(execStart).to.have.length(1);
        const [node, script, ...args] = execStart[0]!.split(/\s+/);
        expect(node).to.equal('/usr/bin/node');
        expect(script).to.equal(posix.join('/opt/callfwd/packages/cli', cliBin ?? '?'));
        expect(args[0]).to.equal('run');
        expect(args.slice(1, 2)).to.deep.equal(['--config']);
        expect(posix.isAbsolute(args[2] ?? '')).to.equal(true);
        expect(args.slice(3)).to.deep.equal(['--role', role]);
      });

      it('checks the config before starting, with the same bin and config', () => {
        for (const pre of service('ExecStartPre')) {
          const [node, script, subcommand, ...args] = pre.split(/\s+/);
          expect([node, script]).to.deep.equal(service('ExecStart')[0]!.split(/\s+/).slice(0, 2));
          expect(subcommand).to.be.oneOf(SUBCOMMANDS);
          expect(args.join(' ')).to.equal(service('ExecStart')[0]!.split(/\s+/).slice(3, 5).join(' '));
        }
      });

      it('drains on SIGTERM and gives the drain more time than its deadline', () => {
        expect(service('KillSignal')).to.deep.equal(['SIGTERM']);
        const [timeout] = service('TimeoutStopSec');
        expect(parseTimeSpanSeconds(timeout ?? '')).to.be.greaterThan(facts.drainTimeoutMs / 1000);
      });

      it('reads its secrets from /etc/callfwd/secrets.env and runs as an unprivileged user', () => {
        expect(service('EnvironmentFile')).to.deep.equal(['/etc/callfwd/secrets.env']);
        expect(service('User')).to.have.length(1);
        expect(service('User')[0]).not.to.be.oneOf(['root', '0']);
      });

      it('is hardened', () => {
        expect(service('NoNewPrivileges')).to.deep.equal(['yes']);
        expect(service('ProtectSystem')).to.deep.equal(['strict']);
        expect(service('ProtectHome')).to.deep.equal(['yes']);
        expect(service('PrivateTmp')).to.deep.equal(['yes']);
        expect(service('CapabilityBoundingSet')).to.deep.equal(['']);
        // V8 needs writable executable memory: MemoryDenyWriteExecute would kill node.
        expect(service('MemoryDenyWriteExecute')).to.deep.equal([]);
      });
    });
  }

  it('the worker template gives each instance its own config (and so its own HTTP port)', () => {
    const unit = parseUnitFile(readInfraFile('systemd/callfwd-worker@.service'));
    const [execStart] = unitValues(unit, 'Service', 'ExecStart');
    expect(execStart).to.include('--config /etc/callfwd/worker-%i.yaml');
    expect(unitValues(unit, 'Unit', 'Description')[0]).to.include('%i');
  });
});
