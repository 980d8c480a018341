-- wrk: hold a free slot, then confirm it, over and over. Slots never repeat: every thread walks
-- its own days, far in the future, on the courts given in COURTS. A wrk thread's connections
-- share one Lua state, so holds waiting for their confirmation queue up here, and the next
-- request of any connection confirms the oldest.
local courts = {}
for id in string.gmatch(os.getenv("COURTS"), "[^,]+") do courts[#courts + 1] = id end
local token = os.getenv("TOKEN")
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

local function slot()
  -- 20 courts x 17 hours a day (340 slots); thread t uses days 30 + t*60 onward.
  local per_day = #courts * 17
  local day = 30 + tid * 60 + math.floor(n / per_day)
  local i = n % per_day
  local court = courts[(i % #courts) + 1]
  local hour = 6 + math.floor(i / #courts)
  n = n + 1
  local t = os.time({year = 2027, month = 1, day = 1, hour = hour + 5, min = 0, sec = 0}) + day * 86400
  return court, os.date("!%Y-%m-%dT%H:%M:%SZ", t), os.date("!%Y-%m-%dT%H:%M:%SZ", t + 3600)
end

function request()
  if #pending > 0 then
    local id = table.remove(pending, 1)
    return wrk.format("POST", "/api/v1/holds/" .. id .. "/confirm", nil, '{"payment":{"method":"offline"}}')
  end
  local court, s, e = slot()
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
