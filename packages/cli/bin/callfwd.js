#!/usr/bin/env node
// The callfwd command (the package's bin; the Dockerfile and systemd units run it).
// Runs the build (dist/src/bin.js) when there is one, else the TypeScript sources through tsx with
// the @callfwd/source export condition, so it works without a build step.
// CALLFWD_FROM_SOURCE=1 forces the sources.
/* global process, URL */
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/src/bin.js', import.meta.url));
const source = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

if (existsSync(built) && process.env.CALLFWD_FROM_SOURCE !== '1') {
  await import(pathToFileURL(built).href);
} else {
  // Hooks run last-registered first: the condition is added before tsx resolves.
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  register('./source-condition.js', import.meta.url);
  await import(pathToFileURL(source).href);
}
