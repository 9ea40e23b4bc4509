-- The recordings list: one row per recorded forward.
CREATE TABLE recordings (
  call_uuid  uuid        PRIMARY KEY,
  account    text        NOT NULL,
  file       text        NOT NULL,
  started_at timestamptz NOT NULL,
  seconds    double precision,
  written_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX recordings_time_idx ON recordings (started_at DESC, call_uuid DESC);
CREATE INDEX recordings_account_idx ON recordings (account, started_at DESC, call_uuid DESC);

-- Run-time settings changes (forward-via overrides, later employees): who, when, old and new value.
-- id is chosen by the writer (one per change), so a repeated write changes nothing.
CREATE TABLE settings_history (
  id         text        PRIMARY KEY,
  at         timestamptz NOT NULL,
  by_whom    text,
  key        text        NOT NULL,
  old_value  jsonb,
  new_value  jsonb,
  written_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX settings_history_key_idx ON settings_history (key, at DESC, id DESC);
CREATE INDEX settings_history_at_idx ON settings_history (at DESC, id DESC);
