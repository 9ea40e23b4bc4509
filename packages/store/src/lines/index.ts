// The lines module's public part, re-exported by the package's src/index.ts.
export { createLineStore, type LineStore } from './create-line-store.js';
export { createLineCache, type LineCache, type LineCacheOptions } from './create-line-cache.js';
export { lineKeys, type LineKeys } from './line-keys.js';
