-- Compare-and-set of a forward's step: only the lease owner, within its lease, only from the expected step.
-- KEYS[1] the forward's hash
-- ARGV[1] owner   ARGV[2] expected step   ARGV[3] next step   ARGV[4] state ttl (ms)   ARGV[5..] patch field, value, ...
-- Returns { 'ok', fields } | { reason, current step } with reason not_found | not_owner | lease_expired | wrong_step.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local current = redis.call('HMGET', KEYS[1], 'step', 'owner', 'leaseUntil')
if not current[1] then
  return { 'not_found', '' }
end
if current[2] ~= ARGV[1] then
  return { 'not_owner', current[1] }
end
if tonumber(current[3] or '0') <= now then
  return { 'lease_expired', current[1] }
end
if current[1] ~= ARGV[2] then
  return { 'wrong_step', current[1] }
end
redis.call('HSET', KEYS[1], 'step', ARGV[3], 'updatedAt', string.format('%d', now))
for i = 5, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return { 'ok', redis.call('HGETALL', KEYS[1]) }
