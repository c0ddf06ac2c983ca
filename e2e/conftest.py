"""Fixtures for the end-to-end suites: a running Proforma server (started by scripts/test),
its Admin API, the SMTP sink's mailbox, and headless Chromium driven by Selenium.

With CI set, a missing server, browser or mailbox fails the run; elsewhere it skips.
"""
import base64
import email
import email.policy
import glob
import json
import os
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal

import pytest


def require(condition, reason):
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(reason + " (CI is set, so this fails instead of skipping)")
    pytest.skip(reason)


class Admin:
    """The Admin GraphQL API, as an integration would call it."""

    def __init__(self, base_url, token):
        self.base_url = base_url
        self.token = token

    def graphql(self, query, **variables):
        body = json.dumps({"query": query, "variables": variables}).encode()
        request = urllib.request.Request(
            self.base_url + "/admin/api/2025-10/graphql.json", data=body, method="POST",
            headers={"Content-Type": "application/json", "X-Shopify-Access-Token": self.token})
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        assert "errors" not in answer, answer
        return answer["data"]

    def mutate(self, query, field, **variables):
        """Runs a mutation and returns its payload, failing on any userError."""
        payload = self.graphql(query, **variables)[field]
        assert payload["userErrors"] == [], payload["userErrors"]
        return payload


@pytest.fixture(scope="session")
def admin():
    url, token = os.environ.get("PROFORMA_E2E_URL"), os.environ.get("PROFORMA_E2E_TOKEN")
    require(url and token, "PROFORMA_E2E_URL and PROFORMA_E2E_TOKEN are not set: run through scripts/test")
    return Admin(url, token)


class Mailbox:
    """The messages the SMTP sink accepted, one .eml file each."""

    def __init__(self, folder):
        self.folder = folder

    def wait_for(self, recipient, subject, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for path in glob.glob(os.path.join(self.folder, "*.eml")):
                with open(path, "rb") as handle:
                    message = email.message_from_binary_file(handle, policy=email.policy.default)
                if recipient in message["X-Envelope-To"] and message["Subject"] == subject:
                    return message
            time.sleep(0.2)
        pytest.fail(f"no message to {recipient} with subject {subject!r} within {timeout} s")


@pytest.fixture(scope="session")
def mailbox():
    folder = os.environ.get("PROFORMA_E2E_MAIL")
    require(folder and os.path.isdir(folder), "PROFORMA_E2E_MAIL is not an SMTP sink folder: run through scripts/test")
    return Mailbox(folder)


def find_executable(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium():
    """A new headless Chromium session, with a profile (so cookies) of its own."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = find_executable("chromium", "chromium-browser", "google-chrome")
    driver_path = find_executable("chromedriver")
    require(binary and driver_path, "Chromium and chromedriver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,900",
                     "--disable-gpu", "--lang=en-US"):
        options.add_argument(argument)
    # The paths are given, so Selenium Manager has nothing to download.
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="session")
def browser():
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture
def customer_browser():
    """A second Chromium beside `browser`, sharing none of its cookies: the customer's own machine."""
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture
def screenshot(browser, request):
    """Saves a full-page screenshot under PROFORMA_E2E_SCREENSHOTS, named after the test."""
    folder = os.environ.get("PROFORMA_E2E_SCREENSHOTS", ".build/screenshots/local")
    os.makedirs(folder, exist_ok=True)

    def take(step):
        # The whole page, not just the window: Chromium's DevTools protocol can capture beyond it.
        size = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
        path = os.path.join(folder, f"{request.node.name}-{step}.png")
        with open(path, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
        return path

    return take


MONEY = re.compile(r"(-?)\D*?([\d,]+(?:\.\d+)?) ([A-Z]{3})")


def parse_money(text, last=False):
    """'$1,234.50 USD' → (Decimal('1234.50'), 'USD'); the first amount in the text, or the last."""
    matches = list(MONEY.finditer(text))
    assert matches, f"no amount in {text!r}"
    sign, digits, currency = matches[-1 if last else 0].groups()
    return Decimal(sign + digits.replace(",", "")), currency


def http(method, url, form=None, headers=None):
    """A plain request outside the browser: (status, body)."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
