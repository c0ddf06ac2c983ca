-- REST GET draft_orders.json?status=open: the first page (50 drafts, whole objects).
dofile("bench/wrk/common.lua")
bench.rest_get("draft_orders.json?status=open")

function bench.good(status, body) return status == 200 and body:find('"draft_orders":[', 1, true) ~= nil end
