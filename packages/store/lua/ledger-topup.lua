-- Adds a top-up to an account's balance, once per ref.
--- @include "ledger-holds"
-- KEYS[8] topups (hash ref -> "amount:at")   KEYS[9] the records outbox stream (optional)
-- ARGV[4] amount (integer > 0, minor units)   ARGV[5] ref   ARGV[6] at (ms)
-- ARGV[7] the journal entry (JSON, with KEYS[9]): appended in this script when the top-up applies,
-- so PostgreSQL gets it exactly when the balance moved.
-- Returns { applied (1 | 0 when the ref was seen before), balance }.
sweepExpiredHolds()
if redis.call('HSETNX', KEYS[8], ARGV[5], ARGV[4] .. ':' .. ARGV[6]) == 0 then
  return { 0, tonumber(redis.call('GET', KEYS[1]) or '0') }
end
local balance = redis.call('INCRBY', KEYS[1], ARGV[4])
if KEYS[9] then
  redis.call('XADD', KEYS[9], '*', 'k', 'journal', 'd', ARGV[7])
end
return { 1, balance }
