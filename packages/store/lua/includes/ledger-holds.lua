-- Shared by every ledger script (`--- @include "ledger-holds"` at its top): the account's
-- two-phase holds, and the sweep that releases the expired ones before the script does anything.
-- Every ledger script starts with the same keys and arguments (its own come after them):
-- KEYS[1] balance   KEYS[2] reserved (sum of the pending holds)
-- KEYS[3] pending holds (hash id -> held:expiresAt:lastSlice:slices:firstHeld)   KEYS[4] hold expiry (zset id by expiresAt)
-- KEYS[5] resolved holds (hash id -> posted:... | voided:<released> | expired:<released>)
-- KEYS[6] resolved-at (zset id by when it resolved)   KEYS[7] stats (hash)
-- ARGV[1] now (ms, the caller's clock)   ARGV[2] how long resolutions are kept (ms)   ARGV[3] sweep limit (per call)
-- A hold whose expiresAt is not after now is expired.
local now = tonumber(ARGV[1])

local function fmt(n)
  return string.format('%d', n)
end

local function readHold(id)
  local text = redis.call('HGET', KEYS[3], id)
  if not text then
    return nil
  end
  local held, expiresAt, lastSlice, slices, first = string.match(text, '^(%d+):(%d+):(%d+):(%d+):(%d+)$')
  return {
    held = tonumber(held),
    expiresAt = tonumber(expiresAt),
    lastSlice = tonumber(lastSlice),
    slices = tonumber(slices),
    first = tonumber(first),
  }
end

local function writeHold(id, h)
  redis.call('HSET', KEYS[3], id,
    fmt(h.held) .. ':' .. fmt(h.expiresAt) .. ':' .. fmt(h.lastSlice) .. ':' .. fmt(h.slices) .. ':' .. fmt(h.first))
  redis.call('ZADD', KEYS[4], fmt(h.expiresAt), id)
end

local function resolveHold(id, how)
  redis.call('HSET', KEYS[5], id, how)
  redis.call('ZADD', KEYS[6], ARGV[1], id)
end

-- Drops a pending hold and returns its amount to the available credit.
local function dropHold(id, held)
  redis.call('HDEL', KEYS[3], id)
  redis.call('ZREM', KEYS[4], id)
  if held > 0 then
    redis.call('DECRBY', KEYS[2], fmt(held))
  end
end

local function expireHold(id, h)
  dropHold(id, h.held)
  resolveHold(id, 'expired:' .. fmt(h.held))
  redis.call('HINCRBY', KEYS[7], 'expired', 1)
end

-- Releases expired holds (at most ARGV[3]) and forgets resolutions older than the retention (as many).
-- Returns the number expired, what they released, and 1 when a limit was reached (more may be due).
local function sweepExpiredHolds()
  local limit = tonumber(ARGV[3])
  local ids = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', ARGV[1], 'LIMIT', 0, limit)
  local expired, released = 0, 0
  for _, id in ipairs(ids) do
    local h = readHold(id)
    if h then
      expireHold(id, h)
      expired = expired + 1
      released = released + h.held
    else
      redis.call('ZREM', KEYS[4], id)
    end
  end
  local old = redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', fmt(now - tonumber(ARGV[2])), 'LIMIT', 0, limit)
  for _, id in ipairs(old) do
    redis.call('HDEL', KEYS[5], id)
    redis.call('ZREM', KEYS[6], id)
  end
  local more = 0
  if #ids >= limit or #old >= limit then
    more = 1
  end
  return expired, released, more
end

-- balance - reserved, floored at zero; and the two read.
local function availableCredit()
  local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
  local reserved = tonumber(redis.call('GET', KEYS[2]) or '0')
  local available = balance - reserved
  if available < 0 then
    available = 0
  end
  return available, balance, reserved
end
