-- The five-line draft that create.lua and calculate.lua send: three catalog lines (variants
-- written by `proforma-bench fixtures`), two custom lines, a line and an order discount, a
-- Kentucky shipping address (so taxes apply) and a custom shipping line.
function bench.five_line_input()
  local variants = bench.lines(os.getenv("PROFORMA_BENCH_FIXTURES") .. "/variants.txt")
  local lines = {}
  for i = 1, 3 do
    lines[#lines + 1] = string.format('{"variantId":"%s","quantity":%d}', variants[(i - 1) % #variants + 1], i)
  end
  lines[#lines + 1] = '{"title":"Engraving","originalUnitPrice":"12.50","quantity":2,'
    .. '"appliedDiscount":{"valueType":"PERCENTAGE","value":10,"title":"Loyal customer"}}'
  lines[#lines + 1] = '{"title":"Gift wrap","originalUnitPrice":"4.00","quantity":1,"taxable":false}'
  return '{"input":{"lineItems":[' .. table.concat(lines, ",") .. '],'
    .. '"appliedDiscount":{"valueType":"FIXED_AMOUNT","value":5,"title":"Phone order"},'
    .. '"shippingAddress":{"address1":"1 Main St","city":"Louisville","provinceCode":"KY","countryCode":"US","zip":"40202"},'
    .. '"shippingLine":{"title":"Courier","priceWithCurrency":{"amount":"9.90","currencyCode":"USD"}},'
    .. '"email":"buyer@example.com","tags":["bench"]}}'
end
