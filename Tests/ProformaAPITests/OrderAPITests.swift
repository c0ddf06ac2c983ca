import Foundation
import ProformaAPI
import ProformaApp
import ProformaCore
import ProformaServices
import ProformaTestSupport
import Testing

@Suite("GraphQL invoices, completion and orders")
struct OrderAPITests {
    static let create = """
        mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id name } userErrors { field message } } }
        """
    static let input: JSONValue = [
        "email": "ann@example.com",
        "lineItems": [["title": "Custom <Tee>", "originalUnitPrice": "20.00", "quantity": 2]],
        "shippingAddress": ["address1": "1 Main", "city": "Louisville", "provinceCode": "KY", "countryCode": "US"],
        "tags": ["phone"],
    ]

    func gatewayID(_ api: APIHarness, _ name: String) async throws -> String {
        let gateways = try await api.components.services.shops.configuration(shop: api.shop.id)?.paymentGateways ?? []
        let id = try #require(gateways.first { $0.name == name }?.id)
        return "gid://shopify/PaymentGateway/\(id.rawValue)"
    }

    @Test("invoice preview and send: Shopify's defaults and errors, the email in the outbox, delivered by the worker",
          arguments: TestEngine.all)
    func invoices(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let id = try #require(try await api.graphQL(Self.create, variables: ["input": Self.input])["data"]["draftOrderCreate"]["draftOrder"]["id"].string)
            let preview = try await api.graphQL("""
                mutation($id: ID!) { draftOrderInvoicePreview(id: $id) { previewHtml previewSubject userErrors { message } } }
                """, variables: ["id": .string(id)])["data"]["draftOrderInvoicePreview"]
            #expect(preview["previewSubject"] == "Draft Order #D1")
            let html = try #require(preview["previewHtml"].string)
            #expect(html.contains("Invoice #D1 from Snowdevil"))
            #expect(html.contains("Custom &lt;Tee&gt;"))
            #expect(html.contains("$42.40 USD"))

            let send = """
                mutation($id: ID!, $email: EmailInput) {
                  draftOrderInvoiceSend(id: $id, email: $email) { draftOrder { id status invoiceSentAt } userErrors { field message } }
                }
                """
            let invalid = try await api.graphQL(send, variables: ["id": .string(id), "email": ["subject": "valid subject", "to": "invalid recipient"]])
            #expect(invalid["data"]["draftOrderInvoiceSend"]["userErrors"] == [["field": .null, "message": "To is invalid"]])
            #expect(invalid["data"]["draftOrderInvoiceSend"]["draftOrder"]["status"] == "OPEN")

            let sent = try await api.graphQL(send, variables: ["id": .string(id), "email": [
                "customMessage": "Thanks for the call!", "bcc": ["sales@snowdevil.test"]]])["data"]["draftOrderInvoiceSend"]
            #expect(sent["userErrors"] == [])
            #expect(sent["draftOrder"]["status"] == "INVOICE_SENT")
            #expect(sent["draftOrder"]["invoiceSentAt"].string != nil)
            let again = try await api.graphQL(send, variables: ["id": .string(id)])["data"]["draftOrderInvoiceSend"]
            #expect(again["draftOrder"]["status"] == "INVOICE_SENT")

            // The worker delivers both queued emails through the file mailer (this loop, or the
            // server's own runner, whichever claims each job first).
            var files: [URL] = []
            for _ in 0..<100 {
                while try await api.components.services.jobs.runOnce(handlers: api.components.services.jobHandlers) {}
                files = ((try? FileManager.default.contentsOfDirectory(at: api.mailFolder, includingPropertiesForKeys: nil)) ?? [])
                    .filter { $0.pathExtension == "eml" }
                if files.count >= 2 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(files.count == 2)
            let messages = try files.map { try String(contentsOf: $0, encoding: .utf8) }
            let first = try #require(messages.first { $0.contains("Thanks for the call!") })
            #expect(first.contains("X-Envelope-To: ann@example.com, sales@snowdevil.test"))
            #expect(first.contains("Subject: Draft Order #D1"))
            #expect(first.contains("Content-Type: multipart/alternative"))
            #expect(!first.contains("Bcc:"))
            #expect(first.contains("/invoices/"))
        }
    }

    @Test("completion: invalid gateway, paid through a gateway, pending, mark as paid, orders search, draft from order",
          arguments: TestEngine.all)
    func completion(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let complete = """
                mutation($id: ID!, $gateway: ID, $pending: Boolean) {
                  draftOrderComplete(id: $id, paymentGatewayId: $gateway, paymentPending: $pending) {
                    draftOrder { id status completedAt order { id name displayFinancialStatus paymentGatewayNames
                      totalPriceSet { shopMoney { amount } } totalOutstandingSet { shopMoney { amount } }
                      lineItems(first: 5) { nodes { title quantity discountedTotalSet { shopMoney { amount } } } }
                      transactions { kind status gateway amountSet { shopMoney { amount } } } tags sourceName } }
                    userErrors { field message }
                  }
                }
                """
            let first = try #require(try await api.graphQL(Self.create, variables: ["input": Self.input])["data"]["draftOrderCreate"]["draftOrder"]["id"].string)
            let invalid = try await api.graphQL(complete, variables: ["id": .string(first), "gateway": "gid://shopify/PaymentGateway/12121213"])
            #expect(invalid["data"]["draftOrderComplete"]["userErrors"] == [["field": .null, "message": "Invalid payment gateway"]])

            let paid = try await api.graphQL(complete, variables: ["id": .string(first), "gateway": .string(try await gatewayID(api, "Bank Deposit"))])
            let draft = paid["data"]["draftOrderComplete"]["draftOrder"]
            #expect(draft["status"] == "COMPLETED")
            #expect(draft["order"]["name"] == "#1001")
            #expect(draft["order"]["displayFinancialStatus"] == "PAID")
            #expect(draft["order"]["paymentGatewayNames"] == ["Bank Deposit"])
            #expect(draft["order"]["totalPriceSet"]["shopMoney"]["amount"] == "42.4")
            #expect(draft["order"]["totalOutstandingSet"]["shopMoney"]["amount"] == "0.0")
            #expect(draft["order"]["lineItems"]["nodes"] == [["title": "Custom <Tee>", "quantity": 2,
                                                              "discountedTotalSet": ["shopMoney": ["amount": "40.0"]]]])
            #expect(draft["order"]["transactions"] == [["kind": "SALE", "status": "SUCCESS", "gateway": "Bank Deposit",
                                                        "amountSet": ["shopMoney": ["amount": "42.4"]]]])
            #expect(draft["order"]["sourceName"] == "shopify_draft_order")
            let orderID = try #require(draft["order"]["id"].string)

            let second = try #require(try await api.graphQL(Self.create, variables: ["input": Self.input])["data"]["draftOrderCreate"]["draftOrder"]["id"].string)
            let pending = try await api.graphQL(complete, variables: ["id": .string(second), "pending": true])
            let pendingOrder = pending["data"]["draftOrderComplete"]["draftOrder"]["order"]
            #expect(pendingOrder["displayFinancialStatus"] == "PENDING")
            #expect(pendingOrder["totalOutstandingSet"]["shopMoney"]["amount"] == "42.4")

            let marked = try await api.graphQL("""
                mutation($input: OrderMarkAsPaidInput!) { orderMarkAsPaid(input: $input) { order { displayFinancialStatus } userErrors { message } } }
                """, variables: ["input": ["id": .string(pendingOrder["id"].string ?? "")]])["data"]["orderMarkAsPaid"]
            #expect(marked["order"]["displayFinancialStatus"] == "PAID")

            let search = try await api.graphQL("""
                { orders(first: 10, query: "tag:phone financial_status:paid", sortKey: ORDER_NUMBER, reverse: true) { nodes { name } }
                  ordersCount { count } order(id: "\(orderID)") { name } }
                """)["data"]
            #expect(search["orders"]["nodes"] == [["name": "#1002"], ["name": "#1001"]])
            #expect(search["ordersCount"]["count"] == 2)
            #expect(search["order"]["name"] == "#1001")
            // In id order, a search with one exact tag reads its page from the tag's index; its cursor pages on.
            let firstPage = try await api.graphQL("""
                { orders(first: 1, query: "financial_status:paid tag:PHONE") { nodes { name } pageInfo { hasNextPage endCursor } } }
                """)["data"]["orders"]
            #expect(firstPage["nodes"] == [["name": "#1001"]] && firstPage["pageInfo"]["hasNextPage"] == true)
            let next = try await api.graphQL("""
                query($after: String) { orders(first: 1, after: $after, query: "financial_status:paid tag:PHONE") {
                  nodes { name } pageInfo { hasNextPage hasPreviousPage } } }
                """, variables: ["after": firstPage["pageInfo"]["endCursor"] ?? .null])["data"]["orders"]
            #expect(next["nodes"] == [["name": "#1002"]] && next["pageInfo"]["hasNextPage"] == false
                    && next["pageInfo"]["hasPreviousPage"] == true)

            let copy = try await api.graphQL("""
                mutation($id: ID!) { draftOrderCreateFromOrder(orderId: $id) { draftOrder { name status totalPriceSet { shopMoney { amount } } } userErrors { message } } }
                """, variables: ["id": .string(orderID)])["data"]["draftOrderCreateFromOrder"]
            #expect(copy["draftOrder"]["status"] == "OPEN")
            #expect(copy["draftOrder"]["name"] == "#D3")
            #expect(copy["draftOrder"]["totalPriceSet"]["shopMoney"]["amount"] == "42.4")
        }
    }
}
