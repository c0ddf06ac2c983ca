-- GraphQL draftOrderCalculate of the same five-line draft: everything a create does but the write.
dofile("bench/wrk/common.lua")
dofile("bench/wrk/draft-input.lua")

bench.graphql([[mutation Calculate($input: DraftOrderInput!) { draftOrderCalculate(input: $input) {
  calculatedDraftOrder { subtotalPriceSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } }
    totalPriceSet { shopMoney { amount currencyCode } } taxLines { title rate }
    lineItems { name quantity discountedTotalSet { shopMoney { amount } } } }
  userErrors { field message } } }]], bench.five_line_input())

function bench.good(status, body) return bench.good_graphql(status, body, true) end
