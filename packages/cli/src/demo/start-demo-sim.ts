import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigInput } from '@callfwd/domain';
import { createSimCluster, type FarEndScript, type SimCluster } from '@callfwd/fs-sim';
import { stringify } from 'yaml';
import { DEMO_GATEWAYS, DEMO_SECRET_ENV, demoConfigInput } from './demo-config.js';

export interface DemoSimOptions {
  /** Sim seconds per real second. */
  clockRate: number;
  farEnds: Readonly<Record<string, FarEndScript>>;
  redisUrl: string;
  prefix: string;
  /** Where the config file is written. */
  directory: string;
  editConfig?: (input: ConfigInput) => void;
}

export interface DemoSim {
  readonly sim: SimCluster;
  readonly configInput: ConfigInput;
  readonly configFile: string;
  /** The secrets the config names, to pass in a child's environment. */
  readonly secrets: Readonly<Record<string, string>>;
}

/** A two-node simulated FreeSWITCH cluster on free loopback ports, and a config file pointing at it. */
export async function startDemoSim(options: DemoSimOptions): Promise<DemoSim> {
  const secret = () => randomBytes(12).toString('hex');
  const secrets = { [DEMO_SECRET_ENV.fs1]: secret(), [DEMO_SECRET_ENV.fs2]: secret(), [DEMO_SECRET_ENV.http]: secret() };
  const gateways = Object.fromEntries(DEMO_GATEWAYS.map((g) => [g, 'up' as const]));
  const sim = createSimCluster(
    (['fs1', 'fs2'] as const).map((id) => ({
      id,
      password: secrets[DEMO_SECRET_ENV[id]],
      clockRate: options.clockRate,
      gateways,
      farEnds: options.farEnds,
      defaultFarEnd: { kind: 'answer', afterMs: 1_000, hangupAfterMs: 30_000 },
    })),
  );
  await sim.start();
  const configInput = demoConfigInput({
    ports: { fs1: sim.node('fs1').port, fs2: sim.node('fs2').port },
    redisUrl: options.redisUrl,
    prefix: options.prefix,
  });
  options.editConfig?.(configInput);
  const configFile = join(options.directory, 'callfwd.yaml');
  const header = '# written by callfwd demo: a simulated two-node cluster. Secrets come from the environment.\n';
  await writeFile(configFile, header + stringify(configInput), { mode: 0o600 });
  return { sim, configInput, configFile, secrets };
}
