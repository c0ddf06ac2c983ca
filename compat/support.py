"""Helpers shared by the compatibility tests (the fixtures are in conftest.py): raw HTTP, GraphQL
through the client, demo-shop look-ups and money assertions."""
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from decimal import Decimal

import shopify

API_VERSION = "2025-07"


def configure(site, token):
    """Points the client at a site the way an app without OAuth would: a site and a header."""
    shopify.ShopifyResource.set_site(site)
    shopify.ShopifyResource.set_headers({"X-Shopify-Access-Token": token})


def last_response():
    """The client's last HTTP response (a pyactiveresource.connection.Response)."""
    return shopify.ShopifyResource.connection.response


# ---------------------------------------------------------------------------------------------
# Raw HTTP, for what the client hides: status codes, exact bodies, headers, broken requests.


@dataclass
class Reply:
    status: int
    headers: dict
    text: str

    def json(self):
        return json.loads(self.text)

    def header(self, name):
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


class Raw:
    """Plain urllib requests. `path` is absolute (`/admin/...`) or relative to `/admin/api/2025-07/`."""

    def __init__(self, base_url, token):
        self.base_url = base_url
        self.token = token

    def url(self, path, query=None):
        if not path.startswith("/"):
            path = f"/admin/api/{API_VERSION}/{path}"
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        return url

    def request(self, method, path, body=None, *, query=None, token=None, content_type="application/json",
                data=None, headers=None):
        """`body` is sent as JSON; `data` (bytes) as it is. `token=False` sends no token."""
        if body is not None:
            data = json.dumps(body).encode()
        all_headers = {"Accept": "application/json"}
        if token is not False:
            all_headers["X-Shopify-Access-Token"] = token or self.token
        if data is not None and content_type:
            all_headers["Content-Type"] = content_type
        all_headers.update(headers or {})
        request = urllib.request.Request(self.url(path, query), data=data, method=method, headers=all_headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return Reply(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers), error.read().decode())

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.request("POST", path, body, **kwargs)

    def put(self, path, body=None, **kwargs):
        return self.request("PUT", path, body, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)


# ---------------------------------------------------------------------------------------------
# GraphQL through the client: shopify.GraphQL().execute returns the answer as a JSON string.


class GraphQLClient:
    def execute(self, document, /, **variables):
        """The whole answer, decoded."""
        text = shopify.GraphQL().execute(document, variables or None)
        assert isinstance(text, str), type(text)
        return json.loads(text)

    def query(self, document, /, **variables):
        """`data`, failing on any top-level error."""
        answer = self.execute(document, **variables)
        assert "errors" not in answer, answer
        return answer["data"]

    def mutate(self, document, field, /, **variables):
        """The mutation's payload, failing on any userError."""
        payload = self.query(document, **variables)[field]
        assert payload["userErrors"] == [], payload["userErrors"]
        return payload


# ---------------------------------------------------------------------------------------------
# The demo shop.


@dataclass(frozen=True)
class Variant:
    id: int
    gid: str
    product_id: int
    inventory_item_id: int
    sku: str
    price: str


STOCK = 500


def find_variant(sku, top_up=True):
    """The demo variant with `sku`, found with GraphQL `productVariants(query: "sku:…")`; its stock
    at the first location is set to 500 so that completions never run out on a reused shop."""
    gql = GraphQLClient()
    data = gql.query("""query($q: String) {
        productVariants(first: 1, query: $q) { nodes { id legacyResourceId sku price product { legacyResourceId }
          inventoryItem { id legacyResourceId } } }
        locations(first: 1) { nodes { id } } }""", q=f"sku:{sku}")
    nodes = data["productVariants"]["nodes"]
    assert nodes, f"the demo shop has no variant with SKU {sku}"
    node = nodes[0]
    assert node["sku"] == sku, node
    if top_up:
        gql.mutate("""mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) {
            userErrors { field message } } }""", "inventorySetQuantities", input={
            "name": "available", "reason": "correction", "ignoreCompareQuantity": True,
            "quantities": [{"inventoryItemId": node["inventoryItem"]["id"],
                            "locationId": data["locations"]["nodes"][0]["id"], "quantity": STOCK}]})
    return Variant(id=int(node["legacyResourceId"]), gid=node["id"], product_id=int(node["product"]["legacyResourceId"]),
                   inventory_item_id=int(node["inventoryItem"]["legacyResourceId"]), sku=sku, price=node["price"])


def unique_email(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


# Shopify's recorded test shop had Bob Norman at Chestnut Street 92, Louisville, KY 40202.
KENTUCKY_ADDRESS = {"address1": "Chestnut Street 92", "city": "Louisville", "province": "Kentucky", "province_code": "KY",
                    "country": "United States", "country_code": "US", "zip": "40202", "phone": "555-625-1199"}

# The address of Shopify's recorded Ontario cases, exactly as the requests sent it.
ONTARIO_ADDRESS = {"first_name": "Bob", "last_name": "Norman", "address1": "123 Main St", "city": "Anytown",
                   "province": "ON", "country": "Canada", "zip": "A1B2C3", "phone": "555-555-5555"}


def create_customer(**fields):
    """A new customer, created through REST (`Customer.save()`)."""
    customer = shopify.Customer(fields)
    assert customer.save(), customer.errors.full_messages()
    assert last_response().code == 201
    return customer


def kentucky_customer():
    """A new customer whose default address is the fixtures' Kentucky one."""
    customer = create_customer(first_name="Bob", last_name="Kentucky", email=unique_email("ky"),
                               addresses=[dict(KENTUCKY_ADDRESS, default=True)])
    assert customer.default_address.province_code == "KY", customer.to_dict()
    return customer


def create_draft(**fields):
    """A draft created with the client (`DraftOrder.save()` → POST, 201)."""
    draft = shopify.DraftOrder(fields)
    assert draft.save(), draft.errors.full_messages()
    assert last_response().code == 201, last_response().code
    assert draft.id, draft.to_dict()
    return draft


def custom_line(title, price, quantity=1, **extra):
    return dict(title=title, price=price, quantity=quantity, **extra)


# ---------------------------------------------------------------------------------------------
# Money. REST amounts are strings with two decimals ("31.80") and compared as such; GraphQL
# amounts are Decimals serialised without padding ("31.8") and compared as Decimal.


def as_dict(value):
    return value.to_dict() if hasattr(value, "to_dict") else value


def money_set(resource, name):
    """`resource.<name>` (a REST MoneyBag such as total_price_set) → its shop amount string,
    after checking that shop and presentment money agree, in USD."""
    bag = as_dict(resource)[name]
    assert bag["shop_money"]["currency_code"] == "USD", bag
    assert bag["presentment_money"] == bag["shop_money"], bag
    return bag["shop_money"]["amount"]


def gql_money(bag):
    """A GraphQL MoneyBag → its shop amount as a Decimal, after checking presentment agrees."""
    assert bag["shopMoney"]["currencyCode"] == "USD", bag
    assert Decimal(bag["presentmentMoney"]["amount"]) == Decimal(bag["shopMoney"]["amount"]), bag
    return Decimal(bag["shopMoney"]["amount"])


def tax_pairs(tax_lines):
    """REST tax_lines → [(rate, price)] sorted by rate: [(Decimal("0.05"), "0.90"), …]."""
    return sorted((Decimal(str(as_dict(line)["rate"])), as_dict(line)["price"]) for line in tax_lines)


def totals(draft):
    """The REST totals of a draft, as Shopify's strings."""
    return {"subtotal_price": draft.subtotal_price, "total_tax": draft.total_tax, "total_price": draft.total_price}
