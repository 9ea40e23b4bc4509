-- Adds a top-up to an account's balance, once per ref.
-- KEYS[1] balance (string)   KEYS[2] topups (hash ref -> "amount:at")
-- ARGV[1] amount (integer > 0, minor units)   ARGV[2] ref   ARGV[3] at (ms)
-- Returns { applied (1 | 0 when the ref was seen before), balance }.
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[1] .. ':' .. ARGV[3]) == 0 then
  return { 0, tonumber(redis.call('GET', KEYS[1]) or '0') }
end
return { 1, redis.call('INCRBY', KEYS[1], ARGV[1]) }
