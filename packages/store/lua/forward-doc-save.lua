-- Saves a forward's document by compare-and-set on its version (0 = create only if absent).
-- KEYS[1] the document's hash (version, doc, updatedAt)   KEYS[2] the node's live set (zset call uuid by expiry)
-- ARGV[1] expected version   ARGV[2] the document (JSON, not interpreted)   ARGV[3] ttl (ms)
-- ARGV[4] live ('1' keeps it in the live set, '0' takes it out)   ARGV[5] call uuid
-- Returns { 'ok', new version } | { 'conflict', current version (0 = absent) }.
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current ~= tonumber(ARGV[1]) then
  return { 'conflict', current }
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local version = current + 1
redis.call('HSET', KEYS[1], 'version', string.format('%d', version), 'doc', ARGV[2],
  'updatedAt', string.format('%d', now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[2], string.format('%d', now + tonumber(ARGV[3])), ARGV[5])
else
  redis.call('ZREM', KEYS[2], ARGV[5])
end
return { 'ok', version }
