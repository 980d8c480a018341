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
  -- 20 courts x 16 hours a day (320 slots), counted from today (UTC); thread t has 135 days of
  -- its own from day 20 + (t - 1) * 135, so two threads get 43,200 bookings each before they
  -- could meet, and stay clear of the race's day (300) and callgrind's (306 on), inside the
  -- 365-day window. Hours are 06:00-21:00 New York standard time: in summer time the same
  -- instants are 07:00-22:00, still inside the opening hours.
  local per_day = #courts * 16
  local day = 20 + (tid - 1) * 135 + math.floor(n / per_day)
  local i = n % per_day
  local court = courts[(i % #courts) + 1]
  local hour = 6 + math.floor(i / #courts)
  n = n + 1
  local today = os.time() - os.time() % 86400
  local t = today + day * 86400 + (hour + 5) * 3600
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
