import Foundation
import HTTPTypes
import Logging
import ProformaAPI
import ProformaApp
import ProformaCore
import ProformaServices
import ProformaTestSupport
import Testing

@Suite("Draft orders API")
struct DraftOrderAPITests {
    static let money = "shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }"
    static let create = """
        mutation draftOrderCreate($input: DraftOrderInput!) {
          draftOrderCreate(input: $input) {
            draftOrder {
              id name status version invoiceUrl email note2 tags taxExempt taxesIncluded currencyCode presentmentCurrencyCode
              customAttributes { key value }
              subtotalPriceSet { \(money) } totalPriceSet { \(money) } totalTaxSet { \(money) }
              totalDiscountsSet { \(money) } totalShippingPriceSet { \(money) } lineItemsSubtotalPrice { \(money) }
              totalLineItemsPriceSet { \(money) }
              taxLines { title rate ratePercentage priceSet { \(money) } }
              appliedDiscount { title description value valueType amountSet { \(money) } }
              shippingLine { title custom originalPriceSet { \(money) } }
              shippingAddress { city province provinceCode country countryCodeV2 }
              lineItems(first: 10) { nodes { id name title custom quantity sku
                originalUnitPriceSet { \(money) } discountedTotalSet { \(money) } totalDiscountSet { \(money) }
                appliedDiscount { valueType value amountSet { \(money) } } taxLines { title priceSet { \(money) } }
                customAttributes { key value } weight { unit value } } }
              calculationTrace { taxAddressSource steps { kind subject description amountSet { \(money) } } }
              warnings { errorCode field message }
            }
            userErrors { field message }
          }
        }
        """

    static func amount(_ value: JSONValue?) -> String? { value["shopMoney"]["amount"].string }

    @Test("the recorded REST cases come out to the cent through GraphQL", arguments: TestEngine.all)
    func referenceTotals(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            // REST test 1: 2×20.00, order FIXED 10.00, Kentucky 6% → 30.00, 1.80, 31.80.
            let first = try await api.graphQL(Self.create, variables: ["input": [
                "lineItems": [["title": "Custom Tee", "originalUnitPrice": "20.00", "quantity": 2]],
                "appliedDiscount": ["description": "Custom discount", "valueType": "FIXED_AMOUNT", "value": 10.0, "amount": 10.0, "title": "Custom"],
                "shippingAddress": ["address1": "1 Main", "city": "Louisville", "provinceCode": "KY", "countryCode": "US"],
            ]])
            let draft = first["data"]["draftOrderCreate"]["draftOrder"]
            #expect(first["data"]["draftOrderCreate"]["userErrors"] == [])
            #expect(Self.amount(draft["subtotalPriceSet"]) == "30.0")
            #expect(Self.amount(draft["totalTaxSet"]) == "1.8")
            #expect(Self.amount(draft["totalPriceSet"]) == "31.8")
            #expect(Self.amount(draft["totalDiscountsSet"]) == "10.0")
            #expect(Self.amount(draft["totalLineItemsPriceSet"]) == "40.0")
            #expect(draft["taxLines"] == [["title": "Tax", "rate": 0.06, "ratePercentage": 6,
                                           "priceSet": ["shopMoney": ["amount": "1.8", "currencyCode": "USD"],
                                                        "presentmentMoney": ["amount": "1.8", "currencyCode": "USD"]]]])
            #expect(draft["name"].string == "#D1")
            #expect(draft["invoiceUrl"].string?.range(of: #"^https://quotes\.snowdevil\.test/\d+/invoices/[0-9a-f]{32}$"#,
                                                       options: .regularExpression) != nil)

            // REST test 2: 1×20.00 with a 10% line discount in Ontario → GST 0.90 + 1.44 = 20.34.
            let second = try await api.graphQL(Self.create, variables: ["input": [
                "lineItems": [["title": "Custom Tee", "originalUnitPrice": "20.00", "quantity": 1,
                               "appliedDiscount": ["valueType": "PERCENTAGE", "value": 10.0, "title": "Custom"]]],
                "billingAddress": ["address1": "123 Main St", "city": "Anytown", "province": "ON", "country": "Canada"],
            ]])
            let ontario = second["data"]["draftOrderCreate"]["draftOrder"]
            #expect(ontario["taxLines"].array?.map { "\($0["title"].string ?? "") \(Self.amount($0["priceSet"]) ?? "")" }
                    == ["GST 0.9", "Tax 1.44"])
            #expect(Self.amount(ontario["totalPriceSet"]) == "20.34")
            #expect(Self.amount(ontario["lineItems"]["nodes"][0]["totalDiscountSet"]) == "2.0")
            #expect(ontario["calculationTrace"]["taxAddressSource"].string == "BILLING_ADDRESS")
            #expect(ontario["name"].string == "#D2")
        }
    }

    @Test("the documented create example: legacy inputs, tax-exempt, names for addresses", arguments: [TestEngine.sqlite])
    func documentedCreate(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let result = try await api.graphQL(Self.create, variables: ["input": [
                "note": "Test draft order", "email": "test.user@shopify.com", "taxExempt": true, "tags": ["foo", "bar"],
                "shippingLine": ["title": "Custom Shipping", "price": 4.55],
                "shippingAddress": ["address1": "123 Main St", "city": "Waterloo", "province": "Ontario", "country": "Canada",
                                    "zip": "A1A 1A1"],
                "billingAddress": ["address1": "456 Main St", "city": "Toronto", "province": "Ontario", "country": "Canada",
                                   "zip": "Z9Z 9Z9"],
                "appliedDiscount": ["description": "damaged", "value": 5, "amount": 5, "valueType": "FIXED_AMOUNT", "title": "Custom"],
                "lineItems": [["title": "Custom product", "originalUnitPrice": 14.99, "quantity": 5,
                               "appliedDiscount": ["description": "wholesale", "value": 5, "amount": 3.74, "valueType": "PERCENTAGE",
                                                   "title": "Fancy"],
                               "weight": ["value": 1, "unit": "KILOGRAMS"],
                               "customAttributes": [["key": "color", "value": "Gold"], ["key": "material", "value": "Plastic"]]]],
                "customAttributes": [["key": "name", "value": "Achilles"], ["key": "city", "value": "Troy"]],
            ]])
            let draft = result["data"]["draftOrderCreate"]["draftOrder"]
            #expect(result["data"]["draftOrderCreate"]["userErrors"] == [])
            // 5 × 14.99 = 74.95; 5% = 3.75 (3.7475 rounds half away from zero); − 5.00 order discount; no tax.
            #expect(Self.amount(draft["lineItems"]["nodes"][0]["totalDiscountSet"]) == "3.75")
            #expect(Self.amount(draft["subtotalPriceSet"]) == "66.2")
            #expect(Self.amount(draft["totalShippingPriceSet"]) == "4.55")
            #expect(Self.amount(draft["totalTaxSet"]) == "0.0")
            #expect(Self.amount(draft["totalPriceSet"]) == "70.75")
            #expect(draft["tags"] == ["foo", "bar"])
            #expect(draft["note2"].string == "Test draft order")
            #expect(draft["shippingAddress"] == ["city": "Waterloo", "province": "Ontario", "provinceCode": "ON",
                                                 "country": "Canada", "countryCodeV2": "CA"])
            #expect(draft["lineItems"]["nodes"][0]["weight"] == ["unit": "KILOGRAMS", "value": 1])
            #expect(draft["customAttributes"] == [["key": "name", "value": "Achilles"], ["key": "city", "value": "Troy"]])
        }
    }

    @Test("presentment currency: converted prices are rounded, discounts are not; MoneyBags carry both", arguments: [TestEngine.sqlite])
    func presentment(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            // The fixture shop converts to CAD at 1.25 with prices rounded up to .99.
            let result = try await api.graphQL("""
                mutation($input: DraftOrderInput!) { draftOrderCalculate(input: $input) { calculatedDraftOrder {
                  presentmentCurrencyCode currencyCode totalPriceSet { \(Self.money) } totalDiscountsSet { \(Self.money) }
                  lineItems { originalUnitPriceSet { \(Self.money) } discountedTotalSet { \(Self.money) } } } userErrors { field message } } }
                """, variables: ["input": [
                    "presentmentCurrencyCode": "CAD", "taxExempt": true,
                    "appliedDiscount": ["valueType": "FIXED_AMOUNT", "value": 5, "description": "Loyalty"],
                    "lineItems": [
                        ["title": "Spring Promo Item", "originalUnitPrice": "10.0", "quantity": 2],
                        ["title": "Local item", "originalUnitPriceWithCurrency": ["amount": "7.00", "currencyCode": "CAD"], "quantity": 1],
                    ],
                ]])
            let draft = result["data"]["draftOrderCalculate"]["calculatedDraftOrder"]
            #expect(draft["presentmentCurrencyCode"].string == "CAD")
            #expect(draft["currencyCode"].string == "USD")
            #expect(draft["lineItems"][0]["originalUnitPriceSet"] == [
                "shopMoney": ["amount": "10.39", "currencyCode": "USD"], "presentmentMoney": ["amount": "12.99", "currencyCode": "CAD"],
            ])
            // 25.98 + 7.00 − 6.25 (5 USD at 1.25, not rounded to .99).
            #expect(draft["totalDiscountsSet"]["presentmentMoney"]["amount"].string == "6.25")
            #expect(draft["totalPriceSet"]["presentmentMoney"]["amount"].string == "26.73")
            #expect(draft["totalPriceSet"]["shopMoney"]["amount"].string == "21.38")
            #expect(try await api.graphQL("{ draftOrdersCount { count } }")["data"]["draftOrdersCount"]["count"].int == 0)
        }
    }

    @Test("userErrors: Shopify's messages, field paths, nothing written", arguments: TestEngine.all)
    func errors(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let empty = try await api.graphQL("""
                mutation { draftOrderCreate(input: {email: "x@example.com"}) { draftOrder { id } userErrors { message field } } }
                """)
            #expect(empty["data"]["draftOrderCreate"] == ["draftOrder": .null,
                                                          "userErrors": [["message": "Add at least 1 product", "field": .null]]])
            let missing = try await api.graphQL("""
                mutation { draftOrderUpdate(id: "gid://shopify/DraftOrder/123456", input: {note: "x"}) { draftOrder { id } userErrors { message field } } }
                """)
            #expect(missing["data"]["draftOrderUpdate"]["userErrors"] == [["message": "Draft order not found", "field": .null]])
            let bad = try await api.graphQL(Self.create, variables: ["input": ["lineItems": [
                ["title": "Zero", "originalUnitPrice": "1.00", "quantity": 0],
                ["variantId": "gid://shopify/ProductVariant/99999", "quantity": 1],
                ["title": "Percent", "originalUnitPrice": "1.00", "quantity": 1,
                 "appliedDiscount": ["valueType": "PERCENTAGE", "value": 150]],
                ["title": "Negative", "originalUnitPriceWithCurrency": ["amount": "-1", "currencyCode": "USD"], "quantity": 1],
                ["title": "Euro", "originalUnitPriceWithCurrency": ["amount": "1", "currencyCode": "EUR"], "quantity": 1],
            ]]])
            let fields = bad["data"]["draftOrderCreate"]["userErrors"].array?.compactMap { $0["field"].array?.compactMap(\.string) } ?? []
            #expect(fields.contains(["input", "lineItems", "0", "quantity"]))
            #expect(fields.contains(["input", "lineItems", "1", "variantId"]))
            #expect(fields.contains(["input", "lineItems", "2", "appliedDiscount", "value"]))
            #expect(fields.contains(["input", "lineItems", "3", "originalUnitPriceWithCurrency", "amount"]))
            #expect(fields.contains(["input", "lineItems", "4", "originalUnitPriceWithCurrency", "currencyCode"]))
            let lines = (0..<500).map { _ -> JSONValue in ["title": "x", "originalUnitPrice": "1", "quantity": 1] }
            let tooMany = try await api.graphQL(Self.create, variables: ["input": ["lineItems": .array(lines)]])
            #expect(tooMany["data"]["draftOrderCreate"]["userErrors"][0]["field"] == ["input", "lineItems"])
            #expect(try await api.graphQL("{ draftOrdersCount { count } }")["data"]["draftOrdersCount"]["count"].int == 0)
        }
    }

    @Test("update is partial, lineItems replace, expectedVersion refuses stale writes", arguments: TestEngine.all)
    func update(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let created = try await api.graphQL(Self.create, variables: ["input": [
                "lineItems": [["title": "Tee", "originalUnitPrice": "20.00", "quantity": 1]], "email": "a@example.com",
                "tags": ["one"], "shippingAddress": ["city": "Louisville", "provinceCode": "KY", "countryCode": "US"],
            ]])
            let id = try #require(created["data"]["draftOrderCreate"]["draftOrder"]["id"].string)
            let update = """
                mutation($id: ID!, $input: DraftOrderInput!, $version: Int) { draftOrderUpdate(id: $id, input: $input, expectedVersion: $version) {
                  draftOrder { version email tags shippingAddress { city } totalPriceSet { \(Self.money) } lineItems(first: 5) { nodes { title } } }
                  userErrors { field message } } }
                """
            let noted = try await api.graphQL(update, variables: ["id": .string(id), "input": ["note": "called"]])
            let draft = noted["data"]["draftOrderUpdate"]["draftOrder"]
            #expect(draft["version"].int == 2)
            #expect(draft["email"].string == "a@example.com")
            #expect(draft["tags"] == ["one"])
            #expect(draft["shippingAddress"]["city"].string == "Louisville")
            let replaced = try await api.graphQL(update, variables: ["id": .string(id), "version": 2, "input": [
                "lineItems": [["title": "Mug", "originalUnitPrice": "10.00", "quantity": 3]], "shippingAddress": .null]])
            #expect(replaced["data"]["draftOrderUpdate"]["draftOrder"]["lineItems"]["nodes"] == [["title": "Mug"]])
            #expect(replaced["data"]["draftOrderUpdate"]["draftOrder"]["shippingAddress"] == .null)
            let stale = try await api.graphQL(update, variables: ["id": .string(id), "version": 2, "input": ["note": "late"]])
            #expect(stale["data"]["draftOrderUpdate"]["draftOrder"] == .null)
            #expect(stale["data"]["draftOrderUpdate"]["userErrors"][0]["field"] == ["expectedVersion"])
        }
    }

    @Test("list, search, sort, count, tags, duplicate, delete", arguments: TestEngine.all)
    func listing(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            for index in 1...4 {
                try await api.graphQL(Self.create, variables: ["input": [
                    "lineItems": [["title": "Item", "originalUnitPrice": .string("\(index * 10).00"), "quantity": 1]],
                    "tags": index % 2 == 0 ? ["Wholesale"] : [],
                ]])
            }
            let listed = try await api.graphQL("""
                { draftOrders(first: 5, query: "status:open tag:wholesale", sortKey: TOTAL_PRICE, reverse: true) { nodes { name } } }
                """)
            #expect(listed["data"]["draftOrders"]["nodes"] == [["name": "#D4"], ["name": "#D2"]])
            let page = try await api.graphQL("{ draftOrders(first: 3) { edges { cursor } pageInfo { hasNextPage endCursor } } }")
            #expect(page["data"]["draftOrders"]["pageInfo"]["hasNextPage"].bool == true)
            let count = try await api.graphQL(#"{ all: draftOrdersCount { count precision } some: draftOrdersCount(query: "tag:wholesale", limit: 1) { count precision } }"#)
            #expect(count["data"]["all"] == ["count": 4, "precision": "EXACT"])
            #expect(count["data"]["some"] == ["count": 1, "precision": "AT_LEAST"])
            let tag = try await api.graphQL(#"{ draftOrderTag(id: "gid://shopify/DraftOrderTag/wholesale") { id handle title } }"#)
            #expect(tag["data"]["draftOrderTag"]["title"].string == "Wholesale")

            let duplicate = try await api.graphQL("""
                mutation { draftOrderDuplicate(id: "gid://shopify/DraftOrder/1") { draftOrder { name lineItems(first: 1) { nodes { title } } } userErrors { message } } }
                """)
            #expect(duplicate["data"]["draftOrderDuplicate"]["draftOrder"]["name"].string == "#D5")
            let deleted = try await api.graphQL("""
                mutation { draftOrderDelete(input: {id: "gid://shopify/DraftOrder/1"}) { deletedId userErrors { message } } }
                """)
            #expect(deleted["data"]["draftOrderDelete"] == ["deletedId": "gid://shopify/DraftOrder/1", "userErrors": []])
            let gone = try await api.graphQL(#"{ draftOrder(id: "gid://shopify/DraftOrder/1") { id } }"#)
            #expect(gone["data"]["draftOrder"] == .null)
        }
    }

    @Test("bulk tagging runs as a job that job(id) reports done", arguments: TestEngine.all)
    func bulk(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            for _ in 0..<3 {
                try await api.graphQL(Self.create, variables: ["input": ["lineItems": [["title": "I", "originalUnitPrice": "1", "quantity": 1]]]])
            }
            let queued = try await api.graphQL("""
                mutation { draftOrderBulkAddTags(search: "status:open", tags: ["Reviewed"]) { job { id done } userErrors { message } } }
                """)
            let jobID = try #require(queued["data"]["draftOrderBulkAddTags"]["job"]["id"].string)
            var done = false
            for _ in 0..<200 where !done {
                done = try await api.graphQL("query($id: ID!) { job(id: $id) { done } }", variables: ["id": .string(jobID)])["data"]["job"]["done"].bool ?? false
                if !done { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(done)
            let tagged = try await api.graphQL(#"{ draftOrdersCount(query: "tag:reviewed") { count } }"#)
            #expect(tagged["data"]["draftOrdersCount"]["count"].int == 3)
            let both = try await api.graphQL("""
                mutation { draftOrderBulkDelete(ids: ["gid://shopify/DraftOrder/1"], search: "x") { job { id } userErrors { message } } }
                """)
            #expect(both["data"]["draftOrderBulkDelete"]["userErrors"][0]["message"].string == "Provide either ids or search")
        }
    }

    @Test("delivery options and payment terms templates", arguments: [TestEngine.sqlite])
    func options(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let options = try await api.graphQL("""
                query($input: DraftOrderAvailableDeliveryOptionsInput!) { draftOrderAvailableDeliveryOptions(input: $input) {
                  availableShippingRates { handle title price { amount currencyCode } } } }
                """, variables: ["input": [
                    "lineItems": [["title": "Box", "originalUnitPrice": "5.00", "quantity": 1]],
                    "shippingAddress": ["city": "Toronto", "provinceCode": "ON", "countryCode": "CA"],
                ]])
            let rates = options["data"]["draftOrderAvailableDeliveryOptions"]["availableShippingRates"]
            #expect(rates[0]["title"].string == "Standard")
            let handle = try #require(rates[0]["handle"].string)
            let calculated = try await api.graphQL("""
                mutation($input: DraftOrderInput!) { draftOrderCalculate(input: $input) {
                  calculatedDraftOrder { currencyCode availableShippingRates { handle title } } } }
                """, variables: ["input": [
                    "lineItems": [["title": "Box", "originalUnitPrice": "5.00", "quantity": 1]],
                    "shippingAddress": ["city": "Toronto", "provinceCode": "ON", "countryCode": "CA"],
                ]])
            let calculatedDraft = calculated["data"]["draftOrderCalculate"]["calculatedDraftOrder"]
            #expect(calculatedDraft["availableShippingRates"][0]["handle"].string == handle)
            #expect(calculatedDraft["currencyCode"].string != nil)
            let created = try await api.graphQL(Self.create, variables: ["input": [
                "lineItems": [["title": "Box", "originalUnitPrice": "5.00", "quantity": 1]],
                "shippingAddress": ["city": "Toronto", "provinceCode": "ON", "countryCode": "CA"],
                "shippingLine": ["shippingRateHandle": .string(handle)],
            ]])
            let draft = created["data"]["draftOrderCreate"]["draftOrder"]
            #expect(draft["shippingLine"]["title"].string == "Standard")
            #expect(draft["shippingLine"]["custom"].bool == false)
            // Ontario's 8% applies to shipping in the fixture shop: 5.00 × 13% + 10.00 × 8%.
            #expect(Self.amount(draft["totalTaxSet"]) == "1.45")
            let templates = try await api.graphQL("{ paymentTermsTemplates(paymentTermsType: NET) { id name dueInDays } }")
            #expect(templates["data"]["paymentTermsTemplates"].array?.count == 6)
        }
    }

    @Test("values GraphQL accepts but a draft cannot hold are userErrors; calculate shows Shopify's shapes",
          arguments: [TestEngine.sqlite])
    func outOfRange(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let huge = try await api.graphQL(Self.create, variables: ["input": ["lineItems": [
                ["title": "Huge", "quantity": 1,
                 "originalUnitPriceWithCurrency": ["amount": "900000000000000000", "currencyCode": "USD"]],
                ["title": "Bolts", "originalUnitPrice": "1.00", "quantity": 2_000_000_000],
                ["title": "Discounted", "originalUnitPrice": "1.00", "quantity": 1,
                 "appliedDiscount": ["valueType": "FIXED_AMOUNT", "value": 1e30]],
            ]]])
            let fields = huge["data"]["draftOrderCreate"]["userErrors"].array?.compactMap { $0["field"].array?.compactMap(\.string) }
            #expect(fields == [["input", "lineItems", "0", "originalUnitPriceWithCurrency", "amount"],
                               ["input", "lineItems", "2", "appliedDiscount", "value"]])
            let bolts = try await api.graphQL(Self.create, variables: ["input": ["lineItems": [
                ["title": "Bolts", "originalUnitPrice": "10000000000000.00", "quantity": 1_000_000],
            ]]])
            #expect(bolts["data"]["draftOrderCreate"]["userErrors"][0]["field"] == ["input", "lineItems", "0"])

            let count = try await api.graphQL("{ draftOrdersCount(limit: 0) { count } }")
            #expect(count["errors"][0]["message"].string == "limit must be at least 1")

            let calculated = try await api.graphQL("""
                mutation($input: DraftOrderInput!) { draftOrderCalculate(input: $input) { calculatedDraftOrder {
                  shippingLine { id title } alerts { title content severity actions { title } } } userErrors { message } } }
                """, variables: ["input": ["lineItems": [["title": "Box", "originalUnitPrice": "5.00", "quantity": 1]],
                                           "shippingLine": ["title": "Courier", "price": "7.00"]]])
            #expect(calculated["data"]["draftOrderCalculate"]["calculatedDraftOrder"]
                    == ["shippingLine": ["id": .null, "title": "Courier"], "alerts": []])
        }
    }

    @Test("writing drafts needs write_draft_orders", arguments: [TestEngine.sqlite])
    func scopes(engine: TestEngine) async throws {
        try await APIHarness.run(engine, scopes: ScopeSet([.readDraftOrders])) { api in
            let result = try await api.graphQL(Self.create, variables: ["input": ["lineItems": []]])
            #expect(result["errors"][0]["extensions"]["code"].string == "ACCESS_DENIED")
            #expect(try await api.graphQL("{ draftOrders(first: 1) { nodes { id } } }")["errors"] == nil)
        }
    }
}

@Suite("Draft order listings")
struct DraftOrderListingTests {
    @Test("a page's customers are right however the query reaches them: nodes, edges, fragments, or not at all",
          arguments: TestEngine.all)
    func customersOnPages(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            var customerIDs: [String] = []
            for email in ["ana@example.com", "ben@example.com"] {
                let created = try await api.graphQL(CustomerInventoryAPITests.customerCreate, variables: ["input": [
                    "email": .string(email), "firstName": "Buyer"]])
                customerIDs.append(try #require(created["data"]["customerCreate"]["customer"]["id"].string))
            }
            for customer in customerIDs + [nil] {
                var input: [String: JSONValue] = ["lineItems": [["title": "Part", "originalUnitPrice": "5.00", "quantity": 1]]]
                if let customer { input["customerId"] = .string(customer) }
                let created = try await api.graphQL(DraftOrderAPITests.create, variables: ["input": .object(input)])
                #expect(created["data"]["draftOrderCreate"]["userErrors"] == [])
            }
            let expected: [JSONValue?] = [.string("ana@example.com"), .string("ben@example.com"), nil]
            let byNodes = try await api.graphQL("{ draftOrders(first: 10) { nodes { customer { email } } } }")
            #expect(byNodes["data"]["draftOrders"]["nodes"].array?.map { $0["customer"]["email"] } == expected)
            let byEdges = try await api.graphQL("{ draftOrders(first: 10) { edges { node { customer { email } } } } }")
            #expect(byEdges["data"]["draftOrders"]["edges"].array?.map { $0["node"]["customer"]["email"] } == expected)
            let byFragment = try await api.graphQL("""
                { draftOrders(first: 10) { ...Page } }
                fragment Page on DraftOrderConnection { nodes { ... on DraftOrder { buyer: customer { email } } } }
                """)
            #expect(byFragment["data"]["draftOrders"]["nodes"].array?.map { $0["buyer"]["email"] } == expected)
            // Fields that wait on the database, beside ones answered at once, on the same objects.
            let mixed = try await api.graphQL("""
                { draftOrders(first: 10) { nodes { name purchasingEntity { ... on Customer { email } }
                  customer { displayName amountSpent { currencyCode } } } } }
                """)
            let mixedNodes = try #require(mixed["data"]["draftOrders"]["nodes"].array)
            #expect(mixedNodes.map { $0["purchasingEntity"]["email"] } == expected)
            #expect(mixedNodes.map { $0["customer"]["amountSpent"]["currencyCode"] } == [.string("USD"), .string("USD"), nil])
            #expect(mixedNodes.map { $0["name"].string } == ["#D1", "#D2", "#D3"])
            let without = try await api.graphQL("{ draftOrders(first: 10) { nodes { name } } }")
            #expect(without["data"]["draftOrders"]["nodes"].array?.count == 3)
            let rest = try await api.rest(.get, "/admin/api/2025-10/draft_orders.json")
            #expect(rest.body["draft_orders"].array?.map { $0["customer"]["email"] } == expected)
        }
    }
}
