-- Releases one leg's hold, if it still has one (idempotent; a settled leg has none).
-- KEYS[1] reserved (sum of holds)   KEYS[2] holds (hash leg -> amount)
-- ARGV[1] leg uuid
-- Returns the amount released (0 when there was no hold).
local held = redis.call('HGET', KEYS[2], ARGV[1])
if not held then
  return 0
end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('DECRBY', KEYS[1], held)
return tonumber(held)
