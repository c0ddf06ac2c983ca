"""Webhooks from the live server to real receivers on loopback, written here in Python so that
the signature is checked with Shopify's published recipe, independently of the server's code."""
import base64
import hashlib
import hmac
import json
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import require

DRAFT = """mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id legacyResourceId } userErrors { message } } }"""
SUBSCRIBE = """mutation($topic: WebhookSubscriptionTopic!, $url: URL!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: {callbackUrl: $url}) {
    webhookSubscription { id } userErrors { field message } } }"""
UNSUBSCRIBE = """mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { userErrors { message } } }"""


def verify_webhook(data, hmac_header, secret):
    """Shopify's recipe: base64 of HMAC-SHA256 of the raw body, compared in constant time."""
    digest = hmac.new(secret.encode("utf-8"), data, digestmod=hashlib.sha256).digest()
    computed = base64.b64encode(digest)
    return hmac.compare_digest(computed, hmac_header.encode("utf-8"))


class Receiver:
    """Records every POST; `delay` seconds before answering, `statuses` answered in turn."""

    def __init__(self, port=0, delay=0.0, statuses=()):
        self.received = []
        self.delay = delay
        self.statuses = list(statuses)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.received.append((dict(self.headers), body))
                if receiver.delay:
                    time.sleep(receiver.delay)
                    receiver.delay = 0
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, count, timeout):
        deadline = time.time() + timeout
        while len(self.received) < count and time.time() < deadline:
            time.sleep(0.1)
        assert len(self.received) >= count, f"{len(self.received)} of {count} webhooks within {timeout} s"
        return self.received


@pytest.fixture
def secret():
    value = os.environ.get("PROFORMA_E2E_WEBHOOK_SECRET")
    require(value, "PROFORMA_E2E_WEBHOOK_SECRET is not set: run through scripts/test")
    return value


@pytest.fixture
def subscribe(admin):
    made = []

    def make(topic, url):
        payload = admin.mutate(SUBSCRIBE, "webhookSubscriptionCreate", topic=topic, url=url)
        made.append(payload["webhookSubscription"]["id"])

    yield make
    for subscription in made:
        admin.graphql(UNSUBSCRIBE, id=subscription)


def create_draft(admin, note):
    return admin.mutate(DRAFT, "draftOrderCreate", input={
        "note": note, "lineItems": [{"title": "Webhook test", "originalUnitPrice": "12.00", "quantity": 1}]})["draftOrder"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_signed_as_shopify_signs(admin, secret, subscribe):
    receiver = Receiver()
    try:
        subscribe("DRAFT_ORDERS_CREATE", receiver.url)
        draft = create_draft(admin, "signed")
        headers, body = receiver.wait_for(1, timeout=15)[0]
        assert verify_webhook(body, headers["X-Shopify-Hmac-Sha256"], secret)
        assert not verify_webhook(body + b" ", headers["X-Shopify-Hmac-Sha256"], secret)
        assert headers["X-Shopify-Topic"] == "draft_orders/create"
        assert headers["X-Shopify-Shop-Domain"] == "snowdevil.example"
        assert headers["X-Shopify-Webhook-Id"] and headers["X-Shopify-Event-Id"] and headers["X-Shopify-Triggered-At"]
        payload = json.loads(body)
        assert payload["id"] == int(draft["legacyResourceId"])
        assert payload["note"] == "signed"
        assert payload["admin_graphql_api_id"] == draft["id"]
    finally:
        receiver.stop()


def test_receiver_down_then_back_loses_nothing(admin, secret, subscribe):
    port = free_port()
    subscribe("DRAFT_ORDERS_CREATE", f"http://127.0.0.1:{port}/hooks")
    notes = [f"while down {n}" for n in range(3)]
    for note in notes:
        create_draft(admin, note)
    time.sleep(2)  # the first attempts fail: nothing listens
    receiver = Receiver(port=port)
    try:
        # The retries come 10 s after the failed attempts, each delivery with its own id.
        got = receiver.wait_for(3, timeout=30)
        assert sorted(json.loads(body)["note"] for _, body in got[:3]) == sorted(notes)
        assert all(verify_webhook(body, headers["X-Shopify-Hmac-Sha256"], secret) for headers, body in got)
        assert len({headers["X-Shopify-Webhook-Id"] for headers, _ in got[:3]}) == 3
    finally:
        receiver.stop()


def test_slow_and_failing_receivers_are_retried_with_the_same_id(admin, subscribe):
    # Slower than the 5 s timeout once, then a 500, then accepted.
    receiver = Receiver(delay=6, statuses=[200, 500])
    try:
        subscribe("DRAFT_ORDERS_CREATE", receiver.url)
        started = time.time()
        create_draft(admin, "patience")
        got = receiver.wait_for(3, timeout=60)
        ids = {headers["X-Shopify-Webhook-Id"] for headers, _ in got}
        assert len(ids) == 1, "every attempt of one delivery carries its id"
        # 10 s after the timeout, then 20 s after the 500: the waits grow.
        assert time.time() - started >= 30
    finally:
        receiver.stop()
