import { expect } from 'chai';
import pino from 'pino';
import { rideOutRedisOutage } from '../../src/forward/ride-out-redis-outage.js';

const log = pino({ level: 'silent' });

function unavailable(): Error {
  const err = new Error('Reached the max retries per request limit (which is 3).');
  Object.defineProperty(err, 'name', { value: 'MaxRetriesPerRequestError' });
  return err;
}

describe('rideOutRedisOutage', () => {
  it('runs the work again once Redis is back, without failing the job', async () => {
    let calls = 0;
    let up = false;
    setTimeout(() => (up = true), 30);
    const result = await rideOutRedisOutage(
      () => {
        calls += 1;
        if (calls < 3) return Promise.reject(unavailable());
        return Promise.resolve('done');
      },
      { isRedisUp: () => up, maxWaitMs: 5_000, log, pollMs: 5 },
    );
    expect(result).to.equal('done');
    expect(calls).to.equal(3);
  });

  it('fails at once on any other error (a bad payload is not waited out)', async () => {
    let calls = 0;
    const err = await rideOutRedisOutage(
      () => {
        calls += 1;
        return Promise.reject(new Error('bad forward job payload'));
      },
      { isRedisUp: () => true, maxWaitMs: 5_000, log },
    ).then(() => null, (e: unknown) => e as Error);
    expect(err?.message).to.equal('bad forward job payload');
    expect(calls).to.equal(1);
  });

  it('gives up after maxWaitMs of outage, with the outage error (BullMQ retries take over)', async () => {
    let clock = 0;
    let calls = 0;
    const err = await rideOutRedisOutage(
      () => {
        calls += 1;
        clock += 400;
        return Promise.reject(unavailable());
      },
      { isRedisUp: () => true, maxWaitMs: 1_000, log, now: () => clock, pollMs: 1 },
    ).then(() => null, (e: unknown) => e as Error);
    expect(err?.name).to.equal('MaxRetriesPerRequestError');
    expect(calls).to.equal(3);
  });
});
