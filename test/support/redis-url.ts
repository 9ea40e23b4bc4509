import { randomBytes } from 'node:crypto';

/** The Redis the test run started (scripts/test sets REDIS_URL); never a mock. */
export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run the tests with scripts/test, which starts a private redis-server');
  return url;
}

/** A fresh key prefix per test, so tests never see each other's keys. */
export function freshPrefix(name = 't'): string {
  return `${name}${randomBytes(4).toString('hex')}`;
}
