-- Posts a hold exactly once: debits min(cost, balance) and returns the rest of the hold. A call that
-- happened is charged even when its hold expired, was voided or never existed (counted as
-- post_without_hold); a cost beyond a pending hold is debited too and counted as a conflict.
--- @include "ledger-holds"
-- KEYS[8] debits (list, newest first)
-- ARGV[4] hold id   ARGV[5] cost (>= 0)   ARGV[6] at (ms, for the debit log)   ARGV[7] meta (JSON)
-- ARGV[8] debits kept (optional, > 0): the debit log is trimmed to the newest ones (with PostgreSQL
-- the journal there is the record; the log in Redis is only a recent view).
-- Returns { charged, balance after, held, already posted (0|1), conflict (0|1), without hold (0|1) };
-- a repeat returns the first result.
sweepExpiredHolds()
local id = ARGV[4]
local prior = redis.call('HGET', KEYS[5], id)
if prior then
  local charged, balance, held, conflict, without =
    string.match(prior, '^posted:(%-?%d+):(%-?%d+):(%d+):(%d):(%d)$')
  if charged then
    return { tonumber(charged), tonumber(balance), tonumber(held), 1, tonumber(conflict), tonumber(without) }
  end
end

local h = readHold(id)
if h and h.expiresAt <= now then
  expireHold(id, h)
  h = nil
end
local held, without = 0, 1
if h then
  held, without = h.held, 0
  dropHold(id, held)
end

-- Never below zero: a cost beyond the balance is charged only as far as the balance goes.
local cost = tonumber(ARGV[5])
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local charged = math.min(cost, balance)
if charged < 0 then
  charged = 0
end
local after = balance - charged
if charged > 0 then
  redis.call('DECRBY', KEYS[1], fmt(charged))
end

local conflict = 0
if without == 1 then
  redis.call('HINCRBY', KEYS[7], 'post_without_hold', 1)
elseif cost > held then
  conflict = 1
  redis.call('HINCRBY', KEYS[7], 'conflicts', 1)
end
redis.call('HINCRBY', KEYS[7], 'posts', 1)

redis.call('LPUSH', KEYS[8], '{"leg":' .. cjson.encode(id)
  .. ',"amount":' .. fmt(charged)
  .. ',"cost":' .. fmt(cost)
  .. ',"held":' .. fmt(held)
  .. ',"at":' .. fmt(tonumber(ARGV[6]))
  .. ',"meta":' .. ARGV[7] .. '}')
if ARGV[8] and tonumber(ARGV[8]) > 0 then
  redis.call('LTRIM', KEYS[8], 0, tonumber(ARGV[8]) - 1)
end
resolveHold(id, 'posted:' .. fmt(charged) .. ':' .. fmt(after) .. ':' .. fmt(held) .. ':' .. conflict .. ':' .. without)
return { charged, after, held, 0, conflict, without }
