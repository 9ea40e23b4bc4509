-- The marked effect got through: its marker says `done`, keeping its window. Never creates a marker.
-- KEYS[1] the forward's document hash; ARGV[1] effect id. Returns 1 when marked.
local field = 'm:' .. ARGV[1]
local current = redis.call('HGET', KEYS[1], field)
if current == false then return 0 end
local windowUntil = string.match(current, '^1:[^:]+:%d+:(%d+)$')
if windowUntil == nil then return 0 end
redis.call('HSET', KEYS[1], field, 'done:' .. windowUntil)
return 1
