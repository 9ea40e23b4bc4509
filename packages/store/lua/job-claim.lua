-- Claims a forward (one inbound call on one node) for a worker, under a lease.
-- KEYS[1] the forward's hash
-- ARGV[1] owner token   ARGV[2] lease ttl (ms)   ARGV[3] state ttl (ms)
-- Returns { 'created', fields } | { 'resumed', fields } | { 'done' } | { 'held_by_other' }.
-- Time is the Redis server's, so workers' clocks do not matter.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local leaseUntil = string.format('%d', now + tonumber(ARGV[2]))
local nowText = string.format('%d', now)

local current = redis.call('HMGET', KEYS[1], 'step', 'owner', 'leaseUntil')
if not current[1] then
  redis.call('HSET', KEYS[1], 'step', 'claimed', 'owner', ARGV[1], 'leaseUntil', leaseUntil,
    'createdAt', nowText, 'updatedAt', nowText, 'claims', '1')
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return { 'created', redis.call('HGETALL', KEYS[1]) }
end
if current[1] == 'done' or current[1] == 'settled' then
  return { 'done' }
end
if current[2] ~= ARGV[1] then
  if tonumber(current[3] or '0') > now then
    return { 'held_by_other' }
  end
  redis.call('HINCRBY', KEYS[1], 'claims', 1)
end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'leaseUntil', leaseUntil)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { 'resumed', redis.call('HGETALL', KEYS[1]) }
