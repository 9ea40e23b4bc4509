-- Gives a marker back when this run holds it (its effect is known not to have happened). A run whose
-- marker was taken over, or whose effect another run got through, deletes nothing.
-- KEYS[1] the forward's document hash; ARGV[1] effect id, ARGV[2] token. Returns 1 when given back.
local field = 'm:' .. ARGV[1]
local current = redis.call('HGET', KEYS[1], field)
if current == false then return 0 end
if string.match(current, '^1:([^:]+):%d+:%d+$') ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], field)
return 1
