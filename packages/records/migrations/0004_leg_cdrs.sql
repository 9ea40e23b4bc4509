-- FreeSWITCH's own CDR of each leg (mod_xml_cdr), idempotent by the leg uuid. Only the fields and
-- the callfwd_* variables we use are kept (a raw XML CDR is 5-13 KB).
CREATE TABLE leg_cdrs (
  leg_uuid      uuid        PRIMARY KEY,
  call_uuid     uuid,
  other_leg     uuid,
  direction     text,
  billsec       integer     NOT NULL CHECK (billsec >= 0),
  billmsec      bigint,
  duration      integer     NOT NULL CHECK (duration >= 0),
  hangup_cause  text,
  start_epoch   bigint,
  answer_epoch  bigint,
  end_epoch     bigint,
  variables     jsonb       NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX leg_cdrs_call_idx ON leg_cdrs (call_uuid) WHERE call_uuid IS NOT NULL;
CREATE INDEX leg_cdrs_received_idx ON leg_cdrs (received_at DESC);
