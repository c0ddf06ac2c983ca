import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ProformaApp
import ProformaCore
import ProformaServices
import ProformaTestSupport
import Testing

/// The staff web admin over HTTP, in process, on both engines: sign-in, CSRF, roles, stale
/// saves and totals that match the API's calculation. The browser flow is in `e2e/`.
@Suite("Staff web admin")
struct StaffAdminTests {
    struct Page {
        var status: HTTPResponse.Status
        var body: String
        var headers: HTTPFields

        /// The session's CSRF token, from any form on the page.
        var csrf: String? {
            guard let range = body.range(of: #"name="csrf" value=""#) else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func request(_ api: APIHarness, _ method: HTTPRequest.Method, _ path: String, form: [(String, String)]? = nil,
                        cookie: String? = nil) async throws -> Page {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            let allowed = CharacterSet.alphanumerics
            body = ByteBuffer(string: form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
                .joined(separator: "&"))
        }
        let response = try await api.client.execute(uri: path, method: method, headers: headers, body: body)
        return Page(status: response.status, body: String(buffer: response.body), headers: response.headers)
    }

    /// Signs in and returns the session cookie.
    static func signIn(_ api: APIHarness, _ email: String, _ password: String) async throws -> String {
        let answer = try await request(api, .post, "/staff/login", form: [("email", email), ("password", password)])
        #expect(answer.status == .seeOther)
        let cookie = try #require(answer.headers[.setCookie])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
        return String(cookie.prefix { $0 != ";" })
    }

    static func staff(_ api: APIHarness, role: StaffRole = .admin) async throws -> String {
        let email = "\(role.rawValue)@snowdevil.test"
        _ = try await api.components.services.access.createStaff(shop: api.shop.id, email: email, password: "long enough", role: role)
        return try await signIn(api, email, "long enough")
    }

    static func variant(_ api: APIHarness) async throws -> VariantID {
        let location = try await api.components.services.shops.locations(shop: api.shop.id)[0].id
        return try await api.components.services.catalog.setProduct(
            shop: api.shop.id, Fixtures.boots(quantity: 20, location: location)).variants[0].id
    }

    @Test("sign-in: a generic refusal, throttled after repeated failures, then a session cookie", arguments: TestEngine.all)
    func signIn(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            _ = try await api.components.services.access.createStaff(shop: api.shop.id, email: "rep@snowdevil.test",
                                                                     password: "long enough")
            let anonymous = try await Self.request(api, .get, "/staff/drafts")
            #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/staff/login") == true)
            let unknown = try await Self.request(api, .post, "/staff/login", form: [("email", "nobody@x.test"), ("password", "x")])
            #expect(unknown.status == .unauthorized && unknown.body.contains("The email or password is not right."))
            for _ in 0..<3 {
                let wrong = try await Self.request(api, .post, "/staff/login",
                                                   form: [("email", "rep@snowdevil.test"), ("password", "wrong")])
                #expect(wrong.status == .unauthorized && wrong.body.contains("The email or password is not right."))
            }
            let throttled = try await Self.request(api, .post, "/staff/login",
                                                   form: [("email", "rep@snowdevil.test"), ("password", "long enough")])
            #expect(throttled.status == .tooManyRequests && throttled.headers[.retryAfter] != nil)
            // Another member signs in normally, and the session opens the admin.
            let cookie = try await Self.staff(api)
            #expect(try await Self.request(api, .get, "/staff/drafts", cookie: cookie).status == .ok)
        }
    }

    @Test("a post without the session's CSRF token is refused and changes nothing", arguments: TestEngine.all)
    func csrf(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let cookie = try await Self.staff(api)
            let editor = try await Self.request(api, .get, "/staff/drafts/new", cookie: cookie)
            let token = try #require(editor.csrf)
            let form = [("line_count", "1"), ("line_0_title", "Fitting"), ("line_0_price", "50.00"), ("line_0_quantity", "1"),
                        ("intent", "save")]
            // Another token of the same length: its first digit changed (never to itself).
            let other = (token.first == "0" ? "1" : "0") + token.dropFirst()
            for bad in [form, form + [("csrf", other)]] {
                #expect(try await Self.request(api, .post, "/staff/drafts/new", form: bad, cookie: cookie).status == .forbidden)
            }
            let all = SearchQuery(parsing: "")
            #expect(try await api.components.services.draftOrders.count(shop: api.shop.id, matching: all, limit: nil) == 0)
            let saved = try await Self.request(api, .post, "/staff/drafts/new", form: form + [("csrf", token)], cookie: cookie)
            #expect(saved.status == .seeOther)
            #expect(try await api.components.services.draftOrders.count(shop: api.shop.id, matching: all, limit: nil) == 1)
        }
    }

    @Test("the editor's totals are draftOrderCalculate's, and the timeline names who saved", arguments: TestEngine.all)
    func totals(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let cookie = try await Self.staff(api)
            let variant = try await Self.variant(api)
            let token = try #require(try await Self.request(api, .get, "/staff/drafts/new", cookie: cookie).csrf)
            let form = [("csrf", token), ("line_count", "2"), ("line_0_variant", String(variant.rawValue)), ("line_0_quantity", "3"),
                        ("line_0_discount_type", "PERCENTAGE"), ("line_0_discount_value", "10"),
                        ("line_1_title", "Fitting"), ("line_1_price", "25.00"), ("line_1_quantity", "2"), ("line_1_taxable", "on"),
                        ("discount_type", "FIXED_AMOUNT"), ("discount_value", "5"),
                        ("ship_country_code", "CA"), ("ship_province_code", "ON"), ("shipping", "custom"),
                        ("shipping_title", "Courier"), ("shipping_price", "12.00")]
            let fragment = try await Self.request(api, .post, "/staff/drafts/new", form: form + [("intent", "calculate")],
                                                  cookie: cookie)
            var input = DraftOrderInput()
            var line = DraftOrderInput.LineItem(variantID: variant, quantity: 3)
            line.appliedDiscount = AppliedDiscount(valueType: .percentage, value: ExactDecimal(10))
            input.lineItems = [line, .init(quantity: 2, title: "Fitting", originalUnitPrice: ExactDecimal("25.00"), taxable: true,
                                           requiresShipping: true)]
            input.appliedDiscount = .set(AppliedDiscount(valueType: .fixedAmount, value: ExactDecimal(5)))
            input.shippingAddress = .set(MailingAddressDraft(provinceCode: "ON", countryCode: "CA"))
            input.shippingLine = .set(.init(title: "Courier", price: ExactDecimal("12.00")))
            let expected = try await api.components.services.draftOrders.calculate(shop: api.shop.id, input)
            let total = Money(minorUnits: expected.calculation.total, currency: expected.presentmentCurrency).decimal.description
            #expect(expected.calculation.totalTax > 0)
            #expect(fragment.body.contains(#"id="total" data-amount="\#(total)""#), "\(fragment.body)")
            let saved = try await Self.request(api, .post, "/staff/drafts/new", form: form + [("intent", "save")], cookie: cookie)
            let location = try #require(saved.headers[.location])
            let page = try await Self.request(api, .get, location, cookie: cookie)
            #expect(page.body.contains(#"id="total" data-amount="\#(total)""#))
            #expect(page.body.contains("admin@snowdevil.test</strong> · Created"))
        }
    }

    @Test("a sales member cannot take payments, delete or open settings; an admin can", arguments: TestEngine.all)
    func roles(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            var input = DraftOrderInput()
            input.lineItems = [.init(quantity: 1, title: "Fitting", originalUnitPrice: ExactDecimal("50.00"))]
            let draft = try await api.components.services.draftOrders.create(shop: api.shop.id, input)
            let path = "/staff/drafts/\(draft.id.rawValue)"
            let sales = try await Self.staff(api, role: .sales)
            let page = try await Self.request(api, .get, path, cookie: sales)
            #expect(page.status == .ok && !page.body.contains("mark-paid") && !page.body.contains(#"id="delete""#))
            let token = try #require(page.csrf)
            for intent in ["mark_paid", "complete_pending", "delete"] {
                let forged = try await Self.request(api, .post, path, form: [("csrf", token), ("intent", intent)], cookie: sales)
                #expect(forged.status == .forbidden, "\(intent)")
            }
            #expect(try await Self.request(api, .get, "/staff/settings", cookie: sales).status == .forbidden)
            #expect(try await api.components.services.draftOrders.draft(shop: api.shop.id, id: draft.id)?.status == .open)

            let admin = try await Self.staff(api)
            let adminToken = try #require(try await Self.request(api, .get, path, cookie: admin).csrf)
            let paid = try await Self.request(api, .post, path, form: [("csrf", adminToken), ("intent", "mark_paid")], cookie: admin)
            #expect(paid.status == .seeOther)
            let order = try #require(try await api.components.services.orders.order(shop: api.shop.id, draft: draft.id))
            #expect(order.financialStatus == .paid)
            #expect(try await Self.request(api, .get, "/staff/settings", cookie: admin).status == .ok)
        }
    }

    @Test("saving over someone else's change is refused with 409 and keeps what was typed", arguments: TestEngine.all)
    func staleSave(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            var input = DraftOrderInput()
            input.lineItems = [.init(quantity: 1, title: "Fitting", originalUnitPrice: ExactDecimal("50.00"))]
            let draft = try await api.components.services.draftOrders.create(shop: api.shop.id, input)
            let cookie = try await Self.staff(api)
            let path = "/staff/drafts/\(draft.id.rawValue)"
            let token = try #require(try await Self.request(api, .get, path, cookie: cookie).csrf)
            var other = DraftOrderInput()
            other.note = .set("changed on the phone")
            _ = try await api.components.services.draftOrders.update(shop: api.shop.id, id: draft.id, other)
            let save = try await Self.request(api, .post, path, form: [
                ("csrf", token), ("version", String(draft.version)), ("line_count", "1"), ("line_0_title", "Fitting"),
                ("line_0_price", "50.00"), ("line_0_quantity", "1"), ("note", "typed by the rep"), ("intent", "save"),
            ], cookie: cookie)
            #expect(save.status == .conflict)
            #expect(save.body.contains(#"id="conflict""#) && save.body.contains("typed by the rep"))
            #expect(try await api.components.services.draftOrders.draft(shop: api.shop.id, id: draft.id)?.note == "changed on the phone")
        }
    }

    @Test("every value is escaped", arguments: [TestEngine.sqlite])
    func escaping(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            var input = DraftOrderInput()
            input.lineItems = [.init(quantity: 1, title: "<script>alert(1)</script>", originalUnitPrice: ExactDecimal("5.00"))]
            input.note = .set("\"><b>bold</b>")
            let draft = try await api.components.services.draftOrders.create(shop: api.shop.id, input)
            let page = try await Self.request(api, .get, "/staff/drafts/\(draft.id.rawValue)", cookie: try await Self.staff(api))
            #expect(!page.body.contains("<script>alert") && !page.body.contains("<b>bold"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test("settings: rates and gateways validated like the settings file, tokens shown once, a bad SMTP URL refused",
          arguments: TestEngine.all)
    func settings(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let cookie = try await Self.staff(api)
            let token = try #require(try await Self.request(api, .get, "/staff/settings", cookie: cookie).csrf)
            func post(_ form: [(String, String)]) async throws -> Page {
                try await Self.request(api, .post, "/staff/settings", form: [("csrf", token)] + form, cookie: cookie)
            }
            let shops = api.components.services.shops
            let before = try #require(try await shops.configuration(shop: api.shop.id))

            let bad = try await post([("intent", "add_tax_rate"), ("name", "PST"), ("country_code", "CA"),
                                      ("province_code", "BC"), ("rate", "abc")])
            #expect(bad.status == .unprocessableContent && bad.body.contains(#"<p class="field-error">must be a decimal"#))
            #expect(try await post([("intent", "add_tax_rate"), ("name", "PST"), ("country_code", "CA"), ("province_code", "BC"),
                                    ("rate", "7")]).status == .seeOther)
            #expect(try await post([("intent", "add_shipping_rate"), ("name", "Courier"), ("countries", "ca, us"),
                                    ("price", "12.50")]).status == .seeOther)
            #expect(try await post([("intent", "add_gateway"), ("name", "Wire transfer"), ("kind", "manual")]).status == .seeOther)
            var after = try #require(try await shops.configuration(shop: api.shop.id))
            #expect(after.taxRates.count == before.taxRates.count + 1)
            #expect(after.taxRates.last?.rate == ExactDecimal("0.07") && after.taxRates.last?.provinceCode == "BC")
            #expect(after.shippingRates.last?.price == Money("12.50", currency: after.shop.profile.currency))
            #expect(after.shippingRates.last?.countryCodes.map(\.rawValue) == ["CA", "US"])
            let wire = try #require(after.paymentGateways.first { $0.name == "Wire transfer" }?.id)
            let pst = try #require(after.taxRates.last?.id)
            #expect(try await post([("intent", "remove_tax_rate"), ("id", String(pst.rawValue))]).status == .seeOther)
            // The list was rewritten, so the same id from the old page is out of date, not another row.
            #expect(try await post([("intent", "remove_tax_rate"), ("id", String(pst.rawValue))]).status == .unprocessableContent)
            #expect(try await post([("intent", "remove_gateway"), ("id", String(wire.rawValue))]).status == .seeOther)
            after = try #require(try await shops.configuration(shop: api.shop.id))
            func withoutIDs(_ rates: [TaxRate]) -> [TaxRate] { rates.map { var rate = $0; rate.id = nil; return rate } }
            #expect(withoutIDs(after.taxRates) == withoutIDs(before.taxRates))
            #expect(!after.paymentGateways.contains { $0.name == "Wire transfer" })

            let smtp = try await post([("intent", "set_smtp"), ("smtp_url", "http://not-smtp")])
            #expect(smtp.status == .unprocessableContent && smtp.body.contains("SMTP URL must look like"))
            #expect(try await api.components.services.mail.smtpURL(shop: api.shop.id) == nil)
            #expect(try await post([("intent", "set_smtp"), ("smtp_url", "smtp://rep:hunter22@mail.test:587")]).status == .seeOther)
            let masked = try await Self.request(api, .get, "/staff/settings", cookie: cookie)
            #expect(masked.body.contains("mail.test") && !masked.body.contains("hunter22"))

            let created = try await post([("intent", "create_token"), ("name", "erp"), ("scopes", "read_orders")])
            let secret = try #require(created.body.range(of: #"id="new-token">"#).map {
                String(created.body[$0.upperBound...].prefix { $0 != "<" })
            })
            #expect(try await api.components.services.access.authenticate(secret: secret)?.name == "erp")
            #expect(!(try await Self.request(api, .get, "/staff/settings", cookie: cookie).body.contains(secret)))
        }
    }
}
