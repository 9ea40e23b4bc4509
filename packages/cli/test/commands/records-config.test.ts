// The postgres section of the config and DATABASE_URL: which wins, and no password in a URL.
import { expect } from 'chai';
import { parseConfig, type ConfigInput } from '@callfwd/domain';
import { DEMO_SECRET_ENV, demoConfigInput } from '../../src/demo/demo-config.js';
import { connectionUrl } from '../../src/run/records-db.js';

const env = { [DEMO_SECRET_ENV.fs1]: 'fs1-Test-secret', [DEMO_SECRET_ENV.fs2]: 'fs2-Test-secret', [DEMO_SECRET_ENV.http]: 'http-Test-token' };
const input = (edit?: (i: ConfigInput) => void): ConfigInput => {
  const i = demoConfigInput({ ports: { fs1: 18021, fs2: 18022 }, redisUrl: 'redis://127.0.0.1:6379', prefix: 'cfg' });
  edit?.(i);
  return i;
};

describe('config: postgres', () => {
  it('absent, and no DATABASE_URL: no PostgreSQL', () => {
    const parsed = parseConfig(input(), { env });
    expect(parsed.ok && parsed.config.postgres).to.equal(undefined);
  });

  it('DATABASE_URL alone: used, its password taken out of the url (which can be logged)', () => {
    const parsed = parseConfig(input(), { env: { ...env, DATABASE_URL: 'postgres://callfwd:s%40cret@db.internal:5432/callfwd' } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.config.postgres).to.deep.equal({ url: 'postgres://callfwd@db.internal:5432/callfwd', password: 's@cret', poolMax: 10, keepInRedisSeconds: 3600, from: 'DATABASE_URL' });
    expect(connectionUrl(parsed.config.postgres!)).to.equal('postgres://callfwd:s%40cret@db.internal:5432/callfwd');
  });

  it('the postgres section wins over DATABASE_URL; its password comes from passwordEnv', () => {
    const parsed = parseConfig(
      input((i) => (i.postgres = { url: 'postgres://callfwd@db1:5432/records', passwordEnv: 'PG_PASSWORD', poolMax: 4 })),
      { env: { ...env, DATABASE_URL: 'postgres://other@db2/x', PG_PASSWORD: 'pw' } },
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.config.postgres).to.include({ url: 'postgres://callfwd@db1:5432/records', password: 'pw', poolMax: 4, from: 'config' });
  });

  it('refuses a password in postgres.url, an unset passwordEnv and unset xml_cdr credentials', () => {
    const withPassword = parseConfig(input((i) => (i.postgres = { url: 'postgres://u:p@db/x' })), { env });
    expect(withPassword.ok).to.equal(false);
    if (!withPassword.ok) expect(withPassword.problems.map((p) => p.path)).to.include('postgres.url');
    const unset = parseConfig(input((i) => (i.postgres = { url: 'postgres://u@db/x', passwordEnv: 'PG_UNSET', xmlCdr: { port: 9470, credentialsEnv: 'CDR_UNSET' } })), { env });
    expect(unset.ok).to.equal(false);
    if (!unset.ok) expect(unset.problems.map((p) => p.path)).to.include.members(['postgres.passwordEnv', 'postgres.xmlCdr.credentialsEnv']);
  });
});
