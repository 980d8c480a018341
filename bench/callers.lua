-- wrk: GET the path given on the command line as a different signed-in caller each request, from
-- the tokens in CALLERS_FILE (one a line, as bench/callers.py writes them). Each thread starts at
-- its own place in the list, so the threads do not ask as the same caller at the same time.
local tokens = {}
for line in io.lines(os.getenv("CALLERS_FILE")) do
  if #line > 0 then tokens[#tokens + 1] = line end
end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  n = (tid - 1) * math.floor(#tokens / 2)
end

function request()
  n = n + 1
  local token = tokens[(n % #tokens) + 1]
  return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. token})
end
