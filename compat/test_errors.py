"""Shopify's error conventions, through raw HTTP and through the client: 401 with Shopify's body,
404 {"errors":"Not Found"}, 422 {"errors": {field: [messages]}} filling `resource.errors` (save()
returns False), 400 for broken JSON or a wrong content type; and the legacy unversioned
/admin/draft_orders.json path."""
import json

import pytest
import shopify
from pyactiveresource.connection import BadRequest, ResourceInvalid, ResourceNotFound, UnauthorizedAccess

from .support import API_VERSION, configure, create_customer, create_draft, custom_line, last_response, unique_email

UNAUTHORIZED = {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}
NOT_FOUND = {"errors": "Not Found"}
MISSING = 999999999


def assert_validation_body(reply):
    """422 with {"errors": {field: [message, …]}}."""
    assert reply.status == 422, (reply.status, reply.text)
    body = reply.json()
    assert set(body) == {"errors"}, body
    assert isinstance(body["errors"], dict) and body["errors"], body
    for field, messages in body["errors"].items():
        assert isinstance(field, str)
        assert isinstance(messages, list) and messages and all(isinstance(m, str) and m for m in messages), body
    return body["errors"]


# --- 401 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [f"/admin/api/{API_VERSION}/draft_orders.json", "/admin/draft_orders.json",
                                  f"/admin/api/{API_VERSION}/draft_orders/count.json",
                                  f"/admin/api/{API_VERSION}/customers.json"])
@pytest.mark.parametrize("token", ["not-a-real-token", False], ids=["wrong-token", "no-token"])
def test_401_has_shopifys_body(raw, path, token):
    reply = raw.get(path, token=token)
    assert reply.status == 401
    assert reply.json() == UNAUTHORIZED
    assert reply.header("Content-Type").startswith("application/json")


def test_401_on_writes_and_graphql(raw):
    reply = raw.post("draft_orders.json", {"draft_order": {"line_items": [custom_line("X", "1.00")]}}, token="wrong")
    assert (reply.status, reply.json()) == (401, UNAUTHORIZED)
    reply = raw.post("graphql.json", {"query": "{ shop { name } }"}, token="wrong")
    assert (reply.status, reply.json()) == (401, UNAUTHORIZED)


def test_401_through_the_client(server):
    configure(server.rest_site, "not-a-real-token")
    with pytest.raises(UnauthorizedAccess) as raised:
        shopify.DraftOrder.find()
    assert json.loads(raised.value.response.body) == UNAUTHORIZED
    with pytest.raises(UnauthorizedAccess):
        shopify.DraftOrder.count()


# --- 404 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("method,path,body", [
    ("GET", f"draft_orders/{MISSING}.json", None),
    ("PUT", f"draft_orders/{MISSING}.json", {"draft_order": {"note": "x"}}),
    ("DELETE", f"draft_orders/{MISSING}.json", None),
    ("POST", f"draft_orders/{MISSING}/send_invoice.json", {"draft_order_invoice": {}}),
    ("PUT", f"draft_orders/{MISSING}/complete.json", None),
    ("GET", f"/admin/draft_orders/{MISSING}.json", None),
    ("GET", f"customers/{MISSING}.json", None),
    ("GET", f"products/{MISSING}.json", None),
    ("GET", f"variants/{MISSING}.json", None),
    ("GET", f"orders/{MISSING}.json", None),
])
def test_unknown_ids_are_404_not_found(raw, method, path, body):
    reply = raw.request(method, path, body)
    assert (reply.status, reply.json()) == (404, NOT_FOUND)


def test_404_through_the_client(client):
    with pytest.raises(ResourceNotFound) as raised:
        shopify.DraftOrder.find(MISSING)
    assert raised.value.response.code == 404
    assert json.loads(raised.value.response.body) == NOT_FOUND
    with pytest.raises(ResourceNotFound):
        shopify.Customer.find(MISSING)
    with pytest.raises(ResourceNotFound):
        shopify.Order.find(MISSING)
    # A deleted draft is gone.
    draft = create_draft(line_items=[custom_line("Gone", "1.00")])
    draft.destroy()
    with pytest.raises(ResourceNotFound):
        shopify.DraftOrder.find(draft.id)


# --- 422 ---------------------------------------------------------------------------------------


def test_422_no_line_items(raw, client):
    errors = assert_validation_body(raw.post("draft_orders.json", {"draft_order": {"line_items": []}}))
    assert ["Add at least 1 product"] in errors.values(), errors

    draft = shopify.DraftOrder({"line_items": []})
    assert draft.save() is False
    assert last_response().code == 422
    assert draft.id is None
    assert draft.errors.full_messages() == ["Add at least 1 product"]


def test_422_fills_resource_errors_and_leaves_the_draft_alone(raw, client):
    draft = create_draft(line_items=[custom_line("Custom Tee", "20.00", 1)], email="valid@example.com")
    before = shopify.DraftOrder.find(draft.id)

    draft.email = "not-an-email"
    assert draft.save() is False
    assert last_response().code == 422
    assert draft.errors.on("email"), draft.errors.errors
    assert draft.errors.full_messages()
    assert shopify.DraftOrder.find(draft.id).to_dict() == before.to_dict()

    for bad_line in ({"title": "X", "price": "1.00", "quantity": 0}, {"title": "X", "price": "-1.00", "quantity": 1},
                     {"title": "X", "price": "abc", "quantity": 1}):
        reply = raw.put(f"draft_orders/{draft.id}.json", {"draft_order": {"line_items": [bad_line]}})
        errors = assert_validation_body(reply)
        assert any(field.startswith("line_items") for field in errors), errors
        broken = shopify.DraftOrder({"id": draft.id, "line_items": [bad_line]})
        assert broken.save() is False
        assert broken.errors.full_messages()
    assert shopify.DraftOrder.find(draft.id).to_dict() == before.to_dict()


def test_422_invoice_and_completion_errors(raw, client):
    draft = create_draft(line_items=[custom_line("Custom Tee", "20.00", 1)], email="valid@example.com")
    errors = assert_validation_body(raw.post(f"draft_orders/{draft.id}/send_invoice.json",
                                             {"draft_order_invoice": {"to": "invalid recipient"}}))
    assert ["To is invalid"] in errors.values(), errors
    with pytest.raises(ResourceInvalid):
        draft.send_invoice(shopify.DraftOrderInvoice({"to": "invalid recipient"}))

    errors = assert_validation_body(raw.put(f"draft_orders/{draft.id}/complete.json",
                                            query={"payment_gateway_id": "12121213"}))
    assert ["Invalid payment gateway"] in errors.values(), errors
    assert shopify.DraftOrder.find(draft.id).status == "open"


def test_422_messages_follow_shopifys_rails_convention(client):
    """Shopify's REST 422 bodies are Rails' `errors.messages`: the attribute is the key and the
    message does not repeat it, e.g. {"errors":{"email":["has already been taken"]}}; the client's
    full_messages() then reads "email has already been taken". Repeating the attribute inside the
    message ("Email has already been taken") makes clients print "email Email has already been
    taken"."""
    email = unique_email("taken")
    create_customer(email=email, first_name="First")
    duplicate = shopify.Customer({"email": email, "first_name": "Second"})
    assert duplicate.save() is False
    assert json.loads(last_response().body) == {"errors": {"email": ["has already been taken"]}}
    assert duplicate.errors.full_messages() == ["email has already been taken"]

    draft = create_draft(line_items=[custom_line("Custom Tee", "20.00", 1)])
    draft.email = "not-an-email"
    assert draft.save() is False
    assert draft.errors.on("email") == "is invalid"


def test_unknown_variant_in_the_body_is_a_422_not_a_404(raw, client):
    """The draft at the URL exists (or is being created); only a value in the body is wrong. A 404
    makes the client's save() raise ResourceNotFound instead of returning False with errors."""
    reply = raw.post("draft_orders.json", {"draft_order": {"line_items": [{"variant_id": MISSING, "quantity": 1}]}})
    assert_validation_body(reply)

    draft = create_draft(line_items=[custom_line("Custom Tee", "20.00", 1)])
    draft.line_items = [{"variant_id": MISSING, "quantity": 1}]
    try:
        saved = draft.save()
    except ResourceNotFound as error:
        pytest.fail(f"save() raised ResourceNotFound ({error.response.code} {error.response.body!r}) "
                    "instead of returning False with errors")
    assert saved is False
    assert draft.errors.full_messages()


# --- 400 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("data,content_type", [
    (b'{"draft_order": {', "application/json"),
    (b"{'draft_order': {'line_items': [{'title': 'foo', 'quantity': 1, 'price': 1}]}}", "application/json"),
    (b"", "application/json"),
    (b'{"draft_order": {"line_items": [{"title": "X", "price": "1.00", "quantity": 1}]}}', "text/plain"),
    (b"draft_order[line_items][][title]=X&draft_order[line_items][][price]=1", "application/x-www-form-urlencoded"),
], ids=["truncated-json", "single-quoted-json", "empty-body", "text-plain", "form-encoded"])
def test_400_for_bad_json_or_wrong_content_type(raw, data, content_type):
    before = int(raw.get("draft_orders/count.json").json()["count"])
    reply = raw.request("POST", "draft_orders.json", data=data, content_type=content_type)
    assert reply.status == 400, (reply.status, reply.text)
    assert "errors" in reply.json()
    assert int(raw.get("draft_orders/count.json").json()["count"]) == before


def test_400_through_the_client(client):
    """The client sends JSON, so a 400 comes from a wrong body such as a missing root key."""
    connection = shopify.DraftOrder.connection
    with pytest.raises(BadRequest) as raised:
        connection.post(shopify.DraftOrder._collection_path(), shopify.DraftOrder.headers,
                        data=json.dumps({"line_items": [custom_line("X", "1.00")]}).encode())
    assert raised.value.response.code == 400
    assert "draft_order" in json.loads(raised.value.response.body)["errors"]


def test_400_missing_root_key_has_shopifys_documented_shape(raw):
    """shopify.dev's response-codes sample: 400 {"errors": {"query": "Required parameter missing or
    invalid"}} — the value is a string, not a list."""
    reply = raw.post("draft_orders.json", {"line_items": [custom_line("X", "1.00")]})
    assert reply.status == 400
    assert reply.json() == {"errors": {"draft_order": "Required parameter missing or invalid"}}


# --- versions and the legacy path --------------------------------------------------------------


def test_versioned_responses_name_their_version(raw):
    for version in (API_VERSION, "2025-10", "2024-01"):
        reply = raw.get(f"/admin/api/{version}/draft_orders/count.json")
        assert reply.status == 200
        assert reply.header("X-Shopify-API-Version") == version


def test_legacy_unversioned_path_with_raw_http(raw):
    created = raw.post("/admin/draft_orders.json", {"draft_order": {"line_items": [custom_line("Legacy", "5.00", 2)]}})
    assert created.status == 201, created.text
    draft = created.json()["draft_order"]
    assert draft["total_line_items_price_set"]["shop_money"]["amount"] == "10.00"
    fetched = raw.get(f"/admin/draft_orders/{draft['id']}.json")
    assert (fetched.status, fetched.json()["draft_order"]["id"]) == (200, draft["id"])
    listed = raw.get("/admin/draft_orders.json", query={"limit": 1, "fields": "id"})
    assert listed.status == 200 and len(listed.json()["draft_orders"]) == 1
    if raw.get("/admin/draft_orders/count.json").json()["count"] > 1:
        assert "/admin/draft_orders.json?" in listed.header("Link") and 'rel="next"' in listed.header("Link")
    assert raw.delete(f"/admin/draft_orders/{draft['id']}.json").json() == {}


def test_legacy_unversioned_path_with_the_client(server, boots):
    """Older clients (and the client's own fixtures) use https://shop/admin/ without a version."""
    configure(server.url + "/admin", server.token)
    draft = create_draft(line_items=[{"variant_id": boots.id, "quantity": 1}, custom_line("Engraving", "30.00", 1)],
                         shipping_address={"province_code": "ON", "country_code": "CA"})
    assert last_response().code == 201
    assert draft.total_line_items_price_set.shop_money.amount == "229.00"
    assert draft.id in [found.id for found in shopify.DraftOrder.find(ids=str(draft.id))]
    assert shopify.DraftOrder.count() >= 1
    draft.note = "legacy save"
    assert draft.save(), draft.errors.full_messages()
    assert shopify.DraftOrder.find(draft.id).note == "legacy save"
    invoice = draft.send_invoice(shopify.DraftOrderInvoice({"to": "legacy@example.com"}))
    assert invoice.to == "legacy@example.com"
    draft.complete({"payment_pending": True})
    assert draft.status == "completed"
    assert shopify.Order.find(draft.order_id).financial_status == "pending"
