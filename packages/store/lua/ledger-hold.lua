-- Opens a two-phase hold (a pending transfer): min(amount, available) if that is at least the minimum.
-- The id is the client's: the same id again is the same transfer (the first result, nothing held twice).
--- @include "ledger-holds"
-- ARGV[4] hold id   ARGV[5] amount (> 0)   ARGV[6] min amount (> 0, <= amount)   ARGV[7] expiresAt (ms)
-- KEYS[8] the account's slots (zset call -> slot expiry)   ARGV[8] the call ('' = no slot)
-- ARGV[9] the account's concurrent-forward limit   ARGV[10] the slot's expiry (ms)
-- Returns { 'ok', held, idempotent (0|1) } | { 'insufficient_credit', available }
--   | { 'limit_reached', slots in use } | { 'resolved' }.
sweepExpiredHolds()
local id = ARGV[4]
local h = readHold(id)
if h then
  if h.expiresAt > now then
    return { 'ok', h.first, 1 }
  end
  expireHold(id, h)
  return { 'resolved' }
end
if redis.call('HEXISTS', KEYS[5], id) == 1 then
  return { 'resolved' }
end
local expiresAt = tonumber(ARGV[7])
if expiresAt <= now then
  -- Born expired (a stale request): resolved by its timeout, nothing held.
  resolveHold(id, 'expired:0')
  return { 'resolved' }
end
-- Rule 11: a slot per call (its legs share it), taken with the credit or not at all.
local slotCall = ARGV[8]
local slotLimit = tonumber(ARGV[9]) or 0
local slotted = slotCall ~= nil and slotCall ~= '' and slotLimit > 0
if slotted then
  redis.call('ZREMRANGEBYSCORE', KEYS[8], '-inf', fmt(now))
  if not redis.call('ZSCORE', KEYS[8], slotCall) then
    local inUse = redis.call('ZCARD', KEYS[8])
    if inUse >= slotLimit then
      return { 'limit_reached', inUse }
    end
  end
end
local available = availableCredit()
local grant = math.min(tonumber(ARGV[5]), available)
if grant < tonumber(ARGV[6]) then
  return { 'insufficient_credit', available }
end
writeHold(id, { held = grant, expiresAt = expiresAt, lastSlice = 0, slices = 1, first = grant })
redis.call('INCRBY', KEYS[2], fmt(grant))
if slotted then
  local slotUntil = tonumber(ARGV[10])
  local current = redis.call('ZSCORE', KEYS[8], slotCall)
  if (not current) or tonumber(current) < slotUntil then
    redis.call('ZADD', KEYS[8], fmt(slotUntil), slotCall)
  end
end
return { 'ok', grant, 0 }
