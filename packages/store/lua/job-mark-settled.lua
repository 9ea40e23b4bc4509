-- Marks a forward settled after its leg was charged; needs no lease (the settle job is another job).
-- KEYS[1] the forward's hash
-- ARGV[1] state ttl (ms)   ARGV[2..] patch field, value, ...
-- Returns { 'ok', fields } | { 'already_settled', fields } | { 'not_found' }.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local step = redis.call('HGET', KEYS[1], 'step')
if not step then
  return { 'not_found' }
end
if step == 'settled' then
  return { 'already_settled', redis.call('HGETALL', KEYS[1]) }
end
redis.call('HSET', KEYS[1], 'step', 'settled', 'updatedAt', string.format('%d', now))
for i = 2, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return { 'ok', redis.call('HGETALL', KEYS[1]) }
