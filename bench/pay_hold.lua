-- wrk: hold a free slot, start paying for it, pay with the sandbox's 4242 card, over and over:
-- three requests per booking, as the player app makes them. Slots never repeat (bench/slots.lua),
-- on the paid club's courts (PAY_COURTS). Work waiting for its next step queues in the thread's
-- Lua state; the next request takes the oldest step first.
local courts = {}
for id in string.gmatch(os.getenv("PAY_COURTS"), "[^,]+") do courts[#courts + 1] = id end
local token = os.getenv("TOKEN")
local method = os.getenv("PAYMENT_METHOD")
dofile("bench/slots.lua")
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  holds = {}
  intents = {}
  paid = 0
  refused = 0
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end


function request()
  if #intents > 0 then
    local id = table.remove(intents, 1)
    return wrk.format("POST", "/api/v1/payment-intents/" .. id .. "/confirm", nil,
      '{"payment_method":"' .. method .. '"}')
  end
  if #holds > 0 then
    local id = table.remove(holds, 1)
    return wrk.format("POST", "/api/v1/payment-intents", nil, '{"hold_id":"' .. id .. '"}')
  end
  local court, s, e = next_slot(courts)
  return wrk.format("POST", "/api/v1/holds", nil,
    '{"resource_id":"' .. court .. '","start":"' .. s .. '","end":"' .. e .. '"}')
end

function response(status, headers, body)
  if status == 201 and string.find(body, '"client_secret"') then
    intents[#intents + 1] = string.match(body, '"id":"(pit_[a-z0-9]+)"')
  elseif status == 201 and string.find(body, '"expires_at"') then
    holds[#holds + 1] = string.match(body, '"id":"(hld_[a-z0-9]+)"')
  elseif status == 200 and string.find(body, '"succeeded"') then
    paid = paid + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + t:get("paid")
    bad = bad + t:get("refused")
  end
  io.write(string.format("BOOKINGS_PAID=%d\nREFUSED=%d\n", ok, bad))
end
