import Foundation
import HTTPTypes
import HummingbirdTesting
import ProformaAPI
import ProformaApp
import ProformaCore
import ProformaServices
import ProformaTestSupport
import Testing

/// The REST Admin API's draft orders, checked against Shopify's recorded REST exchanges: the
/// same requests give the same shapes and the same totals to the cent.
@Suite("REST draft orders")
struct RESTDraftOrderTests {
    static let kentucky: JSONValue = ["address1": "Chestnut Street 92", "city": "Louisville", "province_code": "KY",
                                      "country_code": "US", "zip": "40202", "phone": "555-625-1199"]
    static let ontario: JSONValue = ["address1": "9 Queen St", "city": "Toronto", "province_code": "ON",
                                     "country_code": "CA", "zip": "M5H 2N2"]

    /// A customer whose default address is in Kentucky, as in the recorded fixtures.
    static func bob(_ api: APIHarness) async throws -> Int {
        let created = try await api.rest(.post, "customers.json", json: ["customer": [
            "first_name": "Bob", "last_name": "Norman", "email": "bob.norman@mail.example.com",
            "addresses": [kentucky],
        ]])
        #expect(created.status == .created, "\(created.body)")
        return try #require(created.body["customer"]["id"].int)
    }

    /// A product whose variants cost 199.00, as the fixtures' variant does.
    static func boots(_ api: APIHarness) async throws -> [Int] {
        let location = try await api.components.services.shops.locations(shop: api.shop.id)[0].id
        let product = try await api.components.services.catalog.setProduct(shop: api.shop.id,
                                                                          Fixtures.boots(quantity: 20, location: location))
        return product.variants.map { Int($0.id.rawValue) }
    }

    static func create(_ api: APIHarness, _ draft: JSONValue) async throws -> JSONValue {
        let answer = try await api.rest(.post, "draft_orders.json", json: ["draft_order": draft])
        #expect(answer.status == .created, "\(answer.body)")
        return answer.body["draft_order"] ?? .null
    }

    static func money(_ draft: JSONValue) -> [String?] {
        ["total_price", "subtotal_price", "total_tax"].map { draft[$0].string }
    }

    @Test("create: custom line 2 × 20.00, order fixed 10.00, the customer's Kentucky address → 30.00 + 1.80 = 31.80",
          arguments: TestEngine.all)
    func createReference(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let bob = try await Self.bob(api)
            let draft = try await Self.create(api, [
                "line_items": [["title": "Custom Tee", "price": "20.00", "quantity": 2]],
                "applied_discount": ["description": "Custom discount", "value_type": "fixed_amount", "value": "10.0",
                                     "amount": "10.00", "title": "Custom"],
                "customer": ["id": .int(bob)], "use_customer_default_address": true,
            ])
            #expect(Self.money(draft) == ["31.80", "30.00", "1.80"])
            #expect(draft["name"].string == "#D1")
            #expect(draft["status"].string == "open")
            #expect(draft["email"].string == "bob.norman@mail.example.com")
            #expect(draft["currency"].string == "USD")
            #expect(draft["tags"].string == "")
            #expect(draft["note_attributes"] == [])
            #expect(draft["tax_lines"] == [["rate": 0.06, "title": "Tax", "price": "1.80",
                                            "price_set": ["shop_money": ["amount": "1.80", "currency_code": "USD"],
                                                          "presentment_money": ["amount": "1.80", "currency_code": "USD"]]]])
            #expect(draft["applied_discount"] == ["description": "Custom discount", "value": "10.0", "title": "Custom",
                                                  "amount": "10.00", "value_type": "fixed_amount"])
            #expect(draft["total_line_items_price_set"]["shop_money"] == ["amount": "40.00", "currency_code": "USD"])
            #expect(draft["total_discounts_set"]["presentment_money"] == ["amount": "10.00", "currency_code": "USD"])
            #expect(draft["amount_due_now_set"]["shop_money"]["amount"].string == "31.80")
            let line = draft["line_items"][0]
            #expect(line["title"].string == "Custom Tee")
            #expect(line["price"].string == "20.00")
            #expect(line["custom"].bool == true)
            #expect(line["variant_id"] == .null)
            #expect(line["fulfillment_service"].string == "manual")
            #expect(line["tax_lines"][0]["price"].string == "1.80")
            #expect(line["admin_graphql_api_id"].string == "gid://shopify/DraftOrderLineItem/\(line["id"].int ?? 0)")
            for address in ["shipping_address", "billing_address"] {
                #expect(draft[address]["province"].string == "Kentucky")
                #expect(draft[address]["country"].string == "United States")
                #expect(draft[address]["address1"].string == "Chestnut Street 92")
            }
            #expect(draft["customer"]["id"].int == bob)
            #expect(draft["customer"]["default_address"]["province_code"].string == "KY")
            #expect(draft["admin_graphql_api_id"].string == "gid://shopify/DraftOrder/\(draft["id"].int ?? 0)")
            #expect(draft["invoice_url"].string?.hasPrefix("https://quotes.snowdevil.test/\(api.shop.id.rawValue)/invoices/") == true)
        }
    }

    @Test("the recorded cases' totals, to the cent", arguments: TestEngine.all)
    func referenceTotals(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let boots = try await Self.boots(api)
            let shipping: JSONValue = ["title": "Courier", "price": "12.25", "custom": true]
            // Line 10% off 20.00, Ontario: GST 0.90 + 1.44.
            let percent = try await Self.create(api, [
                "line_items": [["title": "Custom Tee", "price": "20.00", "quantity": 1,
                                "applied_discount": ["value_type": "percentage", "value": "10.0", "title": "Ten"]]],
                "shipping_address": Self.ontario,
            ])
            #expect(Self.money(percent) == ["20.34", "18.00", "2.34"])
            #expect(percent["line_items"][0]["applied_discount"]["amount"].string == "2.00")
            #expect(percent["tax_lines"][0]["price"].string == "0.90")
            #expect(percent["tax_lines"][1]["price"].string == "1.44")
            // Line fixed 10.00 off 20.00, Ontario.
            let fixed = try await Self.create(api, [
                "line_items": [["title": "Custom Tee", "price": "20.00", "quantity": 1,
                                "applied_discount": ["value_type": "fixed_amount", "value": "10.0", "title": "Ten"]]],
                "shipping_address": Self.ontario,
            ])
            #expect(Self.money(fixed) == ["11.30", "10.00", "1.30"])
            // A 199.00 variant with only a billing address in Ontario, with only a shipping address, and alone.
            for addresses in [["billing_address": Self.ontario], ["shipping_address": Self.ontario]] as [[String: JSONValue]] {
                var body: [String: JSONValue] = ["line_items": [["variant_id": .int(boots[0]), "quantity": 1]]]
                body.merge(addresses) { $1 }
                let variant = try await Self.create(api, .object(body))
                #expect(Self.money(variant) == ["224.87", "199.00", "25.87"], "\(addresses.keys)")
                #expect(variant["line_items"][0]["title"].string == "Winter Boots")
                #expect(variant["line_items"][0]["custom"].bool == false)
            }
            let minimal = try await Self.create(api, ["line_items": [["variant_id": .int(boots[0]), "quantity": 1]]])
            #expect(minimal["total_price"].string == "210.94")  // the shop's Kentucky address: 6%
            // 199.00 with order 10% and a custom 12.25 shipping line, Kentucky.
            let tenPercent = try await Self.create(api, [
                "line_items": [["variant_id": .int(boots[0]), "quantity": 1]],
                "applied_discount": ["value_type": "percentage", "value": "10.0", "title": "Ten"],
                "shipping_line": shipping, "shipping_address": Self.kentucky,
            ])
            #expect(Self.money(tenPercent) == ["202.10", "179.10", "10.75"])
            #expect(tenPercent["applied_discount"]["amount"].string == "19.90")
            #expect(tenPercent["shipping_line"] == ["title": "Courier", "custom": true, "handle": nil, "price": "12.25",
                                                    "price_set": ["shop_money": ["amount": "12.25", "currency_code": "USD"],
                                                                  "presentment_money": ["amount": "12.25", "currency_code": "USD"]]])
            // 199.00 with order fixed 5.00.
            let fiveOff = try await Self.create(api, [
                "line_items": [["variant_id": .int(boots[0]), "quantity": 1]],
                "applied_discount": ["value_type": "fixed_amount", "value": "5.0", "title": "Five"],
                "shipping_line": shipping, "shipping_address": Self.kentucky,
            ])
            #expect(Self.money(fiveOff) == ["217.89", "194.00", "11.64"])
            // 826.00 with a 10.00 shipping line, Kentucky.
            let big = try await Self.create(api, [
                "line_items": [["title": "Team order", "price": "826.00", "quantity": 1]],
                "shipping_line": ["title": "Standard", "price": "10.00", "custom": true], "shipping_address": Self.kentucky,
            ])
            #expect(Self.money(big) == ["885.56", "826.00", "49.56"])
        }
    }

    @Test("PUT takes the whole object back as read, and partial edits", arguments: TestEngine.all)
    func update(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let boots = try await Self.boots(api)
            let bob = try await Self.bob(api)
            let created = try await Self.create(api, [
                "line_items": [["variant_id": .int(boots[0]), "quantity": 1],
                               ["title": "Engraving", "price": "15.00", "quantity": 1, "properties": [["name": "Text", "value": "Bob"]]]],
                "customer": ["id": .int(bob)], "use_customer_default_address": true,
                "shipping_line": ["title": "Courier", "price": "12.25"], "note_attributes": [["name": "gift", "value": "yes"]],
                "tags": "phone, rush",
            ])
            let id = try #require(created["id"].int)
            // What a client read is accepted back whole: read-only keys are ignored, totals stay.
            let again = try await api.rest(.put, "draft_orders/\(id).json", json: ["draft_order": created])
            #expect(again.status == .ok, "\(again.body)")
            let resaved = again.body["draft_order"] ?? .null
            #expect(Self.money(resaved) == Self.money(created))
            #expect(resaved["tags"].string == "phone, rush")
            #expect(resaved["note_attributes"] == [["name": "gift", "value": "yes"]])
            #expect(resaved["line_items"][1]["properties"] == [["name": "Text", "value": "Bob"]])
            #expect(resaved["customer"]["id"].int == bob)

            let note = try await api.rest(.put, "draft_orders/\(id).json", json: ["draft_order": ["note": "Call first",
                                                                                                  "applied_discount": ["value_type": "percentage", "value": "10", "title": "Ten"]]])
            #expect(note.body["draft_order"]["note"].string == "Call first")
            #expect(note.body["draft_order"]["line_items"].array?.count == 2)
            #expect(note.body["draft_order"]["applied_discount"]["amount"].string == "21.40")  // 10% of 199.00 + 15.00

            let replaced = try await api.rest(.put, "draft_orders/\(id).json", json: ["draft_order": [
                "line_items": [["title": "Only this", "price": "5.00", "quantity": 2]], "applied_discount": nil]])
            #expect(replaced.body["draft_order"]["line_items"].array?.count == 1)
            #expect(replaced.body["draft_order"]["subtotal_price"].string == "10.00")

            // A draft in Canadian dollars saved back whole keeps its prices: nothing is converted twice.
            func cad(_ amount: String, shop: String) -> JSONValue {
                ["shop_money": ["amount": .string(shop), "currency_code": "USD"],
                 "presentment_money": ["amount": .string(amount), "currency_code": "CAD"]]
            }
            let canadian = try await Self.create(api, [
                "presentment_currency": "CAD",
                "line_items": [["title": "Tee", "quantity": 1, "price_set": cad("25.00", shop: "20.00")]],
                "shipping_line": ["title": "Courier", "custom": true, "price_set": cad("10.00", shop: "8.00")],
            ])
            #expect(canadian["line_items"][0]["price_set"]["presentment_money"]["amount"].string == "25.00")
            let canadianAgain = try await api.rest(.put, "draft_orders/\(canadian["id"].int ?? 0).json", json: ["draft_order": canadian])
            #expect(canadianAgain.body["draft_order"]["line_items"][0]["price_set"] == canadian["line_items"][0]["price_set"])
            #expect(canadianAgain.body["draft_order"]["shipping_line"] == canadian["shipping_line"])
            #expect(canadianAgain.body["draft_order"]["total_price_set"] == canadian["total_price_set"])

            // A held draft read, its hold lapsed, and saved back whole: the old date is no change.
            let held = try await Self.create(api, ["line_items": [["variant_id": .int(boots[1]), "quantity": 1]],
                                                   "reserve_inventory_until": "2025-01-02T00:00:00Z"])
            #expect(held["reserve_inventory_until"].string == "2025-01-02T00:00:00Z")
            try #require(api.components.clock as? TestClock).advance(seconds: 3 * 86_400)
            let lapsed = try await api.rest(.put, "draft_orders/\(held["id"].int ?? 0).json", json: ["draft_order": held])
            #expect(lapsed.status == .ok, "\(lapsed.body)")
            let moved = try await api.rest(.put, "draft_orders/\(held["id"].int ?? 0).json",
                                           json: ["draft_order": ["reserve_inventory_until": "2025-01-03T00:00:00Z"]])
            #expect(moved.body == ["errors": ["reserve_inventory_until": ["must be in the future"]]])
        }
    }

    @Test("lists: fields, limit with Link cursors both ways, since_id, ids, status, updated_at, count, legacy path",
          arguments: TestEngine.all)
    func lists(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            var ids: [Int] = []
            for index in 0..<5 {
                let draft = try await Self.create(api, ["line_items": [["title": .string("Item \(index)"), "price": "1.00", "quantity": 1]]])
                ids.append(try #require(draft["id"].int))
            }
            _ = try await api.rest(.put, "draft_orders/\(ids[4])/complete.json")

            let first = try await api.rest(.get, "draft_orders.json?limit=2&fields=id,name")
            #expect(first.body["draft_orders"] == [["id": .int(ids[0]), "name": "#D1"], ["id": .int(ids[1]), "name": "#D2"]])
            let link = try #require(first.headers[HTTPField.Name("Link")!])
            #expect(!link.contains("rel=\"previous\""))
            let next = try #require(Self.url(link, rel: "next"))
            #expect(next.hasPrefix("https://quotes.snowdevil.test/admin/api/2025-07/draft_orders.json?limit=2&page_info="))
            let second = try await api.rest(.get, String(next.dropFirst("https://quotes.snowdevil.test".count)))
            #expect(second.body["draft_orders"].array?.map { $0["id"].int } == [ids[2], ids[3]])
            #expect(second.body["draft_orders"][0]?.objectValue?.keys.sorted() == ["id", "name"])
            let secondLink = try #require(second.headers[HTTPField.Name("Link")!])
            let back = try #require(Self.url(secondLink, rel: "previous"))
            let previous = try await api.rest(.get, String(back.dropFirst("https://quotes.snowdevil.test".count)))
            #expect(previous.body["draft_orders"].array?.map { $0["id"].int } == [ids[0], ids[1]])

            let since = try await api.rest(.get, "draft_orders.json?since_id=\(ids[2])&fields=id")
            #expect(since.body["draft_orders"].array?.map { $0["id"].int } == [ids[3], ids[4]])
            let chosen = try await api.rest(.get, "draft_orders.json?ids=\(ids[1]),\(ids[3])&fields=id")
            #expect(chosen.body["draft_orders"].array?.map { $0["id"].int } == [ids[1], ids[3]])
            let completed = try await api.rest(.get, "draft_orders.json?status=completed&fields=id,status")
            #expect(completed.body["draft_orders"] == [["id": .int(ids[4]), "status": "completed"]])
            let later = try await api.rest(.get, "draft_orders.json?updated_at_min=2999-01-01T00:00:00Z")
            #expect(later.body["draft_orders"] == [])
            #expect(try await api.rest(.get, "draft_orders/count.json").body == ["count": 5])
            #expect(try await api.rest(.get, "draft_orders/count.json?status=open").body == ["count": 4])
            // Unversioned paths, as older clients call them.
            #expect(try await api.rest(.get, "/admin/draft_orders/count.json").body == ["count": 5])
            let bad = try await api.rest(.get, "draft_orders.json?limit=251")
            #expect(bad.status == .badRequest)
            #expect(try await api.rest(.get, "draft_orders.json?status=lost").status == .badRequest)
            #expect(try await api.rest(.get, "draft_orders.json?page_info=garbage").status == .badRequest)
        }
    }

    static func url(_ link: String, rel: String) -> String? {
        for part in link.components(separatedBy: ", ") where part.contains("rel=\"\(rel)\"") {
            guard let start = part.firstIndex(of: "<"), let end = part.firstIndex(of: ">") else { return nil }
            return String(part[part.index(after: start)..<end])
        }
        return nil
    }

    @Test("send_invoice with defaults and with every field; a bad address is a 422", arguments: TestEngine.all)
    func sendInvoice(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let bob = try await Self.bob(api)
            let draft = try await Self.create(api, ["line_items": [["title": "Tee", "price": "20.00", "quantity": 1]],
                                                    "customer": ["id": .int(bob)]])
            let id = try #require(draft["id"].int)
            let defaults = try await api.rest(.post, "draft_orders/\(id)/send_invoice.json", json: ["draft_order_invoice": [:]])
            #expect(defaults.status == .ok, "\(defaults.body)")
            #expect(defaults.body == ["draft_order_invoice": ["to": "bob.norman@mail.example.com",
                                                              "from": "\"Snowdevil\" <owner@snowdevil.test>",
                                                              "subject": "Draft Order #D1", "custom_message": "", "bcc": []]])
            let custom = try await api.rest(.post, "draft_orders/\(id)/send_invoice.json", json: ["draft_order_invoice": [
                "to": "paul.norman@example.com", "from": "j.smith@example.com", "bcc": ["j.smith@example.com"],
                "subject": "Apple Computer Invoice", "custom_message": "Thank you for ordering!"]])
            #expect(custom.body == ["draft_order_invoice": ["to": "paul.norman@example.com", "from": "j.smith@example.com",
                                                            "subject": "Apple Computer Invoice",
                                                            "custom_message": "Thank you for ordering!", "bcc": ["j.smith@example.com"]]])
            let read = try await api.rest(.get, "draft_orders/\(id).json")
            #expect(read.body["draft_order"]["status"].string == "invoice_sent")
            #expect(read.body["draft_order"]["invoice_sent_at"].string != nil)
            let bad = try await api.rest(.post, "draft_orders/\(id)/send_invoice.json", json: ["draft_order_invoice": ["to": "nope"]])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body == ["errors": ["base": ["To is invalid"]]])
            let missing = try await api.rest(.post, "draft_orders/999/send_invoice.json", json: ["draft_order_invoice": [:]])
            #expect(missing.status == .notFound)
        }
    }

    @Test("complete: paid, payment pending, a named gateway, an unknown gateway; the order reads back", arguments: TestEngine.all)
    func complete(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let body: JSONValue = ["line_items": [["title": "Team order", "price": "826.00", "quantity": 1]],
                                   "shipping_line": ["title": "Standard", "price": "10.00"], "shipping_address": Self.kentucky]
            let paid = try #require(try await Self.create(api, body)["id"].int)
            let completed = try await api.rest(.put, "draft_orders/\(paid)/complete.json")
            #expect(completed.status == .ok)
            let draft = completed.body["draft_order"]
            #expect(draft["status"].string == "completed")
            #expect(draft["completed_at"].string != nil)
            let orderID = try #require(draft["order_id"].int)
            let order = try await api.rest(.get, "orders/\(orderID).json")
            #expect(order.body["order"]["name"].string == "#1001")
            #expect(order.body["order"]["financial_status"].string == "paid")
            #expect(order.body["order"]["total_price"].string == "885.56")
            #expect(order.body["order"]["line_items"][0]["price"].string == "826.00")
            #expect(order.body["order"]["shipping_lines"][0]["price"].string == "10.00")
            // Completing again answers the same order.
            let again = try await api.rest(.put, "draft_orders/\(paid)/complete.json")
            #expect(again.body["draft_order"]["order_id"].int == orderID)

            let pending = try #require(try await Self.create(api, body)["id"].int)
            let later = try await api.rest(.put, "draft_orders/\(pending)/complete.json?payment_pending=true")
            let pendingOrder = try await api.rest(.get, "orders/\(later.body["draft_order"]["order_id"].int ?? 0).json")
            #expect(pendingOrder.body["order"]["financial_status"].string == "pending")
            #expect(pendingOrder.body["order"]["total_outstanding"].string == "885.56")

            let gateway = try #require(try await api.components.services.shops.configuration(shop: api.shop.id)?
                .paymentGateways.first { $0.name == "Bank Deposit" }?.id)
            let named = try #require(try await Self.create(api, body)["id"].int)
            let bank = try await api.rest(.put, "draft_orders/\(named)/complete.json?payment_gateway_id=\(gateway.rawValue)")
            let bankOrder = try await api.rest(.get, "orders/\(bank.body["draft_order"]["order_id"].int ?? 0).json")
            #expect(bankOrder.body["order"]["payment_gateway_names"] == ["Bank Deposit"])
            let unknown = try #require(try await Self.create(api, body)["id"].int)
            let refused = try await api.rest(.put, "draft_orders/\(unknown)/complete.json?payment_gateway_id=424242")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body == ["errors": ["base": ["Invalid payment gateway"]]])

            let list = try await api.rest(.get, "orders.json?financial_status=pending&fields=name")
            #expect(list.body == ["orders": [["name": "#1002"]]])
            #expect(try await api.rest(.get, "orders/count.json").body == ["count": 3])
        }
    }

    @Test("NUL characters, which PostgreSQL cannot store, are a 400 on every engine and every door", arguments: TestEngine.all)
    func nulCharacters(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let body = try await api.rest(.post, "customers.json", json: ["customer": ["first_name": "An\u{0}n"]])
            #expect(body.status == .badRequest)
            #expect(body.body == ["errors": "Strings must not contain NUL characters"])
            #expect(try await api.rest(.get, "customers/search.json?query=a%00b").status == .badRequest)
            let variables = try await api.post("/admin/api/2025-10/graphql.json", json: [
                "query": "mutation($input: CustomerInput!) { customerCreate(input: $input) { userErrors { message } } }",
                "variables": ["input": ["firstName": "An\u{0}n"]]], token: api.token)
            #expect(variables.status == .badRequest)
            // Variables sent as a JSON string hide the escape from the body's own parse.
            let encoded = try await api.post("/admin/api/2025-10/graphql.json", json: [
                "query": "mutation($input: CustomerInput!) { customerCreate(input: $input) { userErrors { message } } }",
                "variables": #"{"input": {"firstName": "An\u0000n"}}"#], token: api.token)
            #expect(encoded.status == .badRequest)
            // Anywhere in the body, as for REST.
            let named = try await api.post("/admin/api/2025-10/graphql.json", json: [
                "query": "query Shop { shop { name } }", "operationName": "Sh\u{0}op"], token: api.token)
            #expect(named.status == .badRequest)
            let literal = try await api.post("/admin/api/2025-10/graphql.json", json: [
                "query": #"mutation { customerCreate(input: {firstName: "An\u0000n"}) { userErrors { message } } }"#], token: api.token)
            #expect(literal.status == .badRequest)
            #expect(try await api.rest(.get, "customers/count.json").body == ["count": 0])
        }
    }

    @Test("errors: 401, 403 without the scope, 404, 422 by field, 400 for bad bodies, delete", arguments: [TestEngine.sqlite])
    func errors(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let unauthorized = try await api.rest(.get, "draft_orders.json", token: "pfat_00000000000000000000000000000000")
            #expect(unauthorized.status == .unauthorized)
            #expect(unauthorized.body == ["errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"])
            let reader = try await api.components.services.access.createToken(shop: api.shop.id, name: "reader",
                                                                              scopes: ScopeSet([.readDraftOrders])).secret
            #expect(try await api.rest(.get, "draft_orders.json", token: reader).status == .ok)
            let forbidden = try await api.rest(.post, "draft_orders.json", json: ["draft_order": [:]], token: reader)
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.body == ["errors": "[API] This action requires merchant approval for write_draft_orders scope."])
            #expect(try await api.rest(.get, "customers.json", token: reader).status == .forbidden)

            #expect(try await api.rest(.get, "draft_orders/424242.json").body == ["errors": "Not Found"])
            #expect(try await api.rest(.get, "draft_orders/abc.json").status == .notFound)
            #expect(try await api.rest(.get, "/admin/api/2025-13/draft_orders.json").status == .notFound)

            let invalid = try await api.rest(.post, "draft_orders.json", json: ["draft_order": [
                "line_items": [["title": "Tee", "price": "abc", "quantity": 1]]]])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.body == ["errors": ["line_items[0].price": ["is not a number"]]])
            // Two free lines of huge quantities would overflow sums of units; quantities are bounded.
            let huge = try await api.rest(.post, "draft_orders.json", json: ["draft_order": ["line_items": [
                ["title": "Free", "price": "0.00", "quantity": .int(Int(Int64.max))],
                ["title": "Free", "price": "0.00", "quantity": .int(Int(Int64.max))]]]])
            #expect(huge.body == ["errors": ["line_items[0].quantity": ["must be less than or equal to 1000000"],
                                             "line_items[1].quantity": ["must be less than or equal to 1000000"]]])
            // A record named in the body that does not exist is a validation error, not a missing path.
            let unknownVariant = try await api.rest(.post, "draft_orders.json", json: ["draft_order": [
                "line_items": [["variant_id": 999_999, "quantity": 1]]]])
            #expect(unknownVariant.status == .unprocessableContent, "\(unknownVariant.body)")
            let duplicate = try await api.rest(.post, "customers.json", json: ["customer": ["email": "ann@example.com"]])
            #expect(duplicate.status == .created)
            let taken = try await api.rest(.post, "customers.json", json: ["customer": ["email": "ann@example.com"]])
            #expect(taken.body == ["errors": ["email": ["has already been taken"]]])
            #expect(try await api.rest(.get, "no_such_thing.json").body == ["errors": "Not Found"])
            let shop = try await api.rest(.get, "shop.json")
            #expect(shop.body["shop"]["name"].string == "Snowdevil")
            #expect(shop.body["shop"]["currency"].string == "USD")
            #expect(try await api.rest(.get, "locations.json").body["locations"].array?.count == 2)
            let empty = try await api.rest(.post, "draft_orders.json", json: ["draft_order": ["note": "nothing"]])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body["errors"]?.objectValue?.isEmpty == false)
            #expect(try await api.rest(.get, "draft_orders/count.json").body == ["count": 0])

            let garbage = try await api.rest(.post, "draft_orders.json", rawBody: "{not json")
            #expect(garbage.status == .badRequest)
            #expect(garbage.body == ["errors": "Invalid JSON in request body"])
            let form = try await api.rest(.post, "draft_orders.json", contentType: "application/x-www-form-urlencoded",
                                          rawBody: "draft_order[note]=x")
            #expect(form.status == .badRequest)
            let noRoot = try await api.rest(.post, "draft_orders.json", json: ["order": [:]])
            #expect(noRoot.status == .badRequest)
            #expect(noRoot.body == ["errors": ["draft_order": "Required parameter missing or invalid"]])

            let draft = try await Self.create(api, ["line_items": [["title": "Tee", "price": "1.00", "quantity": 1]]])
            let id = try #require(draft["id"].int)
            let deleted = try await api.rest(.delete, "draft_orders/\(id).json")
            #expect(deleted.status == .ok)
            #expect(deleted.body == [:])
            #expect(try await api.rest(.delete, "draft_orders/\(id).json").status == .notFound)
        }
    }
}
