import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ProformaAPI
import ProformaApp
import ProformaCore
import ProformaServices
import ProformaTestSupport
import Testing

@Suite("Checkout pages behind invoice links")
struct CheckoutTests {
    /// The path of the draft's invoice link.
    static func path(_ draft: DraftOrder, api: APIHarness) throws -> String {
        let url = try #require(draft.invoiceToken.flatMap { api.components.services.draftOrders.invoiceLinks.url(shop: api.shop.id, token: $0) })
        return String(url.dropFirst("https://quotes.snowdevil.test".count))
    }

    static func get(_ path: String, _ api: APIHarness) async throws -> (HTTPResponse.Status, String) {
        let response = try await api.client.execute(uri: path, method: .get, headers: [:], body: nil)
        return (response.status, String(buffer: response.body))
    }

    static func post(_ path: String, _ fields: [String: String], _ api: APIHarness) async throws -> (HTTPResponse.Status, String) {
        let body = fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        let response = try await api.client.execute(uri: path, method: .post,
                                                    headers: [.contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: body))
        return (response.status, String(buffer: response.body))
    }

    /// The hidden fields of the page's form for `intent`.
    static func form(_ html: String, intent: String) throws -> [String: String] {
        let start = try #require(html.range(of: "name=\"intent\" value=\"\(intent)\""))
        let before = html[..<start.lowerBound]
        let formStart = try #require(before.range(of: "<form", options: .backwards))
        var fields: [String: String] = ["intent": intent]
        let chunk = html[formStart.lowerBound..<start.upperBound]
        let pattern = try NSRegularExpression(pattern: #"name="(\w+)" value="([^"]*)""#)
        for match in pattern.matches(in: String(chunk), range: NSRange(chunk.startIndex..., in: chunk)) {
            let text = String(chunk) as NSString
            fields[text.substring(with: match.range(at: 1))] = text.substring(with: match.range(at: 2))
        }
        return fields
    }

    static func draft(_ api: APIHarness, terms: Bool = false) async throws -> DraftOrder {
        var input = DraftOrderInput()
        input.email = .set("ann@example.com")
        input.lineItems = [.init(quantity: 2, title: "Custom <Tee>", originalUnitPrice: ExactDecimal("20.00"))]
        input.shippingAddress = .set(MailingAddressDraft(address1: "1 Main", city: "Louisville", provinceCode: "KY", countryCode: "US"))
        if terms { input.paymentTerms = .set(.init(templateID: 4, issuedAt: Timestamp(millisecondsSince1970: 1_735_689_600_000))) }
        return try await api.components.services.draftOrders.create(shop: api.shop.id, input)
    }

    @Test("the page shows the current draft, escaped, and recalculates the customer's address and rate", arguments: TestEngine.all)
    func page(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let draft = try await Self.draft(api)
            let path = try Self.path(draft, api: api)
            let (status, html) = try await Self.get(path, api)
            #expect(status == .ok)
            #expect(html.contains("Custom &lt;Tee&gt;"))
            #expect(!html.contains("Custom <Tee>"))
            #expect(html.contains("$42.40 USD"))
            #expect(html.contains("name=\"form_token\""))
            #expect(!html.contains("Discount code"))
            #expect(!html.contains("Pay later"))

            // Staff change the draft after the invoice went out: the customer sees the new total.
            var edit = DraftOrderInput()
            edit.lineItems = [.init(quantity: 3, title: "Custom <Tee>", originalUnitPrice: ExactDecimal("20.00"))]
            edit.shippingLine = .cleared
            _ = try await api.components.services.draftOrders.update(shop: api.shop.id, id: draft.id, edit)
            let (_, updated) = try await Self.get(path, api)
            #expect(updated.contains("$63.60 USD"))

            // The customer moves the delivery to Ontario and picks the standard rate.
            var details = try Self.form(updated, intent: "details")
            details.merge(["email": "ann@example.com", "first_name": "Ann", "address1": "9 Queen St", "city": "Toronto",
                           "province_code": "ON", "country_code": "CA", "zip": "M5H 2N2",
                           "shipping_rate": "proforma-rate-standard"]) { $1 }
            let (saved, afterDetails) = try await Self.post(path, details, api)
            #expect(saved == .ok)
            #expect(afterDetails.contains("totals updated"))
            // 60.00 + 10.00 shipping; GST 5% on the lines (3.00), Ontario 8% on lines and shipping (5.60).
            #expect(afterDetails.contains("$78.60 USD"))

            // Details typed against a page older than the draft are refused, and the page shows the draft now.
            var stale = details
            stale["version"] = "1"
            stale["city"] = "Ottawa"
            let (refused, stalePage) = try await Self.post(path, stale, api)
            #expect(refused == .unprocessableContent)
            #expect(stalePage.contains("changed while you were looking at it"))
            #expect(stalePage.contains("value=\"Toronto\""))

            // A forged post (no form token) is refused; unknown and malformed links are a bare 404.
            #expect(try await Self.post(path, ["intent": "details"], api).0 == .forbidden)
            let (missing, body) = try await Self.get("/\(api.shop.id.rawValue)/invoices/\(String(repeating: "a", count: 32))", api)
            #expect(missing == .notFound)
            #expect(body == "Not Found")
            #expect(try await Self.get("/\(api.shop.id.rawValue)/invoices/zz", api).0 == .notFound)
            #expect(try await Self.get("/999/invoices/\(path.suffix(32))", api).0 == .notFound)
        }
    }

    @Test("paying by card: declines and stale totals change nothing; a retried post charges once; then the link is gone",
          arguments: TestEngine.all)
    func pay(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let draft = try await Self.draft(api)
            let path = try Self.path(draft, api: api)
            let (_, html) = try await Self.get(path, api)
            var pay = try Self.form(html, intent: "pay_card")
            pay.merge(["card_name": "Ann", "card_expiry": "12/30", "card_cvv": "123"]) { $1 }

            pay["card_number"] = "2"
            let (declined, declinedPage) = try await Self.post(path, pay, api)
            #expect(declined == .unprocessableContent)
            #expect(declinedPage.contains("Your card was declined."))

            var stale = pay
            stale["card_number"] = "1"
            stale["version"] = "0"
            let (refused, stalePage) = try await Self.post(path, stale, api)
            #expect(refused == .unprocessableContent)
            #expect(stalePage.contains("changed while you were paying"))
            #expect(try await api.components.services.orders.count(shop: api.shop.id, matching: .matchAll, limit: nil) == 0)

            pay["card_number"] = "1"
            let (paid, success) = try await Self.post(path, pay, api)
            #expect(paid == .ok)
            #expect(success.contains("<strong id=\"order-name\">#1001</strong>"))
            let (retried, again) = try await Self.post(path, pay, api)
            #expect(retried == .ok)
            #expect(again.contains("#1001"))
            let orders = try await api.components.services.orders.orders(shop: api.shop.id, matching: .matchAll,
                                                                         sortedBy: .id, page: PageRequest(first: 5))
            #expect(orders.items.count == 1)
            #expect(orders.items.first?.transactions.map(\.gateway) == ["Bogus Gateway"])
            #expect(orders.items.first?.sourceName == "checkout")
            #expect(try await Self.get(path, api).0 == .notFound)
        }
    }

    @Test("card payments posted without an idempotency key, for two drafts, are two orders", arguments: TestEngine.all)
    func payWithoutKey(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            for expected in ["#1001", "#1002"] {
                let path = try Self.path(try await Self.draft(api), api: api)
                var pay = try Self.form(try await Self.get(path, api).1, intent: "pay_card")
                pay.merge(["card_name": "Ann", "card_expiry": "12/30", "card_cvv": "123", "card_number": "1"]) { $1 }
                pay["idempotency_key"] = nil
                let (status, page) = try await Self.post(path, pay, api)
                #expect(status == .ok && page.contains(expected), "\(status)")
            }
        }
    }

    @Test("pay later is offered only with payment terms and places a pending order", arguments: [TestEngine.sqlite])
    func payLater(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let draft = try await Self.draft(api, terms: true)
            let path = try Self.path(draft, api: api)
            let (_, html) = try await Self.get(path, api)
            #expect(html.contains("Your payment terms: Net 30."))
            let (status, success) = try await Self.post(path, try Self.form(html, intent: "pay_later"), api)
            #expect(status == .ok)
            #expect(success.contains("Payment is due by your payment terms."))
            let order = try #require(try await api.components.services.orders.orders(
                shop: api.shop.id, matching: .matchAll, sortedBy: .id, page: PageRequest(first: 1)).items.first)
            #expect(order.financialStatus == .pending)
        }
    }
}
