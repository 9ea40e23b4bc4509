-- Takes the at-most-once marker of one effect for one run, with a lease its holder renews while
-- its command is on the way. KEYS[1] marker; ARGV[1] token (unique per run), ARGV[2] ttl ms (how
-- long the marker lives), ARGV[3] lease ms.
-- A marker is `1:<token>:<lease until, ms>` while a run holds it and `done` once its command got
-- through. Replies: `first` (ours: none was there, or it already holds our token: a retried call
-- whose first reply was lost), `taken_over` (a run held it and its lease ran out: that run died or
-- stopped, and its command may or may not have reached the node), `held` (a live run holds it),
-- `done`.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local mine = '1:' .. ARGV[1] .. ':' .. (now + tonumber(ARGV[3]))
if redis.call('SET', KEYS[1], mine, 'PX', ARGV[2], 'NX') then return 'first' end
local current = redis.call('GET', KEYS[1])
if current == 'done' then return 'done' end
local token, untilMs = string.match(current, '^1:([^:]+):(%d+)$')
if token == ARGV[1] then return 'first' end
if untilMs ~= nil and tonumber(untilMs) >= now then return 'held' end
-- A lapsed lease (or a marker of the old form, without one): this run takes it, the ttl unchanged.
redis.call('SET', KEYS[1], mine, 'KEEPTTL')
return 'taken_over'
