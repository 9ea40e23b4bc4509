import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'chai';
import { startPostgresServer, type PostgresServer } from './postgres-server.js';

const psql = (url: string, sql: string): string => execFileSync('psql', [url, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

describe("soak: its own PostgreSQL (the pg-restart fault's victim)", function () {
  this.timeout(60_000);
  let server: PostgresServer | undefined;
  after(async () => server?.remove());

  it('stops by its pid and starts again on the same port and data dir, its rows kept; remove deletes the dir', async () => {
    server = await startPostgresServer();
    psql(server.url, 'create table t (v int); insert into t values (42)');
    const firstPid = server.pid();
    await server.stop();
    expect(() => psql(server!.url, 'select 1')).to.throw();
    await server.start();
    expect(server.pid()).to.not.equal(firstPid);
    expect(psql(server.url, 'select v from t')).to.equal('42');
    await server.remove();
    expect(existsSync(server.dir)).to.equal(false);
    server = undefined;
  });
});
