-- GraphQL draftOrderUpdate replacing all 499 lines of a draft. `proforma-bench fixtures` made 64
-- such drafts; each thread cycles over its own half of them, so connections rarely wait on each
-- other's row lock, and quantities alternate so every update changes the draft. Target: p99 ≤ 50 ms.
dofile("bench/wrk/common.lua")

local mutation = [[mutation Update($id: ID!, $input: DraftOrderInput!) { draftOrderUpdate(id: $id, input: $input) {
  draftOrder { id totalPriceSet { shopMoney { amount } } } userErrors { field message } } }]]
bench.graphql(mutation)

local function lines_json(round)
  local lines = {}
  for i = 1, 499 do
    lines[i] = string.format('{"title":"Part %d","originalUnitPrice":"%d.25","quantity":%d%s}', i, 3 + i % 40,
      1 + (i + round) % 3, i % 5 == 0 and ',"appliedDiscount":{"valueType":"PERCENTAGE","value":15}' or "")
  end
  return '"lineItems":[' .. table.concat(lines, ",") .. ']'
end

local bodies = {}
local counter = 0

function init(args)
  local ids = bench.lines(os.getenv("PROFORMA_BENCH_FIXTURES") .. "/drafts-499.txt")
  local half = math.floor(#ids / 2)
  local first = (wrk.thread:get("index") % 2) * half
  local variants = { lines_json(0), lines_json(1) }
  for i = 1, half do
    for round = 1, 2 do
      bodies[#bodies + 1] = bench.graphql_body(mutation, '{"id":"' .. ids[first + i] .. '","input":{' .. variants[round]
        .. ',"appliedDiscount":{"valueType":"PERCENTAGE","value":5},"note":"round ' .. round .. '"}}')
    end
  end
end

function request()
  counter = counter + 1
  -- Consecutive requests go to different drafts; each draft alternates between its two bodies.
  local draft = counter % (#bodies / 2)
  local round = math.floor(counter / (#bodies / 2)) % 2
  return wrk.format(nil, nil, nil, bodies[draft * 2 + round + 1])
end

function bench.good(status, body) return bench.good_graphql(status, body, true) end
