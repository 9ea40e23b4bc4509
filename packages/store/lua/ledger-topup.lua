-- Adds a top-up to an account's balance, once per ref.
--- @include "ledger-holds"
-- KEYS[8] topups (hash ref -> "amount:at")
-- ARGV[4] amount (integer > 0, minor units)   ARGV[5] ref   ARGV[6] at (ms)
-- Returns { applied (1 | 0 when the ref was seen before), balance }.
sweepExpiredHolds()
if redis.call('HSETNX', KEYS[8], ARGV[5], ARGV[4] .. ':' .. ARGV[6]) == 0 then
  return { 0, tonumber(redis.call('GET', KEYS[1]) or '0') }
end
return { 1, redis.call('INCRBY', KEYS[1], ARGV[4]) }
