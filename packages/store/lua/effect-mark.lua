-- Takes the at-most-once marker of one effect for one run, with a lease its holder renews while its
-- command is on the way. The marker is a field of the forward's document hash (`m:<effect id>`), so
-- it lives exactly as long as the forward's document.
-- KEYS[1] the forward's document hash; ARGV[1] effect id, ARGV[2] token (unique per run),
-- ARGV[3] window ms (0: once for the forward's life; > 0: once per window), ARGV[4] lease ms,
-- ARGV[5] ttl ms for a hash that does not exist yet (a marker never outlives its document).
-- Values: `1:<token>:<lease until>:<window until or 0>` while a run holds it, `done:<window until or 0>`
-- once its command got through (times in ms). Replies: `first` (ours: none was there, its window
-- is over, or it already holds our token: a retried call whose first reply was lost),
-- `taken_over` (a run held it and its lease ran out: that run died or stopped, and its command may
-- or may not have reached the node), `held` (a live run holds it), `done`.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local field = 'm:' .. ARGV[1]
local lease = tonumber(ARGV[4])
local window = tonumber(ARGV[3])
local function take(windowUntil)
  redis.call('HSET', KEYS[1], field, '1:' .. ARGV[2] .. ':' .. (now + lease) .. ':' .. windowUntil)
  if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
end
local fresh = 0
if window > 0 then fresh = now + window end
local current = redis.call('HGET', KEYS[1], field)
if current == false then take(fresh) return 'first' end
local doneUntil = string.match(current, '^done:(%d+)$')
if doneUntil ~= nil then
  if tonumber(doneUntil) == 0 or tonumber(doneUntil) >= now then return 'done' end
  take(fresh)
  return 'first'
end
local token, leaseUntil, windowUntil = string.match(current, '^1:([^:]+):(%d+):(%d+)$')
if token == nil then take(fresh) return 'taken_over' end
if tonumber(windowUntil) ~= 0 and tonumber(windowUntil) < now then take(fresh) return 'first' end
if token == ARGV[2] then return 'first' end
if tonumber(leaseUntil) >= now then return 'held' end
take(windowUntil)
return 'taken_over'
