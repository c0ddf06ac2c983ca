"""The customer's side of an invoice, in real headless Chromium: the email arrives at the SMTP
sink, its link opens the checkout, the customer fills in details, pays, and the draft becomes an
order, which the Admin API then shows."""
import re
from datetime import datetime, timezone
import secrets
from decimal import Decimal
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import http, parse_money

DRAFT_FIELDS = """
  id name status invoiceUrl version: updatedAt
  totalPriceSet { presentmentMoney { amount currencyCode } }
  order { name displayFinancialStatus transactions { gateway status amountSet { presentmentMoney { amount } } } }
"""

CREATE = """mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) {
  draftOrder { %s } userErrors { field message } } }""" % DRAFT_FIELDS

UPDATE = """mutation($id: ID!, $input: DraftOrderInput!) { draftOrderUpdate(id: $id, input: $input) {
  draftOrder { %s } userErrors { field message } } }""" % DRAFT_FIELDS

READ = "query($id: ID!) { draftOrder(id: $id) { %s } }" % DRAFT_FIELDS

SEND = """mutation($id: ID!, $email: EmailInput) { draftOrderInvoiceSend(id: $id, email: $email) {
  draftOrder { status } userErrors { field message } } }"""


def variant(admin, sku):
    """The demo variant with `sku`, topped up so that the suite can run again on the same shop."""
    nodes = admin.graphql("""query($q: String) { productVariants(first: 1, query: $q) { nodes { id
        inventoryItem { id } } } locations(first: 1) { nodes { id } } }""", q=f"sku:{sku}")
    found = nodes["productVariants"]["nodes"]
    assert found, f"the demo shop has no variant {sku}"
    admin.mutate("""mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) {
        userErrors { field message } } }""", "inventorySetQuantities", input={
        "name": "available", "reason": "correction", "ignoreCompareQuantity": True,
        "quantities": [{"inventoryItemId": found[0]["inventoryItem"]["id"],
                        "locationId": nodes["locations"]["nodes"][0]["id"], "quantity": 500}]})
    return found[0]["id"]


def create_draft(admin, **fields):
    return admin.mutate(CREATE, "draftOrderCreate", input=fields)["draftOrder"]


def draft(admin, draft_id):
    return admin.graphql(READ, id=draft_id)["draftOrder"]


def send_invoice(admin, mailbox, draft_id, to):
    """Sends the invoice and returns the link the customer got by email."""
    subject = f"Your quote {secrets.token_hex(4)}"
    admin.mutate(SEND, "draftOrderInvoiceSend", id=draft_id, email={"to": to, "subject": subject})
    message = mailbox.wait_for(to, subject)
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    links = re.findall(r"https?://\S+/invoices/[0-9a-f]{32}", text)
    assert links, text
    assert links[0] in html
    return links[0]


def page_total(browser):
    return parse_money(browser.find_element(By.ID, "total").text)


def assert_adds_up(browser):
    """What the customer reads adds up: the lines make the subtotal, and the subtotal with the
    discount, shipping and taxes (not included in prices here) makes the total."""
    # A discounted line shows its original total struck through, then what it costs.
    lines = [parse_money(row.find_elements(By.TAG_NAME, "td")[-1].text, last=True)[0]
             for row in browser.find_elements(By.CSS_SELECTOR, "tbody tr")]
    rows = {row.find_elements(By.TAG_NAME, "td")[0].text: parse_money(row.find_elements(By.TAG_NAME, "td")[-1].text)[0]
            for row in browser.find_elements(By.CSS_SELECTOR, "tfoot tr")}
    subtotal, total = rows.pop("Subtotal"), rows.pop("Total")
    assert sum(lines) == subtotal, (lines, subtotal)
    assert subtotal + sum(rows.values()) == total, (subtotal, rows, total)


def graphql_total(found):
    money = found["totalPriceSet"]["presentmentMoney"]
    return Decimal(money["amount"]), money["currencyCode"]


def fill(browser, **fields):
    for name, value in fields.items():
        element = browser.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)


def submit(browser, intent):
    """Clicks the form's button and waits until the next page has replaced this one. The old
    page is marked; while the browser navigates, questions to it may fail, and are asked again."""
    browser.execute_script("window.proformaOldPage = true")
    form = browser.find_element(By.CSS_SELECTOR, f'form input[name="intent"][value="{intent}"]')
    form.find_element(By.XPATH, "./ancestor::form//button[@type='submit']").click()
    WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,)).until(lambda b: b.execute_script(
        "return window.proformaOldPage === undefined && document.readyState === 'complete'"))


def alert_text(browser):
    return browser.find_element(By.CSS_SELECTOR, '[role="alert"]').text


def test_invoice_email_to_paid_order(admin, mailbox, browser, screenshot):
    socks = variant(admin, "SK-3PK")
    created = create_draft(admin, lineItems=[
        {"variantId": socks, "quantity": 3},
        {"title": "Gift wrap <b>& ribbon</b>", "originalUnitPrice": "4.50", "quantity": 1},
    ], appliedDiscount={"title": "Loyal customer", "valueType": "PERCENTAGE", "value": 10.0}, tags=["e2e"])
    link = send_invoice(admin, mailbox, created["id"], "buyer@example.test")
    assert urlsplit(link).netloc == urlsplit(admin.base_url).netloc

    browser.get(link)
    screenshot("1-invoice")
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Order {created['name']}"
    assert page_total(browser) == graphql_total(created)
    assert_adds_up(browser)
    # The custom title is shown as text, never as markup.
    assert "Gift wrap <b>& ribbon</b>" in browser.find_element(By.TAG_NAME, "tbody").text
    assert browser.find_elements(By.CSS_SELECTOR, "tbody b") == []
    # Discount codes are not allowed on this draft, so there is no box for one.
    assert browser.find_elements(By.NAME, "discount_code") == []

    # The customer fills in what is missing; Ontario tax and rates for Canada follow.
    fill(browser, email="buyer@example.test", first_name="Dana", last_name="Li", address1="220 King St W",
         city="Toronto", province_code="ON", country_code="CA", zip="M5H 1K4")
    submit(browser, "details")
    screenshot("2-details")
    assert "totals updated" in browser.find_element(By.CSS_SELECTOR, '[role="status"]').text
    after_details = draft(admin, created["id"])
    assert page_total(browser) == graphql_total(after_details)
    assert "HST" in browser.find_element(By.TAG_NAME, "tfoot").text

    # No rate is fixed, so the customer picks one of the rates for Canada.
    rates = Select(browser.find_element(By.NAME, "shipping_rate"))
    assert rates.first_selected_option.text == "Choose a shipping rate"
    titles = [option.text.split(" — ")[0] for option in rates.options]
    assert "Standard" in titles and "Express" not in titles, titles
    rates.select_by_visible_text(next(option.text for option in rates.options if option.text.startswith("Standard")))
    submit(browser, "details")
    with_shipping = draft(admin, created["id"])
    assert page_total(browser) == graphql_total(with_shipping)
    assert page_total(browser)[0] > graphql_total(after_details)[0]
    assert_adds_up(browser)
    assert "Shipping: Standard" in browser.find_element(By.TAG_NAME, "tfoot").text

    # Card 2 is declined by the test gateway: nothing is charged, the draft stays open.
    fill(browser, card_number="2", card_name="Dana Li", card_expiry="12/30", card_cvv="123")
    submit(browser, "pay_card")
    screenshot("3-declined")
    assert "declined" in alert_text(browser).lower()
    assert draft(admin, created["id"])["status"] != "COMPLETED"

    fill(browser, card_number="1", card_name="Dana Li", card_expiry="12/30", card_cvv="123")
    pay_form = {element.get_attribute("name"): element.get_attribute("value") for element in browser.find_elements(
        By.XPATH, "//input[@name='intent'][@value='pay_card']/ancestor::form//input")}
    submit(browser, "pay_card")
    screenshot("4-paid")
    order_name = browser.find_element(By.ID, "order-name").text
    placed = draft(admin, created["id"])
    assert placed["status"] == "COMPLETED"
    assert placed["order"]["name"] == order_name
    assert placed["order"]["displayFinancialStatus"] == "PAID"
    transactions = placed["order"]["transactions"]
    assert [(t["gateway"], t["status"]) for t in transactions] == [("Bogus Gateway", "SUCCESS")]
    assert Decimal(transactions[0]["amountSet"]["presentmentMoney"]["amount"]) == graphql_total(with_shipping)[0]

    # The same post again (a double click, a retry) shows the same order and charges nothing more.
    status, body = http("POST", link, pay_form)
    assert status == 200 and order_name in body
    assert len(draft(admin, created["id"])["order"]["transactions"]) == 1
    # The link is spent: it now answers a bare 404.
    assert http("GET", link) == (404, "Not Found")


def test_edited_after_sending_shows_the_current_draft(admin, mailbox, browser, screenshot):
    wax = variant(admin, "WX-UNI")
    created = create_draft(admin, lineItems=[{"variantId": wax, "quantity": 2}], email="rider@example.test",
                           presentmentCurrencyCode="CAD", allowDiscountCodesInCheckout=True,
                           shippingAddress={"address1": "1 Main St", "city": "Vancouver", "provinceCode": "BC",
                                            "countryCode": "CA", "zip": "V5K 0A1"})
    link = send_invoice(admin, mailbox, created["id"], "rider@example.test")
    browser.get(link)
    assert page_total(browser) == graphql_total(created)
    assert page_total(browser)[1] == "CAD"
    # Discount codes are allowed on this one.
    assert browser.find_elements(By.NAME, "discount_code") != []

    # Staff add a line while the customer has the page open.
    edited = admin.mutate(UPDATE, "draftOrderUpdate", id=created["id"], input={"lineItems": [
        {"variantId": wax, "quantity": 2}, {"title": "Rush handling", "originalUnitPrice": "15.00", "quantity": 1}]})
    edited = edited["draftOrder"]
    assert graphql_total(edited) != graphql_total(created)

    # Paying from the stale page is refused, and the page shows the new total.
    fill(browser, card_number="1", card_name="Sam Rider", card_expiry="12/30", card_cvv="123")
    submit(browser, "pay_card")
    screenshot("1-stale")
    assert "changed" in alert_text(browser)
    assert page_total(browser) == graphql_total(edited)
    assert draft(admin, created["id"])["status"] != "COMPLETED"

    fill(browser, card_number="1", card_name="Sam Rider", card_expiry="12/30", card_cvv="123")
    submit(browser, "pay_card")
    order = draft(admin, created["id"])["order"]
    assert browser.find_element(By.ID, "order-name").text == order["name"]
    assert Decimal(order["transactions"][0]["amountSet"]["presentmentMoney"]["amount"]) == graphql_total(edited)[0]


def test_pay_later_with_payment_terms(admin, mailbox, browser, screenshot):
    templates = admin.graphql("{ paymentTermsTemplates { id name paymentTermsType dueInDays } }")["paymentTermsTemplates"]
    net30 = next(t for t in templates if t["paymentTermsType"] == "NET" and t["dueInDays"] == 30)
    issued = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    created = create_draft(admin, lineItems=[{"variantId": variant(admin, "SK-3PK"), "quantity": 10}],
                           email="buyer@b2b.example.test", paymentTerms={"paymentTermsTemplateId": net30["id"], "paymentSchedules": [{"issuedAt": issued}]},
                           shippingAddress={"address1": "4500 Poplar Level Rd", "city": "Louisville",
                                            "provinceCode": "KY", "countryCode": "US", "zip": "40213"})
    link = send_invoice(admin, mailbox, created["id"], "buyer@b2b.example.test")
    browser.get(link)
    assert "Net 30" in browser.page_source
    screenshot("1-terms")
    submit(browser, "pay_later")
    screenshot("2-placed")
    assert "payment terms" in browser.find_element(By.TAG_NAME, "main").text.lower()
    order = draft(admin, created["id"])["order"]
    assert browser.find_element(By.ID, "order-name").text == order["name"]
    assert order["displayFinancialStatus"] == "PENDING"
    assert order["transactions"] == []


def test_links_reveal_nothing_and_forms_need_their_token(admin, mailbox):
    created = create_draft(admin, lineItems=[{"title": "Consulting hour", "originalUnitPrice": "80.00", "quantity": 1}])
    link = send_invoice(admin, mailbox, created["id"], "someone@example.test")
    unknown = link[:-32] + secrets.token_hex(16)
    assert http("GET", unknown) == (404, "Not Found")
    assert http("GET", link[:-32] + "not-a-token") == (404, "Not Found")
    # A post without the page's form token (another site's form) is refused and changes nothing.
    status, _ = http("POST", link, {"intent": "pay_card", "card_number": "1", "version": "1"})
    assert status == 403
    assert draft(admin, created["id"])["status"] == "INVOICE_SENT"
