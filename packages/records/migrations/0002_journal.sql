-- The ledger journal: every debit, top-up and adjustment, keyed by its id (the leg uuid for a
-- charge, the ref for a top-up, `adj:<leg>` for a CDR correction), so writing it twice changes
-- nothing. The balance of record of an account is its opening balance plus the sum of amount_minor.
CREATE TABLE journal (
  id           text        PRIMARY KEY,
  account      text        NOT NULL,
  kind         text        NOT NULL CHECK (kind IN ('charge', 'topup', 'adjustment')),
  amount_minor bigint      NOT NULL,
  currency     char(3)     NOT NULL,
  leg          uuid,
  call_uuid    uuid,
  at           timestamptz NOT NULL,
  note         text,
  written_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'charge' OR amount_minor <= 0),
  CHECK (kind <> 'topup' OR amount_minor >= 0)
);

CREATE INDEX journal_account_at_idx ON journal (account, at DESC, id DESC);
CREATE INDEX journal_leg_idx ON journal (leg) WHERE leg IS NOT NULL;
