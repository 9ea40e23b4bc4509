import { createLedger } from '@callfwd/store';
import { expect } from 'chai';
import { AS_READER, AS_WRITER, useApi } from '../support/api-harness.js';

interface AccountBody {
  id: string;
  balance: number;
  reserved: number;
  available: number;
  holds: { count: number; amount: number };
}

describe('/v1/accounts', () => {
  const api = useApi();

  it('lists every account at its opening balance, with no holds', async () => {
    const res = await api.app.inject({ url: '/v1/accounts', headers: AS_READER });
    expect(res.statusCode).to.equal(200);
    const accounts = res.json<{ accounts: AccountBody[] }>().accounts;
    expect(accounts.map((a) => [a.id, a.balance, a.holds.count])).to.deep.equal([
      ['platform', 5000, 0],
      ['provider-a', 20000, 0],
      ['provider-b', 10000, 0],
    ]);
  });

  it('shows the open holds of an account: count, amount, and what is left available', async () => {
    const ledger = createLedger(api.redis, api.prefix);
    await ledger.ensureAccount('provider-a', 20000);
    const now = Date.now();
    for (const [leg, amount] of [
      ['leg-1', 300],
      ['leg-2', 450],
    ] as const) {
      const held = await ledger.hold('provider-a', leg, {
        amount,
        minAmount: amount,
        expiresAt: now + 60_000,
        now,
      });
      expect(held.ok, JSON.stringify(held)).to.equal(true);
    }
    const res = await api.app.inject({ url: '/v1/accounts/provider-a', headers: AS_READER });
    expect(res.json<AccountBody>()).to.deep.include({
      balance: 20000,
      reserved: 750,
      available: 19250,
      holds: { count: 2, amount: 750 },
    });
  });

  it('tops up once per ref: a retry changes nothing, another amount under the same ref is refused (409)', async () => {
    const first = await api.app.inject({
      method: 'POST',
      url: '/v1/accounts/platform/topup',
      headers: AS_WRITER,
      payload: { amount: 250, ref: 'inv-1' },
    });
    expect(first.statusCode, first.body).to.equal(200);
    expect(first.json<{ applied: boolean; account: AccountBody }>()).to.deep.include({ applied: true });
    expect(first.json<{ account: AccountBody }>().account.balance).to.equal(5250);

    const again = await api.app.inject({
      method: 'POST',
      url: '/v1/accounts/platform/topup',
      headers: AS_WRITER,
      payload: { amount: 250, ref: 'inv-1' },
    });
    expect(again.json<{ applied: boolean; account: AccountBody }>().applied).to.equal(false);
    expect(again.json<{ account: AccountBody }>().account.balance).to.equal(5250);

    const reused = await api.app.inject({
      method: 'POST',
      url: '/v1/accounts/platform/topup',
      headers: AS_WRITER,
      payload: { amount: 999, ref: 'inv-1' },
    });
    expect(reused.statusCode).to.equal(409);
    expect(reused.json()).to.include({ code: 'REF_REUSED', field: 'ref' });
    expect(api.logs.filter((l) => l.msg === 'account topped up').map((l) => [l.by, l.amount])).to.deep.equal([
      ['ops-alice', 250],
    ]);
  });

  it('refuses a bad amount or ref with the field (400) and an unknown account (404)', async () => {
    for (const [payload, field] of [
      [{ amount: 0, ref: 'x' }, 'amount'],
      [{ amount: 1.5, ref: 'x' }, 'amount'],
      [{ amount: 10, ref: 'has space' }, 'ref'],
      [{ amount: 10 }, 'ref'],
    ] as const) {
      const res = await api.app.inject({
        method: 'POST',
        url: '/v1/accounts/platform/topup',
        headers: AS_WRITER,
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).to.equal(400);
      expect(res.json(), JSON.stringify(payload)).to.include({ code: 'BAD_REQUEST', field, in: 'body' });
    }
    const unknown = await api.app.inject({
      method: 'POST',
      url: '/v1/accounts/nobody/topup',
      headers: AS_WRITER,
      payload: { amount: 1, ref: 'r' },
    });
    expect(unknown.statusCode).to.equal(404);
    expect(unknown.json()).to.include({ code: 'UNKNOWN_ACCOUNT' });
    expect((await api.app.inject({ url: '/v1/accounts/nobody', headers: AS_READER })).statusCode).to.equal(
      404,
    );
  });
});
