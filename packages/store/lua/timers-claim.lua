-- Claims the node's due timers for one pump run: each is kept, its score moved to when the claim
-- lapses, until the run acknowledges it (timers-ack.lua) once its job is queued. A run that dies
-- in between leaves it to come due again when the claim lapses: a timer fires at least once (its
-- job id makes a second queueing one job). Due and lapse times are Redis's clock.
-- KEYS[1] the node's timers (zset)   KEYS[2] the node's timer jobs (hash)
-- ARGV[1] at most this many   ARGV[2] the claim's lease (ms)
-- Returns { lease until (ms), id, job, id, job, ... }.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = string.format('%d', now + tonumber(ARGV[2]))
local out = { lease }
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now), 'LIMIT', 0, tonumber(ARGV[1]))
for _, id in ipairs(ids) do
  local job = redis.call('HGET', KEYS[2], id)
  if job then
    redis.call('ZADD', KEYS[1], 'XX', lease, id)
    out[#out + 1] = id
    out[#out + 1] = job
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
