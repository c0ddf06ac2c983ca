-- GraphQL draftOrderCreate with five lines. Target: ≥ 2,000/s on SQLite, ≥ 1,000/s on
-- PostgreSQL, p99 ≤ 20 ms, at 32 connections.
dofile("bench/wrk/common.lua")
dofile("bench/wrk/draft-input.lua")

bench.graphql([[mutation Create($input: DraftOrderInput!) { draftOrderCreate(input: $input) {
  draftOrder { id name totalPriceSet { shopMoney { amount currencyCode } } totalTaxSet { shopMoney { amount } }
    lineItems(first: 5) { nodes { id name quantity } } }
  userErrors { field message } } }]], bench.five_line_input())

function bench.good(status, body) return bench.good_graphql(status, body, true) end
