-- Releases the account's expired holds (bounded per call) and reads its balance after.
--- @include "ledger-holds"
-- Returns { expired, released, more (0|1: the limit was reached), balance, reserved }.
local expired, released, more = sweepExpiredHolds()
local _, balance, reserved = availableCredit()
return { expired, released, more, balance, reserved }
