-- Shared by the wrk scripts: the Admin API's address and token, JSON quoting, a check of every
-- answer, and one machine-readable result line. A request that fails (a status other than 200,
-- GraphQL errors, userErrors) is counted and reported, so errors never pass for throughput.

local token = os.getenv("PROFORMA_BENCH_TOKEN") or error("PROFORMA_BENCH_TOKEN is not set")
local api_version = "2025-10"

bench = {}

function bench.json_string(text)
  local escaped = text:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" elseif c == "\n" then return "\\n" end
    return string.format("\\u%04x", c:byte())
  end)
  return '"' .. escaped .. '"'
end

function bench.graphql_body(query, variables_json)
  return '{"query":' .. bench.json_string(query) .. ',"variables":' .. (variables_json or "{}") .. '}'
end

-- The request every connection sends, unless the script defines request().
function bench.graphql(query, variables_json)
  wrk.method = "POST"
  wrk.path = "/admin/api/" .. api_version .. "/graphql.json"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Shopify-Access-Token"] = token
  wrk.body = bench.graphql_body(query, variables_json)
end

function bench.rest_get(path)
  wrk.method = "GET"
  wrk.path = "/admin/api/" .. api_version .. "/" .. path
  wrk.headers["X-Shopify-Access-Token"] = token
end

-- Reads the lines of a file written by `proforma-bench fixtures`.
function bench.lines(path)
  local lines = {}
  for line in io.lines(path) do if line ~= "" then lines[#lines + 1] = line end end
  if #lines == 0 then error(path .. " is empty") end
  return lines
end

-- A GraphQL answer is good when it has no top-level errors and, for a mutation, empty userErrors.
function bench.good_graphql(status, body, mutation)
  if status ~= 200 or body:find('"errors":', 1, true) then return false end
  return not mutation or body:find('"userErrors":[]', 1, true) ~= nil
end

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  threads[#threads + 1] = thread
end

-- Each script sets bench.good(status, body).
failures = 0
first_failure = nil

function response(status, headers, body)
  if not bench.good(status, body) then
    failures = failures + 1
    if not first_failure then first_failure = status .. " " .. body:sub(1, 300) end
  end
end

function done(summary, latency, requests)
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local sample = nil
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    sample = sample or thread:get("first_failure")
  end
  io.write(string.format("RESULT requests=%d per_second=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f failures=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, failed))
  if sample then io.write("FIRST FAILURE " .. sample .. "\n") end
end
