-- Renews the lease of a marker this run holds. KEYS[1] marker; ARGV[1] token, ARGV[2] lease ms.
-- Returns 1 when renewed, 0 when the marker is no longer this run's (taken over, done, gone).
local current = redis.call('GET', KEYS[1])
if current == false then return 0 end
local token = string.match(current, '^1:([^:]+):%d+$')
if token ~= ARGV[1] then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('SET', KEYS[1], '1:' .. ARGV[1] .. ':' .. (now + tonumber(ARGV[2])), 'KEEPTTL')
return 1
