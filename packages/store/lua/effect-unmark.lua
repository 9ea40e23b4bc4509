-- Gives a marker back when this run holds it (its effect is known not to have happened). A run whose
-- marker was taken over, or whose effect another run got through, deletes nothing.
-- KEYS[1] marker; ARGV[1] token. Returns 1 when given back.
local current = redis.call('GET', KEYS[1])
if current == false then return 0 end
if string.match(current, '^1:([^:]+):%d+$') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
