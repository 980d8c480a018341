-- wrk: hold a free slot, then confirm it, over and over. Slots never repeat: every thread walks
-- its own days, far in the future, on the courts given in COURTS. A wrk thread's connections
-- share one Lua state, so holds waiting for their confirmation queue up here, and the next
-- request of any connection confirms the oldest.
local courts = {}
for id in string.gmatch(os.getenv("COURTS"), "[^,]+") do courts[#courts + 1] = id end
local token = os.getenv("TOKEN")
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
  pending = {}
  confirmed = 0
  refused = 0
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end


function request()
  if #pending > 0 then
    local id = table.remove(pending, 1)
    return wrk.format("POST", "/api/v1/holds/" .. id .. "/confirm", nil, '{"payment":{"method":"offline"}}')
  end
  local court, s, e = next_slot(courts)
  return wrk.format("POST", "/api/v1/holds", nil,
    '{"resource_id":"' .. court .. '","start":"' .. s .. '","end":"' .. e .. '"}')
end

function response(status, headers, body)
  if status == 201 and string.find(body, '"expires_at"') then
    pending[#pending + 1] = string.match(body, '"id":"(hld_[a-z0-9]+)"')
  elseif status == 201 then
    confirmed = confirmed + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + t:get("confirmed")
    bad = bad + t:get("refused")
  end
  io.write(string.format("BOOKINGS_CONFIRMED=%d\nREFUSED=%d\n", ok, bad))
end
