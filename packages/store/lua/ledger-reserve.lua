-- Holds credit for one leg, atomically: only if the available credit covers it, and only once per leg.
-- KEYS[1] balance   KEYS[2] reserved (sum of holds)   KEYS[3] holds (hash leg -> amount)   KEYS[4] the leg's settled marker
-- ARGV[1] leg uuid   ARGV[2] amount (integer > 0)
-- Returns { 'ok', held, idempotent (0|1) } | { 'insufficient_credit', available } | { 'already_settled', 0 }.
local held = redis.call('HGET', KEYS[3], ARGV[1])
if held then
  return { 'ok', tonumber(held), 1 }
end
if redis.call('EXISTS', KEYS[4]) == 1 then
  return { 'already_settled', 0 }
end
local amount = tonumber(ARGV[2])
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local reserved = tonumber(redis.call('GET', KEYS[2]) or '0')
local available = balance - reserved
if available < amount then
  if available < 0 then available = 0 end
  return { 'insufficient_credit', available }
end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
redis.call('INCRBY', KEYS[2], ARGV[2])
return { 'ok', amount, 0 }
