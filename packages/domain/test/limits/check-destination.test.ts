import { expect } from 'chai';
import fc from 'fast-check';
import type { Account, DestinationRefusal } from '../../src/index.js';
import { AccountSchema, checkDestination, countryOfNumber } from '../../src/index.js';

function account(extra: Record<string, unknown>): Account {
  return AccountSchema.parse({ id: 'acme', currency: 'PLN', tariff: 't', fallback: 'f', ...extra });
}

const polish = account({ country: 'PL' });
const allowingGermany = account({ country: 'PL', limits: { destinations: { allow: ['49'] } } });
const mobilesOnly = account({ country: 'PL', limits: { destinations: { deny: ['48'], allow: ['4850', '4851', '4860'] } } });
const ownPremium = account({ country: 'PL', limits: { destinations: { premiumRate: ['4880'] } } });
const reopenedPremium = account({ country: 'PL', limits: { destinations: { allow: ['4870'] } } });
const homeless = account({});

describe('rule 11: destinations a forward may reach (checkDestination)', () => {
  const table: Array<[string, Account, string, DestinationRefusal | 'ok']> = [
    ['a Polish mobile from a Polish account', polish, '+48601000001', 'ok'],
    ['a Polish landline', polish, '+48221000000', 'ok'],
    ['a Polish premium-rate 70x number', polish, '+48701234567', 'premium_rate'],
    ['a Polish 30x premium number', polish, '+48300123456', 'premium_rate'],
    ['a German number: international', polish, '+4930123456', 'international'],
    ['a German number once 49 is allowed', allowingGermany, '+4930123456', 'ok'],
    ['a German premium number although 49 is allowed (the longer premium prefix wins)', allowingGermany, '+49900123456', 'premium_rate'],
    ['a US number: international', polish, '+12025550100', 'international'],
    ['a landline denied by a shorter deny', mobilesOnly, '+48221000000', 'denied_prefix'],
    ['a mobile allowed by a longer allow', mobilesOnly, '+48601000001', 'ok'],
    ['a premium number under a deny', mobilesOnly, '+48701234567', 'premium_rate'],
    ['an own premium list replaces the built-in one: 70x is then domestic', ownPremium, '+48701234567', 'ok'],
    ['an own premium list: its prefix is refused', ownPremium, '+48801234567', 'premium_rate'],
    ['an allow as long as the premium prefix reopens it', reopenedPremium, '+48701234567', 'ok'],
    ['an account without a country: everything is international', homeless, '+48601000001', 'international'],
  ];
  for (const [name, acc, number, expected] of table) {
    it(`${name}: ${number} -> ${expected}`, () => {
      const check = checkDestination(acc, number);
      expect(check.ok ? 'ok' : check.reason, JSON.stringify(check)).to.equal(expected);
      if (!check.ok) {
        expect(check.outcome).to.equal('destination_not_allowed');
        expect(check.detail).to.contain(number);
      }
    });
  }

  it('property: the longest matching prefix decides: a deny of the whole number beats every shorter allow', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{7,14}$/), fc.uniqueArray(fc.integer({ min: 1, max: 7 })), (digits, lengths) => {
        const allow = lengths.map((n) => digits.slice(0, n));
        const denied = account({ country: 'PL', limits: { destinations: { allow, deny: [digits] } } });
        const check = checkDestination(denied, `+${digits}`);
        const allowed = account({ country: 'PL', limits: { destinations: { allow: [digits] } } });
        return !check.ok && check.reason === 'denied_prefix' && checkDestination(allowed, `+${digits}`).ok;
      }),
    );
  });

  it('property: with no rules, a number is allowed exactly when it is in the home country and not premium', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{7,14}$/), (digits) => {
        const check = checkDestination(polish, `+${digits}`);
        const home = digits.startsWith('48') && !['4870', '4830', '4840'].some((p) => digits.startsWith(p));
        return check.ok === home;
      }),
    );
  });

  it('knows the country of a number by its calling code, and none for a shared one', () => {
    expect(countryOfNumber('+48601000001')).to.equal('PL');
    expect(countryOfNumber('+4930123456')).to.equal('DE');
    expect(countryOfNumber('+420601000001')).to.equal('CZ');
    expect(countryOfNumber('+12025550100')).to.equal(undefined);
  });

  it('refuses an unknown country code and a prefix both allowed and denied', () => {
    expect(AccountSchema.safeParse({ id: 'a', currency: 'PLN', tariff: 't', fallback: 'f', country: 'XX' }).success).to.equal(false);
    expect(AccountSchema.safeParse({ id: 'a', currency: 'PLN', tariff: 't', fallback: 'f', country: 'pl' }).success).to.equal(false);
    const both = AccountSchema.safeParse({ id: 'a', currency: 'PLN', tariff: 't', fallback: 'f', limits: { destinations: { allow: ['49'], deny: ['49'] } } });
    expect(both.success).to.equal(false);
    expect(both.error?.issues[0]?.message).to.contain('both allowed and denied');
  });
});
