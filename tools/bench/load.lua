-- The load run of tools/bench/run: wrk sends the query file's lines, in
-- turn, to /api/search of a running `communique serve`, and writes its
-- figures as JSON. wrk keeps its clients' connections open and measures
-- each request from send to last byte.
--
-- env: COMMUNIQUE_LOAD_QUERIES  the query file (one query a line)
--      COMMUNIQUE_LOAD_OUT      where the JSON goes
--      COMMUNIQUE_LOAD_TOKEN    optional bearer token

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("COMMUNIQUE_LOAD_QUERIES")) do
    line = line:gsub("\r$", "")
    if #line > 0 then table.insert(paths, "/api/search?q=" .. encode(line)) end
  end
  if #paths == 0 then error("no queries in " .. os.getenv("COMMUNIQUE_LOAD_QUERIES")) end
  headers = {}
  local token = os.getenv("COMMUNIQUE_LOAD_TOKEN")
  if token and #token > 0 then headers["Authorization"] = "Bearer " .. token end
  next_query = 0
  failed = 0
  answered = 0
  first_failure = ""
end

function request()
  next_query = next_query % #paths + 1
  return wrk.format("GET", paths[next_query], headers)
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 then
    failed = failed + 1
    if first_failure == "" then first_failure = status .. " " .. body:sub(1, 200) end
  end
end

function done(summary, latency, requests)
  local failed_total, answered_total, first = 0, 0, ""
  for _, t in ipairs(threads) do
    failed_total = failed_total + t:get("failed")
    answered_total = answered_total + t:get("answered")
    if first == "" then first = t:get("first_failure") end
  end
  local e = summary.errors
  -- Every latency recorded (microseconds, with its count), so that runs
  -- can be pooled exactly.
  local histogram = {}
  for i = 1, #latency do
    local value, count = latency(i)
    table.insert(histogram, string.format("[%d, %d]", value, count))
  end
  local out = assert(io.open(os.getenv("COMMUNIQUE_LOAD_OUT"), "w"))
  out:write(string.format(
    '{"requests": %d, "answered": %d, "duration_s": %.6f, "failed_status": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_ms": {"mean": %.4f, "p50": %.4f, "p95": %.4f, "p99": %.4f, "max": %.4f}, ' ..
    '"first_failure": "%s", "histogram_us": [%s]}\n',
    summary.requests, answered_total, summary.duration / 1e6, failed_total,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    (first:gsub("[^ -~]", " "):gsub('["\\]', "'")), table.concat(histogram, ", ")))
  out:close()
end
