"""The staff web admin in real headless Chromium, against the live server: a phone order taken in
the editor (its totals checked against the Admin API's draftOrderCalculate), its invoice sent
and paid by the customer in a browser of their own, with the stock, draft and order that follow;
a stale edit refused; what a sales member may not do; posts without their form token; a failed
sign-in."""
import os
import re
import secrets
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import http, require
from test_checkout import fill, submit

SESSION_COOKIE = "proforma_session"
# The totals panel's elements, as in Shopify's admin: the lines after their own discounts, the
# order discount (negative), shipping, taxes, total; so the rows add up to the total.
TOTALS = ("subtotal", "discount-total", "shipping-total", "tax-total", "total")
MONEY_FIELDS = ("lineItemsSubtotalPrice", "subtotalPriceSet", "totalShippingPriceSet", "totalTaxSet", "totalPriceSet")
# The editor's shipping address fields (`ship_…`) and MailingAddressInput's.
ADDRESS = {"first_name": "firstName", "last_name": "lastName", "address1": "address1", "city": "city",
           "province_code": "provinceCode", "country_code": "countryCode", "zip": "zip"}

CUSTOMER = """{ customers(first: 1) { nodes { id firstName lastName email defaultAddress { city zip } } } }"""
CATALOG = """{ products(first: 10) { edges { node { title variants(first: 5) { edges { node {
  id sku inventoryItem { id tracked } } } } } } } }"""
LEVELS = """query($id: ID!) { inventoryItem(id: $id) { inventoryLevels(first: 5) { edges { node {
  quantities(names: ["available", "reserved", "committed"]) { name quantity } } } } } }"""
CALCULATE = """mutation($input: DraftOrderInput!) { draftOrderCalculate(input: $input) { calculatedDraftOrder {
  %s availableShippingRates { handle price { amount } } } userErrors { field message } } }""" % " ".join(
    f"{field} {{ shopMoney {{ amount }} }}" for field in MONEY_FIELDS)
DRAFT = """query($id: ID!) { draftOrder(id: $id) { name status note2 reserveInventoryUntil
  totalPriceSet { shopMoney { amount } } order { name displayFinancialStatus } } }"""
CREATE = """mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) {
  draftOrder { id legacyResourceId name } userErrors { field message } } }"""
UPDATE = """mutation($id: ID!, $input: DraftOrderInput!) { draftOrderUpdate(id: $id, input: $input) {
  draftOrder { id } userErrors { field message } } }"""


@pytest.fixture(scope="module")
def logins():
    """Role → (email, password): the demo's admin, and the sales member scripts/lib/server.sh creates."""
    found = {role: (os.environ.get(f"PROFORMA_E2E_{prefix}_EMAIL"), os.environ.get(f"PROFORMA_E2E_{prefix}_PASSWORD"))
             for role, prefix in (("admin", "STAFF"), ("sales", "SALES"))}
    require(all(all(pair) for pair in found.values()), "the staff logins are not set: run through scripts/test")
    return found


# --- The browser

def wait(browser, condition, message="", timeout=30):
    return WebDriverWait(browser, timeout, ignored_exceptions=(WebDriverException,)).until(condition, message)


def leave_page(browser, action):
    """Does `action` and waits until the next page has replaced this one (marked, as in test_checkout)."""
    browser.execute_script("window.proformaOldPage = true")
    action()
    wait(browser, lambda b: b.execute_script(
        "return window.proformaOldPage === undefined && document.readyState === 'complete'"), "no new page")


def press(browser, button):
    """Clicks a button that posts, or a link (the element, or its id), and waits for the page it leads to."""
    if isinstance(button, str):
        button = browser.find_element(By.ID, button)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    leave_page(browser, button.click)


def type_into(browser, field_id, text):
    field = browser.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(text)


def choose(browser, select_id, value):
    Select(browser.find_element(By.ID, select_id)).select_by_value(value)


def value(browser, field_id):
    return browser.find_element(By.ID, field_id).get_attribute("value")


def text(browser, element_id):
    return browser.find_element(By.ID, element_id).text.strip()


def path(browser):
    return urlsplit(browser.current_url).path


def sign_in(browser, admin, email, password, screenshot=None):
    """Signs in from a browser without any session."""
    browser.get(admin.base_url + "/staff/login")
    browser.delete_all_cookies()
    type_into(browser, "email", email)
    type_into(browser, "password", password)
    if screenshot:
        screenshot("admin-login")
    press(browser, "sign-in")


def as_member(browser):
    """Headers for a request outside the browser, as the member signed in there (their cookie)."""
    cookie = browser.get_cookie(SESSION_COOKIE)
    assert cookie, "the browser has no session cookie"
    return {"Cookie": f"{SESSION_COOKIE}={cookie['value']}"}


def screen_totals(browser):
    """The totals panel's amounts, by element id, for those shown."""
    return {name: Decimal(element.get_attribute("data-amount"))
            for name in TOTALS for element in browser.find_elements(By.CSS_SELECTOR, f"#totals #{name}")}


def draft_names(browser):
    return [link.text.strip() for link in browser.find_elements(By.CSS_SELECTOR, "tr.draft-row a")]


# --- The Admin API

def levels(admin, item_id):
    edges = admin.graphql(LEVELS, id=item_id)["inventoryItem"]["inventoryLevels"]["edges"]
    return [{quantity["name"]: quantity["quantity"] for quantity in edge["node"]["quantities"]} for edge in edges]


def stock(admin, item_id):
    """The item's available, reserved and committed units over all locations."""
    found = levels(admin, item_id)
    return {name: sum(level[name] for level in found) for name in ("available", "reserved", "committed")}


def stocked_variants(admin, count=2, need=3):
    """The first tracked variants, of `count` different products, with at least `need` units available."""
    picked = []
    for product in admin.graphql(CATALOG)["products"]["edges"]:
        for edge in product["node"]["variants"]["edges"]:
            variant = edge["node"]
            if variant["sku"] and variant["inventoryItem"]["tracked"] \
                    and stock(admin, variant["inventoryItem"]["id"])["available"] >= need:
                picked.append(dict(variant, title=product["node"]["title"]))
                break
        if len(picked) == count:
            return picked
    pytest.fail(f"the demo catalog has fewer than {count} products with {need} units in stock")


def calculate(admin, draft_input):
    """draftOrderCalculate's totals as the totals panel shows them (no discount row without a
    discount), and its rates' handles, dearest first."""
    found = admin.mutate(CALCULATE, "draftOrderCalculate", input=draft_input)["calculatedDraftOrder"]
    money = {field: Decimal(found[field]["shopMoney"]["amount"]) for field in MONEY_FIELDS}
    totals = {"subtotal": money["lineItemsSubtotalPrice"],
              "discount-total": money["subtotalPriceSet"] - money["lineItemsSubtotalPrice"],
              "shipping-total": money["totalShippingPriceSet"], "tax-total": money["totalTaxSet"],
              "total": money["totalPriceSet"]}
    if not totals["discount-total"]:
        del totals["discount-total"]
    rates = sorted(found["availableShippingRates"], key=lambda rate: -Decimal(rate["price"]["amount"]))
    return totals, [rate["handle"] for rate in rates]


def create_draft(admin, **fields):
    fields.setdefault("lineItems", [{"title": "Board tune-up", "originalUnitPrice": "45.00", "quantity": 1}])
    return admin.mutate(CREATE, "draftOrderCreate", input=fields)["draftOrder"]


def read_draft(admin, draft_id):
    return admin.graphql(DRAFT, id=draft_id)["draftOrder"]


def drafts_count(admin):
    return admin.graphql("{ draftOrdersCount { count } }")["draftOrdersCount"]["count"]


# --- The tests

def test_phone_order_to_paid_order(admin, mailbox, browser, customer_browser, screenshot, logins):
    customer = admin.graphql(CUSTOMER)["customers"]["nodes"][0]
    first, second = stocked_variants(admin)
    quantities = {first["sku"]: 2, second["sku"]: 1}
    before = {variant["sku"]: stock(admin, variant["inventoryItem"]["id"]) for variant in (first, second)}

    sign_in(browser, admin, *logins["admin"], screenshot=screenshot)
    assert path(browser) == "/staff/drafts"
    press(browser, "new-draft")
    assert path(browser) == "/staff/drafts/new"

    # The caller is an existing customer: found by name, their address and email come along.
    type_into(browser, "customer_query", customer["lastName"])
    press(browser, "find-customer")
    press(browser, browser.find_element(By.CSS_SELECTOR, f'button.choose-customer[data-email="{customer["email"]}"]'))
    assert customer["email"] in text(browser, "customer-chosen")
    assert value(browser, "email") == customer["email"]
    assert (value(browser, "ship_city"), value(browser, "ship_zip")) == (
        customer["defaultAddress"]["city"], customer["defaultAddress"]["zip"])

    # Two catalog lines, found by title; each result shows the stock at each location.
    for index, variant in enumerate((first, second)):
        type_into(browser, "product_query", variant["title"])
        press(browser, "find-products")
        add = browser.find_element(By.CSS_SELECTOR, f'button.add-variant[data-sku="{variant["sku"]}"]')
        assert variant["title"] in add.get_attribute("data-title")
        row = add.find_element(By.XPATH, "./ancestor::tr[contains(concat(' ', @class, ' '), ' variant-result ')]")
        shown = [int(number) for number in re.findall(r"\d+", row.find_element(By.CSS_SELECTOR, ".stock").text)]
        for level in levels(admin, variant["inventoryItem"]["id"]):
            assert level["available"] == 0 or level["available"] in shown, (level, shown)
        if index == 0:
            screenshot("admin-catalog")
        press(browser, add)
        assert browser.find_elements(By.ID, f"line_{index}_quantity")

    type_into(browser, "custom_title", "Rush engraving")
    type_into(browser, "custom_price", "15.00")
    type_into(browser, "custom_quantity", "1")
    press(browser, "add-custom")

    type_into(browser, "line_0_quantity", str(quantities[first["sku"]]))
    choose(browser, "line_0_discount_type", "PERCENTAGE")
    type_into(browser, "line_0_discount_value", "10")
    choose(browser, "discount_type", "FIXED_AMOUNT")
    type_into(browser, "discount_value", "5")
    type_into(browser, "discount_title", "Phone order")
    type_into(browser, "tags", "phone")
    type_into(browser, "note", "Called in; wants the engraving by Friday.")
    # Rates are listed for the draft as last submitted: submit the lines and discounts first.
    press(browser, "recalculate")

    custom = {"title": "Rush engraving", "originalUnitPrice": "15.00", "quantity": 1}
    for flag, field in (("taxable", "taxable"), ("shipping", "requiresShipping")):
        box = browser.find_elements(By.NAME, f"line_2_{flag}")
        if box:
            custom[field] = box[0].is_selected()
    draft_input = {
        "purchasingEntity": {"customerId": customer["id"]}, "email": value(browser, "email"),
        "lineItems": [{"variantId": first["id"], "quantity": quantities[first["sku"]],
                       "appliedDiscount": {"valueType": "PERCENTAGE", "value": 10.0}},
                      {"variantId": second["id"], "quantity": quantities[second["sku"]]}, custom],
        "appliedDiscount": {"valueType": "FIXED_AMOUNT", "value": 5.0, "title": "Phone order"},
        "shippingAddress": {key: value(browser, "ship_" + name) for name, key in ADDRESS.items()
                            if value(browser, "ship_" + name)},
        "taxExempt": browser.find_element(By.ID, "tax_exempt").is_selected(),
    }
    options = [option.get_attribute("value") for option in Select(browser.find_element(By.ID, "shipping")).options]
    api_rates = calculate(admin, draft_input)[1]
    assert "" in options and "custom" in options, options
    assert api_rates and sorted(handle for handle in options if handle not in ("", "custom")) == sorted(api_rates)

    # The dearest rate (the snowboards may ship free); choosing it updates the totals by script,
    # without a post, and Recalculate agrees.
    rate = api_rates[0]
    draft_input["shippingLine"] = {"shippingRateHandle": rate}
    expected, _ = calculate(admin, draft_input)
    live = browser.find_element(By.ID, "totals").get_attribute("data-live")
    choose(browser, "shipping", rate)
    wait(browser, lambda b: b.find_element(By.ID, "totals").get_attribute("data-live") != live
         and screen_totals(b) == expected, f"the live totals never became {expected}")
    press(browser, "recalculate")
    assert Select(browser.find_element(By.ID, "shipping")).first_selected_option.get_attribute("value") == rate
    assert screen_totals(browser) == expected
    press(browser, "explain")
    assert browser.find_elements(By.CSS_SELECTOR, "ol#trace li")

    reserve = (date.today() + timedelta(days=7)).isoformat()
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "reserve_until"), reserve)
    screenshot("admin-editor")
    press(browser, "save")
    saved_path = re.fullmatch(r"/staff/drafts/(\d+)", path(browser))
    assert saved_path, browser.current_url
    draft_id = "gid://shopify/DraftOrder/" + saved_path.group(1)
    name = text(browser, "draft-name")
    assert re.fullmatch(r"#D\d+", name) and text(browser, "draft-status") == "OPEN"
    assert browser.find_elements(By.CSS_SELECTOR, ".notice")
    assert screen_totals(browser) == expected
    saved = read_draft(admin, draft_id)
    assert (saved["name"], saved["status"]) == (name, "OPEN")
    assert Decimal(saved["totalPriceSet"]["shopMoney"]["amount"]) == expected["total"]
    assert saved["reserveInventoryUntil"].startswith(reserve), saved["reserveInventoryUntil"]
    timeline = [entry.text for entry in browser.find_elements(By.CSS_SELECTOR, "ol.timeline li")]
    assert any(logins["admin"][0] in entry and "Created" in entry for entry in timeline), timeline
    # Saving with a reserve-until date holds the units.
    for variant in (first, second):
        held = stock(admin, variant["inventoryItem"]["id"])
        assert held["reserved"] == before[variant["sku"]]["reserved"] + quantities[variant["sku"]], (variant["sku"], held)
    screenshot("admin-draft")

    # The invoice, to an address of this run's own, so that no other run's message matches.
    to = f"buyer-{secrets.token_hex(4)}@example.test"
    assert value(browser, "invoice_subject") == f"Draft Order {name}"
    type_into(browser, "invoice_to", to)
    type_into(browser, "invoice_message", "Thanks for your call.")
    press(browser, "preview-invoice")
    assert "Thanks for your call." in text(browser, "invoice-preview")
    type_into(browser, "invoice_to", to)
    type_into(browser, "invoice_message", "Thanks for your call.")
    press(browser, "send-invoice")
    assert text(browser, "draft-status") == "INVOICE_SENT"
    assert browser.find_elements(By.CSS_SELECTOR, ".notice")
    message = mailbox.wait_for(to, f"Draft Order {name}")
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/invoices/[0-9a-f]{32}", body)
    assert link, body
    link = link.group(0)
    assert value(browser, "invoice-link") == link
    assert browser.find_elements(By.ID, "copy-link")

    # The list: under its tab, and found by its name.
    browser.get(admin.base_url + "/staff/drafts")
    press(browser, "tab-invoice_sent")
    assert name in draft_names(browser)
    search = browser.find_element(By.ID, "q")
    search.clear()
    leave_page(browser, lambda: search.send_keys(name + Keys.ENTER))
    assert name in draft_names(browser)
    screenshot("admin-drafts")

    # The customer, on their own machine: no admin for them, and they pay with the test card.
    customer_browser.get(admin.base_url + "/staff/drafts/" + saved_path.group(1))
    assert path(customer_browser) == "/staff/login"
    customer_browser.get(link)
    fill(customer_browser, card_number="1", card_name=f"{customer['firstName']} {customer['lastName']}",
         card_expiry="12/30", card_cvv="123")
    submit(customer_browser, "pay_card")
    order_name = customer_browser.find_element(By.ID, "order-name").text.strip()

    browser.get(admin.base_url + saved_path.group(0))
    assert text(browser, "draft-status") == "COMPLETED"
    order_link = browser.find_element(By.ID, "order-link")
    assert re.search(r"/staff/orders/\d+$", order_link.get_attribute("href"))
    press(browser, order_link)
    assert (text(browser, "order-name"), text(browser, "financial-status")) == (order_name, "PAID")
    screenshot("admin-order")
    assert read_draft(admin, draft_id)["order"] == {"name": order_name, "displayFinancialStatus": "PAID"}
    browser.get(admin.base_url + "/staff/orders")
    assert any(order_name in row.text for row in browser.find_elements(By.CSS_SELECTOR, "tr.order-row"))
    screenshot("admin-orders")
    # The held units are now committed to the order.
    for variant in (first, second):
        after = stock(admin, variant["inventoryItem"]["id"])
        was, quantity = before[variant["sku"]], quantities[variant["sku"]]
        assert after["reserved"] == was["reserved"], (variant["sku"], was, after)
        assert after["committed"] == was["committed"] + quantity, (variant["sku"], was, after)
        assert after["available"] == was["available"] - quantity, (variant["sku"], was, after)


def test_stale_edit_is_refused_and_keeps_what_was_typed(admin, browser, screenshot, logins):
    created = create_draft(admin, note="Wants it gift-wrapped")
    sign_in(browser, admin, *logins["admin"])
    browser.get(f"{admin.base_url}/staff/drafts/{created['legacyResourceId']}")
    type_into(browser, "note", "Typed in the browser")
    # Someone else changes the draft while the page is open.
    admin.mutate(UPDATE, "draftOrderUpdate", id=created["id"], input={"note": "Changed meanwhile"})
    press(browser, "save")
    screenshot("admin-conflict")
    assert browser.find_element(By.ID, "conflict").is_displayed()
    assert value(browser, "note") == "Typed in the browser"
    assert read_draft(admin, created["id"])["note2"] == "Changed meanwhile"


def test_sales_member_cannot_mark_paid_or_open_settings(admin, browser, screenshot, logins):
    created = create_draft(admin)
    page = f"{admin.base_url}/staff/drafts/{created['legacyResourceId']}"
    sign_in(browser, admin, *logins["sales"])
    assert path(browser) == "/staff/drafts"
    browser.get(page)
    assert text(browser, "draft-name") == created["name"]
    for admin_only in ("mark-paid", "complete-pending", "delete"):
        assert browser.find_elements(By.ID, admin_only) == [], f"a sales member sees #{admin_only}"
    screenshot("sales-draft")

    # A forged post, with the member's own cookie and valid form token, is still refused.
    headers = as_member(browser)
    csrf = browser.find_element(By.NAME, "csrf").get_attribute("value")
    status, body = http("POST", page, {"csrf": csrf, "intent": "mark_paid", "gateway": ""}, headers=headers)
    assert status == 403 and "Not allowed" in body, (status, body[:500])
    assert read_draft(admin, created["id"])["status"] == "OPEN"

    assert http("GET", admin.base_url + "/staff/settings", headers=headers)[0] == 403
    browser.get(admin.base_url + "/staff/settings")
    assert browser.find_element(By.TAG_NAME, "h1").text.strip() == "Not allowed"
    screenshot("sales-settings")

    # Signing out ends the session: its cookie opens nothing any more.
    press(browser, "sign-out")
    assert path(browser) == "/staff/login"
    assert http("POST", page, {"csrf": csrf, "intent": "save"}, headers=headers)[0] == 401


def test_post_without_form_token_is_refused(admin, browser, logins):
    sign_in(browser, admin, *logins["admin"])
    browser.get(admin.base_url + "/staff/drafts/new")
    headers = as_member(browser)
    # The cookie alone opens the editor, so the refusals below are for the missing token, not the session.
    status, body = http("GET", admin.base_url + "/staff/drafts/new", headers=headers)
    assert status == 200 and re.search(r"""id=["']?draft-form""", body)
    count = drafts_count(admin)
    forged = {"intent": "save", "line_count": "1", "line_0_title": "Forged", "line_0_price": "1.00",
              "line_0_quantity": "1", "note": "forged"}
    assert http("POST", admin.base_url + "/staff/drafts/new", forged, headers=headers)[0] == 403
    assert http("POST", admin.base_url + "/staff/drafts/new", dict(forged, csrf="0" * 32), headers=headers)[0] == 403
    assert drafts_count(admin) == count


def test_failed_login_says_nothing_about_which_part_was_wrong(admin, browser, screenshot, logins):
    email, password = logins["admin"]
    unknown = f"nobody-{secrets.token_hex(4)}@snowdevil.example"
    for attempt in ((email, password + "-wrong"), (unknown, password)):
        sign_in(browser, admin, *attempt)
        assert path(browser) == "/staff/login"
        assert "The email or password is not right." in browser.find_element(By.CSS_SELECTOR, ".errors").text
        assert browser.get_cookie(SESSION_COOKIE) is None
    screenshot("admin-login-failed")
    # The right password still works (and clears the failure count for the next suites).
    sign_in(browser, admin, email, password)
    assert path(browser) == "/staff/drafts"


def test_admin_sees_customers_and_settings(admin, browser, screenshot, logins):
    customer = admin.graphql(CUSTOMER)["customers"]["nodes"][0]
    sign_in(browser, admin, *logins["admin"])
    browser.get(admin.base_url + "/staff/customers")
    screenshot("admin-customers")
    press(browser, browser.find_element(By.CSS_SELECTOR, f'a[href$="/staff/customers/{customer["id"].split("/")[-1]}"]'))
    assert customer["email"] in browser.find_element(By.TAG_NAME, "body").text

    browser.get(admin.base_url + "/staff/settings")
    for section in ("tokens", "tax-rates", "shipping-rates", "gateways", "email", "webhooks"):
        assert browser.find_elements(By.ID, section), f"no #{section} in the settings"
    secret = os.environ.get("PROFORMA_E2E_WEBHOOK_SECRET")
    if secret:
        # An input: its value, not its text.
        assert browser.find_element(By.ID, "webhook-secret").get_attribute("value") == secret
    screenshot("admin-settings")
