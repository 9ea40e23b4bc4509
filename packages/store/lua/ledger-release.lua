-- Releases one leg's hold, if it still has one (idempotent; a settled leg has none).
--- @include "ledger-holds"
-- KEYS[8] holds (hash leg -> amount)
-- ARGV[4] leg uuid
-- Returns the amount released (0 when there was no hold).
sweepExpiredHolds()
local held = redis.call('HGET', KEYS[8], ARGV[4])
if not held then
  return 0
end
redis.call('HDEL', KEYS[8], ARGV[4])
redis.call('DECRBY', KEYS[2], held)
return tonumber(held)
