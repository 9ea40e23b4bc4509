-- Holds credit for one leg, atomically: only if the available credit covers it, and only once per leg.
--- @include "ledger-holds"
-- KEYS[8] holds (hash leg -> amount)   KEYS[9] the leg's settled marker
-- ARGV[4] leg uuid   ARGV[5] amount (integer > 0)
-- Returns { 'ok', held, idempotent (0|1) } | { 'insufficient_credit', available } | { 'already_settled', 0 }.
sweepExpiredHolds()
local held = redis.call('HGET', KEYS[8], ARGV[4])
if held then
  return { 'ok', tonumber(held), 1 }
end
if redis.call('EXISTS', KEYS[9]) == 1 then
  return { 'already_settled', 0 }
end
local amount = tonumber(ARGV[5])
local available = availableCredit()
if available < amount then
  return { 'insufficient_credit', available }
end
redis.call('HSET', KEYS[8], ARGV[4], ARGV[5])
redis.call('INCRBY', KEYS[2], ARGV[5])
return { 'ok', amount, 0 }
