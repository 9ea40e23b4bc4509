-- A node's forward timers (`--- @include "forward-timers"`): a zset of timer ids scored by when
-- they are due (ms), and a hash of the job each one becomes once due (timers-claim.lua). Adding an
-- id that is there (due or claimed) changes nothing: scheduling twice makes one timer.
local function addTimer(timersKey, jobsKey, id, at, job)
  if redis.call('ZADD', timersKey, 'NX', at, id) == 1 then
    redis.call('HSET', jobsKey, id, job)
  end
end

local function dropTimer(timersKey, jobsKey, id)
  redis.call('ZREM', timersKey, id)
  redis.call('HDEL', jobsKey, id)
end
