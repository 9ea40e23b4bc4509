-- Acknowledges claimed timers whose jobs are queued: each goes, unless its claim lapsed and
-- another run claimed it since (its score is no longer this claim's).
-- KEYS[1] the node's timers (zset)   KEYS[2] the node's timer jobs (hash)
-- ARGV[1] the claim's lease until (ms)   ARGV[2..] timer ids. Returns how many went.
local gone = 0
for i = 2, #ARGV do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) == tonumber(ARGV[1]) then
    redis.call('ZREM', KEYS[1], ARGV[i])
    redis.call('HDEL', KEYS[2], ARGV[i])
    gone = gone + 1
  end
end
return gone
