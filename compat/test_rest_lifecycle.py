"""The whole draft-order lifecycle through the REST resources of Shopify's unmodified Python client:
create, save() (the client PUTs the whole object back), send_invoice(), complete(), count, find
with filters and cursor pagination, destroy; and the resources around drafts: Customer, Product,
Variant, Order and InventoryLevel."""
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
import shopify
from pyactiveresource.connection import ResourceInvalid, ResourceNotFound

from .support import (GraphQLClient, as_dict, create_customer, create_draft, custom_line, last_response, money_set,
                      tax_pairs, totals, unique_email)

SIX = Decimal("0.06")


def ids(collection):
    return [resource.id for resource in collection]


def parse_time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def iso(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S%z")


def assert_adds_up(draft):
    """Shopify's equations: subtotal = lines − discounts; total = subtotal + shipping + tax; the
    draft's tax lines are the sum of the line (and shipping) tax lines."""
    line_total = sum(Decimal(line.price) * line.quantity for line in draft.line_items)
    assert Decimal(money_set(draft, "total_line_items_price_set")) == line_total
    assert Decimal(draft.subtotal_price) == line_total - Decimal(money_set(draft, "total_discounts_set"))
    assert Decimal(draft.total_price) == (Decimal(draft.subtotal_price) + Decimal(money_set(draft, "total_shipping_price_set"))
                                          + Decimal(draft.total_tax))
    assert sum(Decimal(price) for _, price in tax_pairs(draft.tax_lines)) == Decimal(draft.total_tax)


def test_create_with_custom_and_variant_lines_discounts_shipping_and_customer_default_address(boots, bob):
    draft = create_draft(
        line_items=[
            {"variant_id": boots.id, "quantity": 1, "applied_discount": {
                "description": "Season", "value_type": "percentage", "value": "10.0", "title": "Season"}},
            custom_line("Gift wrap", "4.50", 2),
        ],
        applied_discount={"description": "Loyal customer", "value_type": "fixed_amount", "value": "5.0", "title": "Loyal"},
        shipping_line={"title": "UPS Ground", "custom": True, "price": "12.25"},
        customer={"id": bob.id}, use_customer_default_address=True,
        note="compat: created by the Python client", tags="compat, rest")

    assert draft.name.startswith("#D")
    assert draft.admin_graphql_api_id == f"gid://shopify/DraftOrder/{draft.id}"
    assert draft.status == "open"
    assert draft.invoice_url and draft.invoice_sent_at is None
    assert draft.customer.id == bob.id and draft.email == bob.email
    for address in (draft.shipping_address, draft.billing_address):
        assert (address.address1, address.city, address.zip, address.province_code, address.country_code) == (
            bob.default_address.address1, bob.default_address.city, bob.default_address.zip, "KY", "US")
    assert draft.note == "compat: created by the Python client"
    assert sorted(tag.strip() for tag in draft.tags.split(",")) == ["compat", "rest"]

    variant_line, wrap_line = draft.line_items
    assert (variant_line.variant_id, variant_line.product_id, variant_line.sku, variant_line.price,
            variant_line.custom) == (boots.id, boots.product_id, boots.sku, "199.00", False)
    assert as_dict(variant_line.applied_discount)["amount"] == "19.90"
    assert (wrap_line.title, wrap_line.price, wrap_line.quantity, wrap_line.custom, wrap_line.variant_id) == (
        "Gift wrap", "4.50", 2, True, None)
    assert wrap_line.admin_graphql_api_id == f"gid://shopify/DraftOrderLineItem/{wrap_line.id}"

    # 199.00 − 19.90 + 9.00 = 188.10; − 5.00 = 183.10; 6 % = 10.99 (shipping untaxed in Kentucky);
    # + 12.25 shipping = 206.34.
    assert money_set(draft, "total_line_items_price_set") == "208.00"
    assert money_set(draft, "total_discounts_set") == "24.90"
    assert money_set(draft, "total_shipping_price_set") == "12.25"
    assert totals(draft) == {"subtotal_price": "183.10", "total_tax": "10.99", "total_price": "206.34"}
    assert as_dict(draft.applied_discount)["amount"] == "5.00"
    shipping = as_dict(draft.shipping_line)
    assert shipping.pop("price_set") == {"shop_money": {"amount": "12.25", "currency_code": "USD"},
                                         "presentment_money": {"amount": "12.25", "currency_code": "USD"}}
    assert shipping == {"title": "UPS Ground", "custom": True, "handle": None, "price": "12.25"}
    assert [rate for rate, _ in tax_pairs(draft.tax_lines)] == [SIX]
    assert_adds_up(draft)

    # What was created is what a later GET returns.
    fetched = shopify.DraftOrder.find(draft.id)
    created = draft.to_dict()
    created.pop("use_customer_default_address", None)  # sent by us, merged in by the client
    assert fetched.to_dict() == created


def test_save_puts_the_whole_object_back_and_recalculates(boots, ky_customer):
    draft = create_draft(line_items=[custom_line("Custom Tee", "20.00", 2), {"variant_id": boots.id, "quantity": 1}],
                         customer={"id": ky_customer.id}, use_customer_default_address=True)
    assert totals(draft) == {"subtotal_price": "239.00", "total_tax": "14.34", "total_price": "253.34"}
    created_at = draft.created_at

    # Edit the fetched object in place and save(): the client PUTs every attribute back,
    # read-only ones (totals, tax lines, line ids, the whole customer) included.
    draft = shopify.DraftOrder.find(draft.id)
    draft.note = "Edited with save()"
    draft.line_items[0].quantity = 3
    draft.line_items.append(shopify.LineItem({"title": "Rush handling", "price": "15.00", "quantity": 1}))
    draft.shipping_line = {"title": "UPS Ground", "custom": True, "price": "12.25"}
    draft.applied_discount = {"description": "Loyalty", "value_type": "percentage", "value": "10.0", "title": "Loyalty"}
    assert draft.save(), draft.errors.full_messages()
    assert last_response().code == 200

    # 60.00 + 199.00 + 15.00 = 274.00; 10 % = 27.40 ⇒ 246.60; 6 % = 14.80; + 12.25 ⇒ 273.65.
    assert [(line.title, line.quantity, line.price) for line in draft.line_items] == [
        ("Custom Tee", 3, "20.00"), ("Summit Snowboard Boots", 1, "199.00"), ("Rush handling", 1, "15.00")]
    assert totals(draft) == {"subtotal_price": "246.60", "total_tax": "14.80", "total_price": "273.65"}
    assert as_dict(draft.applied_discount)["amount"] == "27.40"
    assert money_set(draft, "total_shipping_price_set") == "12.25"
    assert draft.note == "Edited with save()"
    assert draft.created_at == created_at
    assert parse_time(draft.updated_at) >= parse_time(created_at)
    assert_adds_up(draft)
    fetched = shopify.DraftOrder.find(draft.id)
    assert totals(fetched) == totals(draft) and len(fetched.line_items) == 3

    # Saving again unchanged changes nothing: no duplicated lines, the same totals.
    assert fetched.save(), fetched.errors.full_messages()
    assert len(fetched.line_items) == 3 and totals(fetched) == totals(draft)

    # A new shipping address moves the taxes to Ontario (GST 5 % + 8 %, shipping taxed too).
    fetched.shipping_address = {"address1": "220 King St W", "city": "Toronto", "province": "Ontario",
                                "province_code": "ON", "country": "Canada", "country_code": "CA", "zip": "M5H 1K4"}
    assert fetched.save(), fetched.errors.full_messages()
    assert (fetched.shipping_address.province_code, fetched.shipping_address.country_code) == ("ON", "CA")
    assert [rate for rate, _ in tax_pairs(fetched.tax_lines)] == [Decimal("0.05"), Decimal("0.08")]
    assert fetched.subtotal_price == "246.60"
    assert Decimal(fetched.total_tax) > Decimal("14.80")
    assert_adds_up(fetched)

    # Setting the discount to None removes it.
    fetched.applied_discount = None
    assert fetched.save(), fetched.errors.full_messages()
    assert fetched.applied_discount is None
    assert fetched.subtotal_price == "274.00"
    assert money_set(fetched, "total_discounts_set") == "0.00"
    assert_adds_up(fetched)


def test_send_invoice_with_the_defaults(bob):
    draft = create_draft(line_items=[custom_line("Custom Tee", "20.00", 1)], customer={"id": bob.id})
    assert draft.status == "open"

    invoice = draft.send_invoice()
    assert last_response().code == 200
    assert isinstance(invoice, shopify.DraftOrderInvoice)
    assert invoice.to == bob.email
    assert invoice.subject == f"Draft Order {draft.name}"
    assert invoice.bcc == []
    assert invoice.attributes["from"]

    sent = shopify.DraftOrder.find(draft.id)
    assert sent.status == "invoice_sent"
    assert sent.invoice_sent_at
    assert ids(shopify.DraftOrder.find(ids=str(draft.id), status="invoice_sent")) == [draft.id]
    assert shopify.DraftOrder.find(ids=str(draft.id), status="open") == []


def test_send_invoice_with_custom_to_from_bcc_subject_and_message(bob):
    draft = create_draft(line_items=[custom_line("Custom Tee", "20.00", 1)], customer={"id": bob.id})
    fields = {"to": "first@example.com", "from": "j.smith@example.com", "bcc": ["j.smith@example.com"],
              "subject": "Apple Computer Invoice", "custom_message": "Thank you for ordering!"}
    invoice = draft.send_invoice(shopify.DraftOrderInvoice(fields))
    assert invoice.to_dict() == fields
    # Sending again keeps the status.
    draft.send_invoice(shopify.DraftOrderInvoice({"subject": "Reminder"}))
    assert shopify.DraftOrder.find(draft.id).status == "invoice_sent"


def test_send_invoice_defaults_have_shopifys_shape(bob, gql):
    """Shopify's recorded default (test19): {"to": customer email, "from": "\\"Shop Name\\" <shop
    email>", "subject": "Draft Order #D2", "custom_message": "", "bcc": []}."""
    shop = gql.query("{ shop { name email } }")["shop"]
    draft = create_draft(line_items=[custom_line("Custom Tee", "20.00", 1)], customer={"id": bob.id})
    invoice = draft.send_invoice()
    assert invoice.to_dict() == {"to": bob.email, "from": f'"{shop["name"]}" <{shop["email"]}>',
                                 "subject": f"Draft Order {draft.name}", "custom_message": "", "bcc": []}


def available(inventory_item_id):
    levels = shopify.InventoryLevel.find(inventory_item_ids=inventory_item_id)
    assert levels, f"no inventory levels for item {inventory_item_id}"
    assert {level.inventory_item_id for level in levels} == {inventory_item_id}
    return sum(level.available for level in levels)


@pytest.mark.parametrize("payment_pending,financial_status", [(False, "paid"), (True, "pending")],
                         ids=["marked-as-paid", "payment-pending"])
def test_complete_makes_an_order(boots, ky_customer, payment_pending, financial_status):
    draft = create_draft(line_items=[{"variant_id": boots.id, "quantity": 2}, custom_line("Engraving", "30.00", 1)],
                         customer={"id": ky_customer.id}, use_customer_default_address=True,
                         shipping_line={"title": "custom shipping", "custom": True, "price": "10.00"})
    # 398.00 + 30.00 = 428.00; 6 % = 25.68; + 10.00 ⇒ 463.68.
    assert totals(draft) == {"subtotal_price": "428.00", "total_tax": "25.68", "total_price": "463.68"}
    stock_before = available(boots.inventory_item_id)

    if payment_pending:
        draft.complete({"payment_pending": True})
    else:
        draft.complete()
    assert last_response().code == 200
    assert draft.status == "completed"
    assert draft.completed_at and draft.order_id

    order = shopify.Order.find(draft.order_id)
    assert order.id == draft.order_id
    assert order.financial_status == financial_status
    assert order.name.startswith("#")
    assert (order.subtotal_price, order.total_tax, order.total_price) == ("428.00", "25.68", "463.68")
    assert order.customer.id == ky_customer.id
    assert sorted((line.title, line.quantity) for line in order.line_items) == [
        ("Engraving", 1), ("Summit Snowboard Boots", 2)]
    assert order.id in ids(shopify.Order.find(status="any", ids=str(order.id)))
    assert shopify.Order.count(status="any") >= 1

    # The units left stock when the order was made.
    assert available(boots.inventory_item_id) == stock_before - 2

    fetched = shopify.DraftOrder.find(draft.id)
    assert (fetched.status, fetched.order_id) == ("completed", order.id)
    assert ids(shopify.DraftOrder.find(ids=str(draft.id), status="completed")) == [draft.id]

    # A completed draft is read-only: save() says so through errors, send_invoice raises 422.
    fetched.note = "too late"
    assert fetched.save() is False
    assert last_response().code == 422
    assert fetched.errors.full_messages(), fetched.errors.errors
    with pytest.raises(ResourceInvalid):
        fetched.send_invoice()
    assert shopify.DraftOrder.find(draft.id).note != "too late"

    # Completing again makes no second order.
    again = shopify.DraftOrder.find(draft.id)
    try:
        again.complete()
    except ResourceInvalid:
        pass
    assert shopify.DraftOrder.find(draft.id).order_id == order.id
    assert shopify.Order.find(order.id).financial_status == financial_status


def test_count_and_find_with_filters(client):
    first = create_draft(line_items=[custom_line("Filter A", "1.00", 1)])
    second = create_draft(line_items=[custom_line("Filter B", "2.00", 1)], email="filters@example.com")
    third = create_draft(line_items=[custom_line("Filter C", "3.00", 1)])
    mine = f"{first.id},{second.id},{third.id}"

    # count, with and without filters.
    total = shopify.DraftOrder.count()
    assert isinstance(total, int) and total >= 3
    assert shopify.DraftOrder.count(since_id=first.id) == 2
    assert shopify.DraftOrder.count(since_id=third.id) == 0
    assert sum(shopify.DraftOrder.count(status=status) for status in ("open", "invoice_sent", "completed")) == total
    open_before = shopify.DraftOrder.count(status="open")

    second.send_invoice()
    third.complete({"payment_pending": True})
    assert shopify.DraftOrder.count(status="open") == open_before - 2

    # ids, since_id, status.
    assert ids(shopify.DraftOrder.find(ids=mine)) == [first.id, second.id, third.id]
    assert ids(shopify.DraftOrder.find(ids=mine, since_id=first.id)) == [second.id, third.id]
    assert ids(shopify.DraftOrder.find(since_id=first.id)) == [second.id, third.id]
    assert ids(shopify.DraftOrder.find(ids=mine, status="open")) == [first.id]
    assert ids(shopify.DraftOrder.find(ids=mine, status="invoice_sent")) == [second.id]
    assert ids(shopify.DraftOrder.find(ids=mine, status="completed")) == [third.id]

    # updated_at_min / updated_at_max, in Shopify's recorded offset form too.
    created = parse_time(first.created_at)
    assert ids(shopify.DraftOrder.find(ids=mine, updated_at_min="2005-07-31T15:57:11-04:00")) == [
        first.id, second.id, third.id]
    assert ids(shopify.DraftOrder.find(ids=mine, updated_at_min=iso(created - timedelta(seconds=1)))) == [
        first.id, second.id, third.id]
    assert shopify.DraftOrder.find(ids=mine, updated_at_min=iso(datetime.now(timezone.utc) + timedelta(days=1))) == []
    assert shopify.DraftOrder.find(ids=mine, updated_at_max="2005-07-31T15:57:11-04:00") == []
    # Both bounds are inclusive: a client polling with the last updated_at it saw misses nothing.
    latest = shopify.DraftOrder.find(first.id)
    assert ids(shopify.DraftOrder.find(ids=str(first.id), updated_at_min=latest.updated_at)) == [first.id]
    assert ids(shopify.DraftOrder.find(ids=str(first.id), updated_at_max=latest.updated_at)) == [first.id]
    assert shopify.DraftOrder.count(updated_at_min=iso(datetime.now(timezone.utc) + timedelta(days=1))) == 0
    assert shopify.DraftOrder.count(updated_at_min=iso(created - timedelta(seconds=1))) >= 3

    # fields: only what was asked for, in lists and for one draft.
    listed = shopify.DraftOrder.find(ids=mine, fields="id,name,total_price,status")
    assert [set(draft.attributes) for draft in listed] == [{"id", "name", "total_price", "status"}] * 3
    assert [(draft.name, draft.total_price) for draft in listed] == [
        (first.name, first.total_price), (second.name, second.total_price), (third.name, third.total_price)]
    single = shopify.DraftOrder.find(second.id, fields="id,email,status")
    assert single.attributes == {"id": second.id, "email": "filters@example.com", "status": "invoice_sent"}


def test_pagination_with_limit_and_link_cursors(client):
    drafts = [create_draft(line_items=[custom_line(f"Page {n}", "1.00", 1)]) for n in range(5)]
    mine = ",".join(str(draft.id) for draft in drafts)
    expected = [draft.id for draft in drafts]

    page1 = shopify.DraftOrder.find(ids=mine, limit=2)
    assert ids(page1) == expected[:2]
    assert page1.has_next_page() and not page1.has_previous_page()
    assert "page_info=" in page1.next_page_url and "limit=2" in page1.next_page_url

    page2 = page1.next_page()
    assert ids(page2) == expected[2:4]
    assert page2.has_next_page() and page2.has_previous_page()

    page3 = page2.next_page()
    assert ids(page3) == expected[4:]
    assert not page3.has_next_page() and page3.has_previous_page()
    with pytest.raises(IndexError):
        page3.next_page()

    # previous_page() answers from the client's cache; the server's own "previous" link is
    # followed too (uncached), and both bring back the same page.
    assert ids(page3.previous_page()) == expected[2:4]
    back = shopify.DraftOrder.find(from_=page3.previous_page_url)
    assert ids(back) == expected[2:4]
    assert ids(back.previous_page()) == expected[:2]
    assert ids(page1.next_page(no_cache=True)) == expected[2:4]

    # A last page that is exactly full has no "next" link.
    exact = shopify.DraftOrder.find(ids=",".join(str(i) for i in expected[:4]), limit=2).next_page()
    assert ids(exact) == expected[2:4] and not exact.has_next_page()

    # fields survive the cursors.
    fields_page = shopify.DraftOrder.find(ids=mine, limit=2, fields="id,name").next_page()
    assert [set(draft.attributes) for draft in fields_page] == [{"id", "name"}] * 2

    # The largest page Shopify allows.
    assert len(shopify.DraftOrder.find(limit=250, fields="id")) == min(250, shopify.DraftOrder.count())


def test_destroy(client):
    draft = create_draft(line_items=[custom_line("Short-lived", "1.00", 1)])
    before = shopify.DraftOrder.count()
    draft.destroy()
    assert last_response().code == 200
    assert last_response().body.strip() == b"{}"
    with pytest.raises(ResourceNotFound):
        shopify.DraftOrder.find(draft.id)
    assert shopify.DraftOrder.count() == before - 1
    assert shopify.DraftOrder.find(ids=str(draft.id)) == []


def test_customers_search_find_create_and_save(bob):
    assert shopify.Customer.find(bob.id).email == "bob.norman@example.com"
    assert bob.first_name == "Bob" and bob.last_name == "Norman"
    assert bob.id in ids(shopify.Customer.search(query="Norman"))

    before = shopify.Customer.count()
    email = unique_email("compat-customer")
    customer = create_customer(first_name="Dana", last_name="Li", email=email, tags="compat", addresses=[{
        "address1": "220 King St W", "city": "Toronto", "province_code": "ON", "country_code": "CA",
        "zip": "M5H 1K4", "default": True}])
    assert customer.id and customer.email == email
    assert (customer.default_address.province_code, customer.default_address.country_code) == ("ON", "CA")
    assert customer.admin_graphql_api_id == f"gid://shopify/Customer/{customer.id}"
    assert shopify.Customer.count() == before + 1
    assert ids(shopify.Customer.search(query=f"email:{email}")) == [customer.id]

    customer.note = "Prefers email"
    customer.tags = "compat, wholesale"
    assert customer.save(), customer.errors.full_messages()
    found = shopify.Customer.find(customer.id)
    assert found.note == "Prefers email"
    assert sorted(tag.strip() for tag in found.tags.split(",")) == ["compat", "wholesale"]

    # A draft for the new customer takes their default address: Ontario taxes.
    draft = create_draft(line_items=[custom_line("Custom Tee", "20.00", 1)], customer={"id": customer.id},
                         use_customer_default_address=True)
    assert draft.email == email
    assert totals(draft) == {"subtotal_price": "20.00", "total_tax": "2.60", "total_price": "22.60"}

    # The same email again is a validation error the client reports through errors.
    duplicate = shopify.Customer({"email": email})
    assert duplicate.save() is False
    assert last_response().code == 422
    assert duplicate.errors.on("email"), duplicate.errors.errors


def test_products_and_variants(boots):
    product = shopify.Product.find(boots.product_id)
    assert product.title == "Summit Snowboard Boots"
    assert boots.id in ids(product.variants)
    variant = next(v for v in product.variants if v.id == boots.id)
    # Nested in a product, the client files product_id (Variant's URL prefix) under prefix options.
    assert (variant.sku, variant.price, variant._prefix_options.get("product_id")) == (boots.sku, "199.00", product.id)

    found = shopify.Variant.find(boots.id)
    assert (found.sku, found.price, found.inventory_item_id) == (boots.sku, "199.00", boots.inventory_item_id)
    assert found.product_id == product.id

    assert shopify.Product.count() >= 1
    page = shopify.Product.find(limit=2)
    assert len(page) == 2
    if shopify.Product.count() > 2:
        assert page.has_next_page()
        assert set(ids(page)).isdisjoint(ids(page.next_page()))


def test_inventory_levels(boots):
    location = GraphQLClient().query("{ locations(first: 1) { nodes { legacyResourceId } } }")["locations"]["nodes"][0]
    location_id = int(location["legacyResourceId"])
    levels = shopify.InventoryLevel.find(inventory_item_ids=boots.inventory_item_id, location_ids=location_id)
    assert [(level.inventory_item_id, level.location_id) for level in levels] == [(boots.inventory_item_id, location_id)]
    # The fixture topped this location up to 500 moments ago.
    assert levels[0].available == 500
