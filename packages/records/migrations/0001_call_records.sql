-- The detailed statement: one row per forwarded call, partitioned by the UTC day it started.
-- The primary key includes started_at (a partitioned table's unique keys must contain the partition
-- key); a call's startedAt never changes, so (call_uuid, started_at) is as good an idempotency key.
CREATE TABLE call_records (
  call_uuid      uuid        NOT NULL,
  started_at     timestamptz NOT NULL,
  account        text,
  connection     text        NOT NULL,
  employee       text,
  caller         text        NOT NULL,
  dialled        text        NOT NULL,
  target         text,
  outcome        text        NOT NULL,
  answered_at    timestamptz,
  ended_at       timestamptz,
  billed_seconds integer     NOT NULL CHECK (billed_seconds >= 0),
  cost_minor     bigint      NOT NULL CHECK (cost_minor >= 0),
  currency       char(3),
  recorded       boolean     NOT NULL,
  recording_path text,
  attempts       jsonb       NOT NULL,
  record         jsonb       NOT NULL,
  written_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (call_uuid, started_at)
) PARTITION BY RANGE (started_at);

-- Rows outside every day partition (a replay of old records, a clock far off) land here.
CREATE TABLE call_records_default PARTITION OF call_records DEFAULT;

-- The statement's filters, newest first with (started_at, call_uuid) as the cursor.
CREATE INDEX call_records_time_idx ON call_records (started_at DESC, call_uuid DESC);
CREATE INDEX call_records_account_idx ON call_records (account, started_at DESC, call_uuid DESC);
CREATE INDEX call_records_account_outcome_idx
  ON call_records (account, outcome, started_at DESC, call_uuid DESC);
CREATE INDEX call_records_connection_idx ON call_records (connection, started_at DESC, call_uuid DESC);
CREATE INDEX call_records_employee_idx
  ON call_records (employee, started_at DESC, call_uuid DESC) WHERE employee IS NOT NULL;
CREATE INDEX call_records_outcome_idx ON call_records (outcome, started_at DESC, call_uuid DESC);

-- Creates the day partitions of call_records from `first_day` for `days` days (UTC), skipping those
-- that exist. Run by migrate() and by the records drain once a day. Returns how many it created.
CREATE FUNCTION callfwd_ensure_day_partitions(first_day date, days integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  d date;
  created integer := 0;
  name text;
BEGIN
  FOR i IN 0 .. days - 1 LOOP
    d := first_day + i;
    name := 'call_records_' || to_char(d, 'YYYYMMDD');
    IF to_regclass(name) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE %I PARTITION OF call_records FOR VALUES FROM (%L) TO (%L)',
        name, (d::timestamp AT TIME ZONE 'UTC'), ((d + 1)::timestamp AT TIME ZONE 'UTC'));
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END $$;
