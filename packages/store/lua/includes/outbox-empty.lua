-- True when the forward document's hash (KEYS[1]) holds no outbox field (`o:<effect id>`); its
-- other fields are the document's own and its effects' markers (`m:<effect id>`).
local function outboxEmpty()
  for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
    if string.sub(field, 1, 2) == 'o:' then return false end
  end
  return true
end
