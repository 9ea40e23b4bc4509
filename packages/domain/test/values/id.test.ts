import { expect } from 'chai';
import { IdSchema } from '../../src/index.js';

describe('ids (safe in Redis keys, channel variables and job ids)', () => {
  for (const id of ['pbx-a', 'fs1', 'a', '0_x', 'a'.repeat(64)]) {
    it(`accepts ${id.length > 10 ? `${id.length} characters` : id}`, () => {
      expect(IdSchema.safeParse(id).success).to.equal(true);
    });
  }
  for (const id of ['', 'PBX', '-a', '_a', 'a:b', 'a b', 'a{b}', 'a'.repeat(65), 'ä']) {
    it(`refuses ${JSON.stringify(id.length > 10 ? `${id.length} characters` : id)}`, () => {
      expect(IdSchema.safeParse(id).success).to.equal(false);
    });
  }
});
