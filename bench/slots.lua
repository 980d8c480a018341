-- The slots the booking scenarios take: never the same twice. 20 courts x 16 hours a day
-- (320 slots), counted from today (UTC); wrk thread t has 135 days of its own from day
-- 20 + (t - 1) * 135, so two threads get 43,200 bookings each before they could meet, and stay
-- clear of the race's day (300) and callgrind's (306 on), inside the 365-day window. Hours are
-- 06:00-21:00 New York standard time: in summer time the same instants are 07:00-22:00, still
-- inside the opening hours. `n` counts the slots a thread took; `tid` is the thread's number.
function next_slot(courts)
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
