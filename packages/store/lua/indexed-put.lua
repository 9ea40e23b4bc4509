-- Writes a JSON document and adds it to its sorted-set indexes, in one step.
-- KEYS[1] the document   KEYS[2 .. 1+n] the indexes to add it to   KEYS[2+n ..] indexes to remove it from (replace)
-- ARGV[1] JSON   ARGV[2] member (the id)   ARGV[3] score   ARGV[4] 'nx' | 'replace'
-- ARGV[5] the document replace expects to find ('' = none)   ARGV[6] n
-- Returns 1 written, 0 already there (nx), -1 changed since it was read (replace: read again and retry).
local n = tonumber(ARGV[6])
local current = redis.call('GET', KEYS[1])
if ARGV[4] == 'nx' then
  if current then
    return 0
  end
else
  if (current or '') ~= ARGV[5] then
    return -1
  end
  for i = 2 + n, #KEYS do
    redis.call('ZREM', KEYS[i], ARGV[2])
  end
end
redis.call('SET', KEYS[1], ARGV[1])
for i = 2, 1 + n do
  redis.call('ZADD', KEYS[i], ARGV[3], ARGV[2])
end
return 1
