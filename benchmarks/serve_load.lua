-- wrk script for benchmarks/serve_load.py: each connection asks for the paths of a file in turn
-- (one request path a line; each thread starts at its own place in the list, so no two threads
-- ask for the same resource at once), with an Accept header, and the run ends with one line of
-- figures for the Python side to read.
--
-- wrk -s serve_load.lua URL -- PATHS_FILE THREADS [ACCEPT]

local counter = 0

function setup(thread)
  thread:set("number", counter)
  counter = counter + 1
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(paths, line) end
  end
  local total = tonumber(args[2])
  index = math.floor(#paths * number / total)
  headers = {}
  if args[3] ~= nil and args[3] ~= "" then headers["Accept"] = args[3] end
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index], headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d " ..
    "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
