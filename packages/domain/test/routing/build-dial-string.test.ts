import { expect } from 'chai';
import { buildDialString, CallfwdError } from '../../src/index.js';

describe('buildDialString', () => {
  const table: Array<[string, string, string]> = [
    ['sofia/gateway/pbx-a/{number}', '+48601000001', 'sofia/gateway/pbx-a/48601000001'],
    [
      'sofia/gateway/platform/{number}@example.net',
      '+4930123456',
      'sofia/gateway/platform/4930123456@example.net',
    ],
    ['loopback/{number}/forward-target/XML', '+12025550100', 'loopback/12025550100/forward-target/XML'],
    [
      'sofia/internal/{number}@10.0.0.1:5060/{number}',
      '+48221000000',
      'sofia/internal/48221000000@10.0.0.1:5060/48221000000',
    ],
  ];
  for (const [template, target, dial] of table) {
    it(`${template} + ${target} -> ${dial}`, () => {
      expect(buildDialString(template, target)).to.equal(dial);
    });
  }

  for (const target of [
    '48601000001',
    '+0601000001',
    '+48601000001}',
    '+486010 00001',
    '+48601000001,user/1',
  ]) {
    it(`throws BAD_INPUT for a target that is not E.164: ${JSON.stringify(target)}`, () => {
      expect(() => buildDialString('sofia/gateway/x/{number}', target))
        .to.throw(CallfwdError)
        .with.property('code', 'BAD_INPUT');
    });
  }

  it('throws BAD_INPUT for a template without {number}', () => {
    expect(() => buildDialString('sofia/gateway/x/', '+48601000001'))
      .to.throw(CallfwdError)
      .with.property('code', 'BAD_INPUT');
  });
});
