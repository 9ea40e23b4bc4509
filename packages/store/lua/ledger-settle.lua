-- Charges one leg exactly once: keyed by the leg uuid's settled marker.
-- KEYS[1] balance   KEYS[2] reserved   KEYS[3] holds   KEYS[4] the leg's settled marker
-- KEYS[5] debits (list, newest first)   KEYS[6] stats (hash)
-- ARGV[1] leg uuid   ARGV[2] cost (integer >= 0)   ARGV[3] at (ms)   ARGV[4] meta (JSON)   ARGV[5] marker ttl (ms)
-- Returns { charged, balance after, already settled (0|1), conflict (0|1) }; a repeat returns the first result.
local prior = redis.call('GET', KEYS[4])
if prior then
  local charged, balance, conflict = string.match(prior, '^(%-?%d+):(%-?%d+):(%d)$')
  return { tonumber(charged), tonumber(balance), 1, tonumber(conflict) }
end

local cost = tonumber(ARGV[2])
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if held > 0 then
  redis.call('HDEL', KEYS[3], ARGV[1])
  redis.call('DECRBY', KEYS[2], held)
end

-- Never below zero: a cost beyond the balance is charged only as far as the balance goes.
local charged = math.min(cost, balance)
if charged < 0 then charged = 0 end
local after = balance - charged
if charged > 0 then
  redis.call('DECRBY', KEYS[1], string.format('%d', charged))
end

-- The cap should keep every call within its hold; a cost beyond it is a conflict to watch.
local conflict = 0
if cost > held then
  conflict = 1
  redis.call('HINCRBY', KEYS[6], 'conflicts', 1)
end
redis.call('HINCRBY', KEYS[6], 'settlements', 1)

redis.call('LPUSH', KEYS[5], '{"leg":' .. cjson.encode(ARGV[1])
  .. ',"amount":' .. string.format('%d', charged)
  .. ',"cost":' .. string.format('%d', cost)
  .. ',"held":' .. string.format('%d', held)
  .. ',"at":' .. string.format('%d', tonumber(ARGV[3]))
  .. ',"meta":' .. ARGV[4] .. '}')
redis.call('SET', KEYS[4], string.format('%d:%d:%d', charged, after, conflict), 'PX', ARGV[5])
return { charged, after, 0, conflict }
