"""The same lifecycle through GraphQL, with the client's `shopify.GraphQL().execute(...)` (which
returns the answer as a JSON string): look-ups, draftOrderCreate / Update / InvoiceSend / Complete
/ Delete, draftOrder(s), draftOrdersCount, orders; Shopify's recorded numbers and userErrors; and
agreement with the REST view of the same drafts."""
from decimal import Decimal

import pytest
import shopify

from .support import ONTARIO_ADDRESS, gql_money, kentucky_customer, totals, unique_email

DRAFT = """
  id legacyResourceId name status email note2 tags invoiceUrl invoiceSentAt completedAt createdAt updatedAt
  currencyCode presentmentCurrencyCode taxesIncluded
  customer { id email }
  shippingAddress { address1 city zip provinceCode countryCodeV2 }
  billingAddress { provinceCode countryCodeV2 }
  appliedDiscount { title description value valueType amountSet { shopMoney { amount currencyCode } presentmentMoney { amount } } }
  shippingLine { title originalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount } } }
  lineItemsSubtotalPrice { shopMoney { amount currencyCode } presentmentMoney { amount } }
  subtotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount } }
  totalLineItemsPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount } }
  totalDiscountsSet { shopMoney { amount currencyCode } presentmentMoney { amount } }
  totalShippingPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount } }
  totalTaxSet { shopMoney { amount currencyCode } presentmentMoney { amount } }
  totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount } }
  taxLines { title rate ratePercentage priceSet { shopMoney { amount currencyCode } presentmentMoney { amount } } }
  order { id legacyResourceId name displayFinancialStatus totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount } } }
  lineItems(first: 20) { nodes {
    id title quantity custom sku variant { id }
    originalUnitPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount } }
    originalTotalSet { shopMoney { amount currencyCode } presentmentMoney { amount } }
    discountedTotalSet { shopMoney { amount currencyCode } presentmentMoney { amount } }
    appliedDiscount { valueType value amountSet { shopMoney { amount currencyCode } presentmentMoney { amount } } }
    taxLines { title rate priceSet { shopMoney { amount currencyCode } presentmentMoney { amount } } }
  } }
"""

CREATE = """mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) {
  draftOrder { %s } userErrors { field message } } }""" % DRAFT
UPDATE = """mutation($id: ID!, $input: DraftOrderInput!) { draftOrderUpdate(id: $id, input: $input) {
  draftOrder { %s } userErrors { field message } } }""" % DRAFT
READ = "query($id: ID!) { draftOrder(id: $id) { %s } }" % DRAFT
SEND = """mutation($id: ID!, $email: EmailInput) { draftOrderInvoiceSend(id: $id, email: $email) {
  draftOrder { id status invoiceSentAt } userErrors { field message } } }"""
COMPLETE = """mutation($id: ID!, $paymentPending: Boolean, $paymentGatewayId: ID) {
  draftOrderComplete(id: $id, paymentPending: $paymentPending, paymentGatewayId: $paymentGatewayId) {
  draftOrder { %s } userErrors { field message } } }""" % DRAFT
DELETE = """mutation($input: DraftOrderDeleteInput!) { draftOrderDelete(input: $input) {
  deletedId userErrors { field message } } }"""
LIST = """query($query: String, $first: Int, $after: String) {
  draftOrders(first: $first, after: $after, query: $query) { nodes { id name status } pageInfo { hasNextPage endCursor } }
  draftOrdersCount(query: $query) { count precision } }"""


def money(draft, field):
    return gql_money(draft[field])


def taxes(tax_lines):
    return sorted((Decimal(str(line["rate"])), gql_money(line["priceSet"])) for line in tax_lines)


def create(gql, **fields):
    return gql.mutate(CREATE, "draftOrderCreate", input=fields)["draftOrder"]


def lookups(gql, sku, email):
    data = gql.query("""query($sku: String, $email: String) {
        productVariants(first: 1, query: $sku) { nodes { id sku price product { title } } }
        customers(first: 1, query: $email) { nodes { id email defaultAddress { provinceCode countryCodeV2 } } } }""",
                     sku=f"sku:{sku}", email=f"email:{email}")
    [found_variant] = data["productVariants"]["nodes"]
    [found_customer] = data["customers"]["nodes"]
    return found_variant, found_customer


def test_graphql_draft_lifecycle(gql, boots):
    shop_variant, customer = lookups(gql, "BT-SUM-8", "bob.norman@example.com")
    assert (shop_variant["id"], shop_variant["sku"], Decimal(shop_variant["price"])) == (boots.gid, "BT-SUM-8", Decimal("199.00"))
    assert customer["defaultAddress"]["provinceCode"] == "KY"

    created = create(gql, customerId=customer["id"], useCustomerDefaultAddress=True, note="compat: GraphQL",
                     tags=["compat", "graphql"],
                     lineItems=[{"variantId": boots.gid, "quantity": 1},
                                {"title": "Custom Tee", "originalUnitPrice": "20.00", "quantity": 2,
                                 "appliedDiscount": {"valueType": "PERCENTAGE", "value": 10.0, "title": "Line"}}],
                     appliedDiscount={"valueType": "FIXED_AMOUNT", "value": 5.0, "title": "Order", "description": "Loyal"},
                     shippingLine={"title": "UPS Ground", "price": "12.25"})
    assert created["status"] == "OPEN"
    assert created["name"].startswith("#D")
    assert created["id"] == f"gid://shopify/DraftOrder/{created['legacyResourceId']}"
    assert created["customer"] == {"id": customer["id"], "email": "bob.norman@example.com"}
    assert created["email"] == "bob.norman@example.com"
    assert (created["shippingAddress"]["provinceCode"], created["billingAddress"]["provinceCode"]) == ("KY", "KY")
    assert sorted(created["tags"]) == ["compat", "graphql"]
    assert created["note2"] == "compat: GraphQL"
    variant_line, tee = created["lineItems"]["nodes"]
    assert (variant_line["variant"]["id"], variant_line["custom"], variant_line["title"]) == (boots.gid, False,
                                                                                             "Summit Snowboard Boots")
    assert (tee["custom"], tee["quantity"], gql_money(tee["originalTotalSet"])) == (True, 2, Decimal("40.00"))
    assert gql_money(tee["appliedDiscount"]["amountSet"]) == Decimal("4.00")
    assert gql_money(tee["discountedTotalSet"]) == Decimal("36.00")
    # 199 + 36 = 235; − 5 = 230; 6 % = 13.80; + 12.25 = 256.05.
    assert money(created, "totalLineItemsPriceSet") == Decimal("239.00")
    assert money(created, "lineItemsSubtotalPrice") == Decimal("235.00")
    assert money(created, "subtotalPriceSet") == Decimal("230.00")
    assert money(created, "totalDiscountsSet") == Decimal("9.00")
    assert money(created, "totalShippingPriceSet") == Decimal("12.25")
    assert money(created, "totalTaxSet") == Decimal("13.80")
    assert money(created, "totalPriceSet") == Decimal("256.05")
    assert taxes(created["taxLines"]) == [(Decimal("0.06"), Decimal("13.80"))]

    # REST shows the same draft with the same numbers.
    rest = shopify.DraftOrder.find(int(created["legacyResourceId"]))
    assert rest.name == created["name"]
    assert totals(rest) == {"subtotal_price": "230.00", "total_tax": "13.80", "total_price": "256.05"}

    # Update: only what is given changes.
    updated = gql.mutate(UPDATE, "draftOrderUpdate", id=created["id"], input={"note": "updated"})["draftOrder"]
    assert updated["note2"] == "updated"
    assert money(updated, "totalPriceSet") == Decimal("256.05")
    assert updated["shippingLine"]["title"] == "UPS Ground"
    updated = gql.mutate(UPDATE, "draftOrderUpdate", id=created["id"], input={
        "lineItems": [{"variantId": boots.gid, "quantity": 2}], "appliedDiscount": None})["draftOrder"]
    # 398.00, 6 % = 23.88, + 12.25 = 434.13.
    assert [(line["quantity"], line["custom"]) for line in updated["lineItems"]["nodes"]] == [(2, False)]
    assert updated["appliedDiscount"] is None
    assert (money(updated, "subtotalPriceSet"), money(updated, "totalTaxSet"), money(updated, "totalPriceSet")) == (
        Decimal("398.00"), Decimal("23.88"), Decimal("434.13"))
    assert gql.query(READ, id=created["id"])["draftOrder"]["updatedAt"] >= created["updatedAt"]

    # Invoice.
    sent = gql.mutate(SEND, "draftOrderInvoiceSend", id=created["id"],
                      email={"to": "buyer@example.com", "subject": "Your quote", "customMessage": "Thanks!"})
    assert sent["draftOrder"]["status"] == "INVOICE_SENT" and sent["draftOrder"]["invoiceSentAt"]
    assert shopify.DraftOrder.find(int(created["legacyResourceId"])).status == "invoice_sent"

    # Listing and counting with a search query.
    listed = gql.query(LIST, query=f"id:{created['legacyResourceId']}", first=5)
    assert [node["id"] for node in listed["draftOrders"]["nodes"]] == [created["id"]]
    assert listed["draftOrdersCount"] == {"count": 1, "precision": "EXACT"}
    mine = f"id:{created['legacyResourceId']}"
    assert [node["id"] for node in gql.query(LIST, query=f"status:invoice_sent {mine}", first=5)["draftOrders"]["nodes"]] \
        == [created["id"]]
    assert gql.query(LIST, query=f"status:open {mine}", first=5)["draftOrders"]["nodes"] == []
    invoiced = gql.query(LIST, query="status:invoice_sent", first=1)
    assert invoiced["draftOrdersCount"]["count"] == shopify.DraftOrder.count(status="invoice_sent")

    # Complete: marked as paid.
    completed = gql.mutate(COMPLETE, "draftOrderComplete", id=created["id"])["draftOrder"]
    assert completed["status"] == "COMPLETED" and completed["completedAt"]
    order = completed["order"]
    assert order["displayFinancialStatus"] == "PAID"
    assert gql_money(order["totalPriceSet"]) == Decimal("434.13")
    rest = shopify.DraftOrder.find(int(created["legacyResourceId"]))
    assert (rest.status, rest.order_id) == ("completed", int(order["legacyResourceId"]))
    assert shopify.Order.find(rest.order_id).financial_status == "paid"
    orders = gql.query("query($q: String) { orders(first: 5, query: $q) { nodes { id name displayFinancialStatus } } }",
                       q=f"id:{order['legacyResourceId']}")
    assert orders["orders"]["nodes"] == [{"id": order["id"], "name": order["name"], "displayFinancialStatus": "PAID"}]

    # A completed draft can no longer be edited.
    refused = gql.query(UPDATE, id=created["id"], input={"note": "too late"})["draftOrderUpdate"]
    assert refused["draftOrder"] is None and refused["userErrors"], refused


def test_graphql_complete_payment_pending_and_delete(gql, boots):
    first = create(gql, lineItems=[{"variantId": boots.gid, "quantity": 1}],
                   shippingAddress={"address1": "812 E Market St", "city": "Louisville", "provinceCode": "KY",
                                    "countryCode": "US", "zip": "40206"})
    # 199.00, 6 % = 11.94.
    assert money(first, "totalPriceSet") == Decimal("210.94")
    completed = gql.mutate(COMPLETE, "draftOrderComplete", id=first["id"], paymentPending=True)["draftOrder"]
    assert completed["status"] == "COMPLETED"
    assert completed["order"]["displayFinancialStatus"] == "PENDING"
    assert shopify.Order.find(int(completed["order"]["legacyResourceId"])).financial_status == "pending"

    doomed = create(gql, lineItems=[{"title": "Short-lived", "originalUnitPrice": "1.00", "quantity": 1}])
    deleted = gql.mutate(DELETE, "draftOrderDelete", input={"id": doomed["id"]})
    assert deleted["deletedId"] == doomed["id"]
    assert gql.query(READ, id=doomed["id"])["draftOrder"] is None
    assert shopify.DraftOrder.find(ids=doomed["legacyResourceId"]) == []


def test_graphql_cursor_pagination(gql):
    made = [create(gql, lineItems=[{"title": f"Cursor {n}", "originalUnitPrice": "1.00", "quantity": 1}])["id"]
            for n in range(3)]
    query = " OR ".join(f"id:{gid.rsplit('/', 1)[1]}" for gid in made)
    seen, after = [], None
    while True:
        page = gql.query(LIST, query=query, first=2, after=after)["draftOrders"]
        seen += [node["id"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == made


@pytest.mark.parametrize("case", ["test1-order-fixed", "test2-line-percent", "test6-line-fixed", "test12-order-percent"])
def test_graphql_reproduces_shopifys_recorded_totals(gql, boots, case):
    customer = kentucky_customer()
    kentucky = {"customerId": f"gid://shopify/Customer/{customer.id}", "useCustomerDefaultAddress": True}
    ontario = {"shippingAddress": {"address1": ONTARIO_ADDRESS["address1"], "city": ONTARIO_ADDRESS["city"],
                                   "provinceCode": "ON", "countryCode": "CA", "zip": ONTARIO_ADDRESS["zip"]}}
    tee = {"title": "Custom Tee", "originalUnitPrice": "20.00"}
    six, gst, ontario_rate = Decimal("0.06"), Decimal("0.05"), Decimal("0.08")
    cases = {
        "test1-order-fixed": (
            dict(kentucky, lineItems=[dict(tee, quantity=2)],
                 appliedDiscount={"valueType": "FIXED_AMOUNT", "value": 10.0, "title": "Custom"}),
            ("30.00", "1.80", "31.80", "10.00"), [(six, Decimal("1.80"))]),
        "test2-line-percent": (
            dict(ontario, lineItems=[dict(tee, quantity=1, appliedDiscount={"valueType": "PERCENTAGE", "value": 10.0})]),
            ("18.00", "2.34", "20.34", "2.00"), [(gst, Decimal("0.90")), (ontario_rate, Decimal("1.44"))]),
        "test6-line-fixed": (
            dict(ontario, lineItems=[dict(tee, quantity=1, appliedDiscount={"valueType": "FIXED_AMOUNT", "value": 10.0})]),
            ("10.00", "1.30", "11.30", "10.00"), [(gst, Decimal("0.50")), (ontario_rate, Decimal("0.80"))]),
        "test12-order-percent": (
            dict(kentucky, lineItems=[{"variantId": boots.gid, "quantity": 1}],
                 shippingLine={"title": "UPS Ground", "price": "12.25"},
                 appliedDiscount={"valueType": "PERCENTAGE", "value": 10.0, "title": "Custom"}),
            ("179.10", "10.75", "202.10", "19.90"), [(six, Decimal("10.75"))]),
    }
    given, (subtotal, tax, total, discounts), tax_lines = cases[case]
    draft = create(gql, **given)
    assert (money(draft, "subtotalPriceSet"), money(draft, "totalTaxSet"), money(draft, "totalPriceSet"),
            money(draft, "totalDiscountsSet")) == tuple(Decimal(value) for value in (subtotal, tax, total, discounts))
    assert taxes(draft["taxLines"]) == tax_lines
    # And REST prints them as Shopify does.
    rest = shopify.DraftOrder.find(int(draft["legacyResourceId"]))
    assert totals(rest) == {"subtotal_price": subtotal, "total_tax": tax, "total_price": total}


def test_graphql_user_errors_have_shopifys_messages(gql, boots):
    no_lines = gql.query(CREATE, input={"lineItems": []})["draftOrderCreate"]
    assert no_lines == {"draftOrder": None, "userErrors": [{"field": None, "message": "Add at least 1 product"}]}

    missing = gql.query(UPDATE, id="gid://shopify/DraftOrder/999999999", input={"note": "x"})["draftOrderUpdate"]
    assert missing == {"draftOrder": None, "userErrors": [{"field": None, "message": "Draft order not found"}]}
    assert gql.query(READ, id="gid://shopify/DraftOrder/999999999") == {"draftOrder": None}

    draft = create(gql, lineItems=[{"variantId": boots.gid, "quantity": 1}], email=unique_email("gql"))
    bad_to = gql.query(SEND, id=draft["id"], email={"to": "invalid recipient", "subject": "valid subject"})
    payload = bad_to["draftOrderInvoiceSend"]
    assert payload["userErrors"] == [{"field": None, "message": "To is invalid"}]
    # Shopify still returns the draft alongside the error.
    assert payload["draftOrder"] is not None and payload["draftOrder"]["id"] == draft["id"]
    assert payload["draftOrder"]["status"] == "OPEN"

    bad_gateway = gql.query(COMPLETE, id=draft["id"], paymentGatewayId="gid://shopify/PaymentGateway/12121213")
    assert bad_gateway["draftOrderComplete"]["userErrors"] == [{"field": None, "message": "Invalid payment gateway"}]
    assert gql.query(READ, id=draft["id"])["draftOrder"]["status"] == "OPEN"


def test_graphql_top_level_errors(gql):
    answer = gql.execute("query { draftOrders(first: 1) { nodes { noSuchField } } }")
    assert answer.get("errors"), answer
    assert all("message" in error for error in answer["errors"])
    broken = gql.execute("query { draftOrders(first: ")
    assert broken.get("errors"), broken
