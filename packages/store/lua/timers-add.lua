-- Schedules timers outside a document save (an outbox entry of an older worker's step).
-- KEYS[1] the node's timers (zset)   KEYS[2] the node's timer jobs (hash)
-- ARGV: triples of timer id, due (ms), job (JSON). Returns the number of timers given.
--- @include "forward-timers"
for i = 1, #ARGV, 3 do
  addTimer(KEYS[1], KEYS[2], ARGV[i], ARGV[i + 1], ARGV[i + 2])
end
return #ARGV / 3
