-- Adds a slice of credit to a pending hold and moves its expiry: up to amount, at least the minimum
-- (which may be 0). Idempotent by slice number: a slice at or below the last applied one adds nothing.
--- @include "ledger-holds"
-- ARGV[4] hold id   ARGV[5] slice (>= 1)   ARGV[6] amount (> 0)   ARGV[7] min amount (>= 0, <= amount)
-- ARGV[8] expiresAt (ms)
-- Returns { 'ok', added, held, idempotent (0|1) } | { 'insufficient_credit', available } | { 'resolved' }
-- | { 'unknown_hold' }.
sweepExpiredHolds()
local id = ARGV[4]
local h = readHold(id)
if not h then
  if redis.call('HEXISTS', KEYS[5], id) == 1 then
    return { 'resolved' }
  end
  return { 'unknown_hold' }
end
if h.expiresAt <= now then
  expireHold(id, h)
  return { 'resolved' }
end
local slice = tonumber(ARGV[5])
if slice <= h.lastSlice then
  return { 'ok', 0, h.held, 1 }
end
local expiresAt = tonumber(ARGV[8])
if expiresAt <= now then
  -- Moved to the past: the hold expires now.
  expireHold(id, h)
  return { 'resolved' }
end
local available = availableCredit()
local grant = math.min(tonumber(ARGV[6]), available)
if grant < tonumber(ARGV[7]) then
  return { 'insufficient_credit', available }
end
h.held = h.held + grant
h.expiresAt = expiresAt
h.lastSlice = slice
h.slices = h.slices + 1
writeHold(id, h)
if grant > 0 then
  redis.call('INCRBY', KEYS[2], fmt(grant))
end
return { 'ok', grant, h.held, 0 }
