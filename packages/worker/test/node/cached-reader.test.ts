import { expect } from 'chai';
import { createCachedReader } from '../../src/node/cached-reader.js';

describe('cached reader', () => {
  it('reads once per ttl, and again after it', async () => {
    let clock = 0;
    let reads = 0;
    const get = createCachedReader(() => Promise.resolve(++reads), 1_000, () => clock);
    expect(await Promise.all([get(), get(), get()])).to.deep.equal([1, 1, 1]);
    clock = 999;
    expect(await get()).to.equal(1);
    clock = 1_000;
    expect(await get()).to.equal(2);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const get = createCachedReader(() => (fail ? Promise.reject(new Error('down')) : Promise.resolve('ok')), 60_000, () => 0);
    let error: unknown;
    await get().catch((err: unknown) => (error = err));
    expect((error as Error).message).to.equal('down');
    fail = false;
    expect(await get()).to.equal('ok');
  });
});
