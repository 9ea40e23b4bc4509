-- Applies a correction of the journal (from a leg's CDR) to the live balance, once per ref: a
-- refund adds, a missing or short charge takes away, never below zero (as a posted charge does).
--- @include "ledger-holds"
-- KEYS[8] topups (hash ref -> "amount:at": the idempotency set, shared with top-ups; refs here start with `cdr:`)
-- ARGV[4] delta (integer, minor units, signed)   ARGV[5] ref   ARGV[6] at (ms)
-- Returns { applied (1 | 0 when the ref was seen before), balance, moved (what the balance moved by) }.
sweepExpiredHolds()
if redis.call('HSETNX', KEYS[8], ARGV[5], ARGV[4] .. ':' .. ARGV[6]) == 0 then
  return { 0, tonumber(redis.call('GET', KEYS[1]) or '0'), 0 }
end
local delta = tonumber(ARGV[4])
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
if delta < 0 and -delta > balance then delta = -balance end
balance = redis.call('INCRBY', KEYS[1], delta)
return { 1, balance, delta }
