"""Fixtures for the compatibility suite: a LIVE Proforma server driven by Shopify's official,
unmodified Python client (ShopifyAPI 12.x), the way an existing Shopify integration drives Shopify.

The environment names the server: PROFORMA_E2E_URL (e.g. http://127.0.0.1:8080) and
PROFORMA_E2E_TOKEN (an Admin API access token with every scope). Without them the suite skips,
or fails when CI is set.

Every test creates what it needs (drafts, customers, stock), so the suite can run again and again
on the same shop. Nothing here reads /work/shared: the numbers Shopify recorded are hard-coded in
the tests. Helpers live in support.py.
"""
import os
from decimal import Decimal

import pytest
import shopify

from .support import API_VERSION, GraphQLClient, Raw, configure, find_variant, kentucky_customer


def require(condition, reason):
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(reason + " (CI is set, so this fails instead of skipping)")
    pytest.skip(reason)


class Server:
    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token
        self.rest_site = f"{self.url}/admin/api/{API_VERSION}"


@pytest.fixture(scope="session")
def server():
    url, token = os.environ.get("PROFORMA_E2E_URL"), os.environ.get("PROFORMA_E2E_TOKEN")
    require(url and token, "PROFORMA_E2E_URL and PROFORMA_E2E_TOKEN are not set: start a Proforma server "
                           "and export them (see compat/README.md)")
    return Server(url, token)


@pytest.fixture(autouse=True)
def client(server):
    """The `shopify` module, pointed at the server's 2025-07 REST API with
    `ShopifyResource.set_site` and `set_headers` (no session, no OAuth). Every test starts from
    this configuration, whatever the previous one did to it."""
    configure(server.rest_site, server.token)
    yield shopify
    configure(server.rest_site, server.token)


@pytest.fixture(scope="session")
def raw(server):
    """Raw HTTP (urllib) against the server, for status codes, exact bodies and broken requests."""
    return Raw(server.url, server.token)


@pytest.fixture
def gql(client):
    """GraphQL through `shopify.GraphQL().execute(...)`."""
    return GraphQLClient()


@pytest.fixture
def variant(client):
    """`variant("SK-3PK")` → the demo variant with that SKU, its stock topped up."""
    return find_variant


@pytest.fixture
def boots(client):
    """Summit Snowboard Boots, size 8, at 199.00: the price of Shopify's recorded iPod lines."""
    found = find_variant("BT-SUM-8")
    assert Decimal(found.price) == Decimal("199.00"), found
    return found


@pytest.fixture
def boots9(client):
    """Summit Snowboard Boots, size 9, also at 199.00."""
    found = find_variant("BT-SUM-9")
    assert Decimal(found.price) == Decimal("199.00"), found
    return found


@pytest.fixture
def bob(client):
    """The demo customer Bob Norman, whose default address is in Louisville, Kentucky."""
    found = shopify.Customer.search(query="email:bob.norman@example.com")
    assert [customer.email for customer in found] == ["bob.norman@example.com"], found
    customer = found[0]
    assert customer.default_address.province_code == "KY", customer.to_dict()
    return customer


@pytest.fixture
def ky_customer(client):
    """A new customer (created through REST) with the fixtures' Kentucky default address."""
    return kentucky_customer()
