-- Renews (or, with ttl 0, gives up) the lease of the forward's owner.
-- KEYS[1] the forward's hash
-- ARGV[1] owner   ARGV[2] lease ttl (ms)   ARGV[3] state ttl (ms)
-- Returns { 'ok', lease until (ms) } | { reason } with reason not_found | not_owner | done.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local current = redis.call('HMGET', KEYS[1], 'step', 'owner')
if not current[1] then
  return { 'not_found' }
end
if current[1] == 'done' or current[1] == 'settled' then
  return { 'done' }
end
if current[2] ~= ARGV[1] then
  return { 'not_owner' }
end
local leaseUntil = now + tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'leaseUntil', string.format('%d', leaseUntil))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { 'ok', leaseUntil }
