import { createServer } from 'node:net';
import { expect } from 'chai';
import { createRecordsDb } from '../../src/db/create-records-db.js';
import { createXmlCdrHandler } from '../../src/xml-cdr/handle-xml-cdr-post.js';
import { useRecordsDb } from '../support/database.js';
import { capturedPosts } from '../support/xml-cdr-capture.js';

const CRED = 'freeswitch:cdr-Secret-1';
const basic = (cred: string) => ({ authorization: `Basic ${Buffer.from(cred).toString('base64')}` });

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('handleXmlCdrPost: the mod_xml_cdr endpoint (real posts, real PostgreSQL)', () => {
  const fx = useRecordsDb();
  const posts = capturedPosts();

  it('stores a leg once: 200 for the post and for its retry, one row', async () => {
    const stored: boolean[] = [];
    const handle = createXmlCdrHandler({ db: fx.db, credentials: CRED, onStored: (inserted) => stored.push(inserted) });
    const post = posts[2]!;
    const first = await handle(post.body, { ...post.headers, ...basic(CRED) });
    const again = await handle(post.body, { ...post.headers, ...basic(CRED) });
    expect([first.status, again.status]).to.deep.equal([200, 200]);
    expect(stored).to.deep.equal([true, false]);
    const leg = post.url.replace(/^\/cdr\?uuid=(a_)?/, '');
    const rows = await fx.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM leg_cdrs WHERE leg_uuid = $1', [leg]);
    expect(rows.rows[0]?.n).to.equal('1');
    expect((await fx.db.legCdr(leg))?.billsec).to.equal(3);
  });

  it('refuses a post without the credentials (401) or with wrong ones, and stores nothing', async () => {
    const handle = createXmlCdrHandler({ db: fx.db, credentials: CRED });
    const post = posts[5]!;
    expect((await handle(post.body, post.headers)).status).to.equal(401);
    expect((await handle(post.body, { ...post.headers, ...basic('freeswitch:wrong') })).status).to.equal(401);
    const leg = post.url.replace(/^\/cdr\?uuid=(a_)?/, '');
    expect(await fx.db.legCdr(leg)).to.equal(null);
  });

  it('answers 400 to a body that is not a CDR', async () => {
    const handle = createXmlCdrHandler({ db: fx.db, credentials: CRED });
    const reply = await handle('cdr=%3Cnot-a-cdr%2F%3E', basic(CRED));
    expect(reply.status).to.equal(400);
  });

  it('answers 500 when PostgreSQL cannot be reached, so FreeSWITCH retries', async () => {
    const down = createRecordsDb({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/callfwd`, connectTimeoutMs: 500 });
    try {
      const handle = createXmlCdrHandler({ db: down, credentials: CRED });
      const reply = await handle(posts[0]!.body, basic(CRED));
      expect(reply.status).to.equal(500);
    } finally {
      await down.close();
    }
  });
});
