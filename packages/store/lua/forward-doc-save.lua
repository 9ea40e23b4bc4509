-- Saves a forward's document by compare-and-set on its version (0 = create only if absent), adds
-- the step's new effects to its outbox (one hash field `o:<effect id>` each, so that clearing one that
-- ran is an HDEL, not a rewrite of the document), and schedules the step's timers (or drops the
-- forward's timers once it is over) in the same write. The hash also holds its effects' at-most-once
-- markers (`m:<effect id>`, effect-mark.lua), which so go with the document.
-- KEYS[1] the document's hash (version, doc, updatedAt, ended, o:<id>..., m:<id>...)   KEYS[2] the node's live set
-- KEYS[3] the node's timers (zset)   KEYS[4] the node's timer jobs (hash)
-- ARGV[1] expected version   ARGV[2] the document (JSON, not interpreted)   ARGV[3] ttl (ms) while live
-- ARGV[4] ended ('1': the forward is over; it leaves the live set once its outbox is empty)
-- ARGV[5] call uuid   ARGV[6] ttl (ms) of an ended forward with nothing left to run
-- ARGV[7] n, then n pairs of effect id, effect (JSON) to add to the outbox;
-- then t, then t triples of timer id, due (ms), job (JSON) to schedule; then d, then d timer ids to drop;
-- then k, then k quadruples of effect id, token, window ms, lease ms: the effect's at-most-once
-- marker (effect-mark.lua) taken for the run with that token, where the effect has none yet.
-- Returns { 'ok', new version, ids of the markers taken... } | { 'conflict', current version (0 = absent) }.
--- @include "outbox-empty"
--- @include "forward-timers"
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current ~= tonumber(ARGV[1]) then
  return { 'conflict', current }
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local version = current + 1
redis.call('HSET', KEYS[1], 'version', string.format('%d', version), 'doc', ARGV[2],
  'updatedAt', string.format('%d', now), 'ended', ARGV[4])
local i = 8
for _ = 1, tonumber(ARGV[7]) do
  redis.call('HSET', KEYS[1], 'o:' .. ARGV[i], ARGV[i + 1])
  i = i + 2
end
local timers = tonumber(ARGV[i])
i = i + 1
for _ = 1, timers do
  addTimer(KEYS[3], KEYS[4], ARGV[i], ARGV[i + 1], ARGV[i + 2])
  i = i + 3
end
local drops = tonumber(ARGV[i])
i = i + 1
for _ = 1, drops do
  dropTimer(KEYS[3], KEYS[4], ARGV[i])
  i = i + 1
end
local reply = { 'ok', version }
local marks = tonumber(ARGV[i] or '0')
i = i + 1
for _ = 1, marks do
  local field = 'm:' .. ARGV[i]
  if redis.call('HEXISTS', KEYS[1], field) == 0 then
    local window = tonumber(ARGV[i + 2])
    local windowUntil = 0
    if window > 0 then windowUntil = now + window end
    redis.call('HSET', KEYS[1], field, '1:' .. ARGV[i + 1] .. ':' .. (now + tonumber(ARGV[i + 3])) .. ':' .. windowUntil)
    reply[#reply + 1] = ARGV[i]
  end
  i = i + 4
end
if ARGV[4] == '1' and outboxEmpty() then
  redis.call('PEXPIRE', KEYS[1], ARGV[6])
  redis.call('ZREM', KEYS[2], ARGV[5])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('ZADD', KEYS[2], string.format('%d', now + tonumber(ARGV[3])), ARGV[5])
end
return reply
