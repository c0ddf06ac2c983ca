-- A draftOrders search, the first page of 50: PROFORMA_BENCH_SEARCH is the query, e.g.
-- "status:open tag:rush" or "customer_id:42". Target: p99 ≤ 10 ms over 1,000,000 drafts.
dofile("bench/wrk/common.lua")
local query = os.getenv("PROFORMA_BENCH_SEARCH") or error("PROFORMA_BENCH_SEARCH is not set")

bench.graphql([[query Search($query: String!) { draftOrders(first: 50, query: $query) {
  nodes { id name status createdAt totalPriceSet { shopMoney { amount currencyCode } } customer { id displayName } tags }
  pageInfo { hasNextPage endCursor } } }]], '{"query":' .. bench.json_string(query) .. '}')

-- An empty page would measure nothing, so it counts as a failure.
function bench.good(status, body)
  return bench.good_graphql(status, body, false) and body:find('"nodes":[{', 1, true) ~= nil
end
