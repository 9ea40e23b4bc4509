-- Voids a hold: releases it with no debit, once. A void of an unknown id is recorded too, so a late
-- hold with that id is refused ('resolved') instead of holding credit until it expires.
--- @include "ledger-holds"
-- ARGV[4] hold id
-- Returns { 'voided', released } | { 'already', 'posted' | 'voided' | 'expired' }.
sweepExpiredHolds()
local id = ARGV[4]
local prior = redis.call('HGET', KEYS[5], id)
if prior then
  return { 'already', string.match(prior, '^(%a+):') }
end
local h = readHold(id)
if h and h.expiresAt <= now then
  expireHold(id, h)
  return { 'already', 'expired' }
end
local released = 0
if h then
  released = h.held
  dropHold(id, released)
end
resolveHold(id, 'voided:' .. fmt(released))
return { 'voided', released }
