-- The marked effect got through: its marker says `done`, keeping its window. Never creates a marker.
-- The same round trip takes effects that ran out of the outbox (as forward-doc-clear does): the
-- run's effects done so far, this one included, so a job whose last effect is marked needs no
-- clear of its own.
-- KEYS[1] the forward's document hash   KEYS[2] the node's live set
-- ARGV[1] effect id   ARGV[2] call uuid   ARGV[3] ttl (ms) of an ended forward with nothing left
-- to run   ARGV[4..] effect ids to take out of the outbox (none: the marker only)
-- Returns 1 when marked.
--- @include "outbox-empty"
--- @include "outbox-take"
local field = 'm:' .. ARGV[1]
local current = redis.call('HGET', KEYS[1], field)
local marked = 0
if current ~= false then
  local windowUntil = string.match(current, '^1:[^:]+:%d+:(%d+)$')
  if windowUntil ~= nil then
    redis.call('HSET', KEYS[1], field, 'done:' .. windowUntil)
    marked = 1
  end
end
if #ARGV >= 4 then takeFromOutbox(KEYS[2], ARGV[2], ARGV[3], { unpack(ARGV, 4) }) end
return marked
