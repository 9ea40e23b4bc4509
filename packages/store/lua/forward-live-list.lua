-- Lists a node's live forwards, soonest expiry first, after dropping those whose document expired.
-- KEYS[1] the node's live set (zset call uuid by when its document expires, ms)
-- ARGV[1] limit (>= 1)
-- Returns { callUuid, expiresAt, ... }.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now))
return redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
