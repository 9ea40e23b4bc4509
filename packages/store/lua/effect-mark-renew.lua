-- Renews the lease of a marker this run holds. KEYS[1] the forward's document hash; ARGV[1] effect
-- id, ARGV[2] token, ARGV[3] lease ms. Returns 1 when renewed, 0 when the marker is no longer this
-- run's (taken over, done, gone).
local field = 'm:' .. ARGV[1]
local current = redis.call('HGET', KEYS[1], field)
if current == false then return 0 end
local token, windowUntil = string.match(current, '^1:([^:]+):%d+:(%d+)$')
if token ~= ARGV[2] then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', KEYS[1], field, '1:' .. ARGV[2] .. ':' .. (now + tonumber(ARGV[3])) .. ':' .. windowUntil)
return 1
