-- Charges one leg exactly once: keyed by the leg uuid's settled marker.
--- @include "ledger-holds"
-- KEYS[8] holds (hash leg -> amount)   KEYS[9] the leg's settled marker   KEYS[10] debits (list, newest first)
-- ARGV[4] leg uuid   ARGV[5] cost (integer >= 0)   ARGV[6] at (ms)   ARGV[7] meta (JSON)   ARGV[8] marker ttl (ms)
-- Returns { charged, balance after, already settled (0|1), conflict (0|1) }; a repeat returns the first result.
sweepExpiredHolds()
local prior = redis.call('GET', KEYS[9])
if prior then
  local charged, balance, conflict = string.match(prior, '^(%-?%d+):(%-?%d+):(%d)$')
  return { tonumber(charged), tonumber(balance), 1, tonumber(conflict) }
end

local cost = tonumber(ARGV[5])
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local held = tonumber(redis.call('HGET', KEYS[8], ARGV[4]) or '0')
if held > 0 then
  redis.call('HDEL', KEYS[8], ARGV[4])
  redis.call('DECRBY', KEYS[2], held)
end

-- Never below zero: a cost beyond the balance is charged only as far as the balance goes.
local charged = math.min(cost, balance)
if charged < 0 then charged = 0 end
local after = balance - charged
if charged > 0 then
  redis.call('DECRBY', KEYS[1], fmt(charged))
end

-- The cap should keep every call within its hold; a cost beyond it is a conflict to watch.
local conflict = 0
if cost > held then
  conflict = 1
  redis.call('HINCRBY', KEYS[7], 'conflicts', 1)
end
redis.call('HINCRBY', KEYS[7], 'settlements', 1)

redis.call('LPUSH', KEYS[10], '{"leg":' .. cjson.encode(ARGV[4])
  .. ',"amount":' .. fmt(charged)
  .. ',"cost":' .. fmt(cost)
  .. ',"held":' .. fmt(held)
  .. ',"at":' .. fmt(tonumber(ARGV[6]))
  .. ',"meta":' .. ARGV[7] .. '}')
redis.call('SET', KEYS[9], string.format('%d:%d:%d', charged, after, conflict), 'PX', ARGV[8])
return { charged, after, 0, conflict }
