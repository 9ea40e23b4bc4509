-- Takes effects that ran out of a forward's outbox; a forward that is over and has nothing left to
-- run leaves the node's live set and is kept only for its ended ttl. Never creates the document. No
-- version change: the outbox is not part of the compare-and-set (an effect is taken out only after
-- it ran, whoever saved meanwhile).
-- KEYS[1] the document's hash   KEYS[2] the node's live set   ARGV[1] call uuid
-- ARGV[2] ttl (ms) of an ended forward with nothing left to run   ARGV[3..] effect ids
-- Returns the number of effects taken out.
--- @include "outbox-empty"
local removed = 0
for i = 3, #ARGV do
  removed = removed + redis.call('HDEL', KEYS[1], 'o:' .. ARGV[i])
end
if redis.call('HGET', KEYS[1], 'ended') == '1' and outboxEmpty() then
  redis.call('ZREM', KEYS[2], ARGV[1])
  if removed > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
end
return removed
