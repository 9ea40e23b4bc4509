-- Takes effects that ran out of a forward's outbox (HDEL of `o:<id>` in KEYS[1]); a forward that is
-- over and has nothing left to run leaves the node's live set (`live`) and is kept only for its
-- ended ttl. Never creates the document. Returns the number of effects taken out. Needs the
-- outbox-empty include before it (includes include nothing).
local function takeFromOutbox(live, callUuid, endedTtlMs, ids)
  local removed = 0
  for _, id in ipairs(ids) do
    removed = removed + redis.call('HDEL', KEYS[1], 'o:' .. id)
  end
  if redis.call('HGET', KEYS[1], 'ended') == '1' and outboxEmpty() then
    redis.call('ZREM', live, callUuid)
    if removed > 0 then redis.call('PEXPIRE', KEYS[1], endedTtlMs) end
  end
  return removed
end
