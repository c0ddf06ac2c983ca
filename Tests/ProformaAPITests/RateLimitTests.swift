import HTTPTypes
import ProformaAPI
import ProformaApp
import ProformaCore
import ProformaServices
import ProformaTestSupport
import Testing

@Suite("Rate limits and query cost")
struct RateLimitTests {
    static let callLimit = HTTPField.Name("X-Shopify-Shop-Api-Call-Limit")!

    /// Buckets that drain too slowly to matter within a test.
    static let tight = RateLimits.Settings(rest: .init(capacity: 3, leakPerSecond: 0.001),
                                           graphQL: .init(capacity: 100, leakPerSecond: 0.001), isEnforced: true)

    @Test("REST: the bucket fills request by request, then 429 with Retry-After; other tokens have their own")
    func rest() async throws {
        try await APIHarness.run(.sqlite, rateLimits: Self.tight) { api in
            for used in 1...3 {
                let answer = try await api.rest(.get, "draft_orders/count.json")
                #expect(answer.status == .ok)
                #expect(answer.headers[Self.callLimit] == "\(used)/3")
            }
            let refused = try await api.rest(.get, "draft_orders/count.json")
            #expect(refused.status == .tooManyRequests)
            // One request drains in 1,000 s, less however long the test has run.
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap(Int.init))
            #expect((900...1000).contains(retryAfter))
            #expect(refused.headers[Self.callLimit] == "3/3")
            #expect(refused.body == ["errors": "Exceeded 0.001 calls per second for api client. Reduce request rates to resume uninterrupted service."])
            let other = try await api.components.services.access.createToken(shop: api.shop.id, name: "other", scopes: .all).secret
            #expect(try await api.rest(.get, "draft_orders/count.json", token: other).headers[Self.callLimit] == "1/3")
        }
    }

    @Test("GraphQL: every answer reports its cost; an operation the bucket cannot take is Throttled and does not run")
    func graphQL() async throws {
        try await APIHarness.run(.sqlite, rateLimits: Self.tight) { api in
            let cheap = try await api.graphQL("{ shop { name } }")
            #expect(cheap["extensions"] == ["cost": ["requestedQueryCost": 1, "actualQueryCost": 1,
                                                     "throttleStatus": ["maximumAvailable": 100, "currentlyAvailable": 99,
                                                                        "restoreRate": 0.001]]])
            let mutation = try await api.graphQL("""
                mutation { draftOrderCreate(input: {lineItems: [{title: "Tee", originalUnitPrice: "5.00", quantity: 1}]}) {
                  draftOrder { id } userErrors { message } } }
                """)
            #expect(mutation["extensions"]["cost"]["requestedQueryCost"].int == 10)
            #expect(mutation["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"].int == 89)
            let expensive = try await api.graphQL("{ draftOrders(first: 95) { nodes { id } } }")
            #expect(expensive["errors"][0]["message"].string == "Throttled")
            #expect(expensive["errors"][0]["extensions"]["code"].string == "THROTTLED")
            #expect(expensive["data"] == nil)
            #expect(expensive["extensions"]["cost"]["requestedQueryCost"].int == 97)
            #expect(expensive["extensions"]["cost"]["actualQueryCost"] == .null)
            #expect(try await api.rest(.get, "draft_orders/count.json").body == ["count": 1])
            // More than the whole bucket can ever hold: no use waiting.
            let tooBig = try await api.graphQL("{ draftOrders(first: 250) { nodes { lineItems(first: 250) { nodes { id } } } } }")
            #expect(tooBig["errors"][0]["extensions"]["code"].string == "MAX_COST_EXCEEDED")
            #expect(tooBig["errors"][0]["message"].string
                    == "Query cost is 63252, which exceeds the single query max cost limit (100).")
        }
    }

    @Test("off by default: no REST header, never refused, GraphQL reports a full bucket")
    func off() async throws {
        try await APIHarness.run(.sqlite) { api in
            for _ in 0..<50 {
                let answer = try await api.rest(.get, "draft_orders/count.json")
                #expect(answer.status == .ok)
                #expect(answer.headers[Self.callLimit] == nil)
            }
            let answer = try await api.graphQL("{ draftOrders(first: 5) { edges { node { id lineItems(first: 10) { nodes { id } } } } pageInfo { hasNextPage } } }")
            // Per draft: node 1 + line items (2 + 10 × 1) = 13, the edge at no charge; 2 + pageInfo 1 + 5 × 13 = 68.
            #expect(answer["extensions"]["cost"]["requestedQueryCost"].int == 68)
            // The same items through `nodes` cost the same.
            let nodes = try await api.graphQL("{ draftOrders(first: 5) { nodes { id lineItems(first: 10) { nodes { id } } } pageInfo { hasNextPage } } }")
            #expect(nodes["extensions"]["cost"]["requestedQueryCost"].int == 68)
            // Page sizes are bounded, a variable's default counts, and nothing overflows.
            let nested = "query($n: Int) { draftOrders(first: $n) { nodes { lineItems(first: $n) { nodes { id } } } } }"
            let huge = try await api.graphQL(nested, variables: ["n": .int(Int(Int32.max))])
            #expect(huge["extensions"]["cost"]["requestedQueryCost"].int == 2 + 250 * (1 + 2 + 250))
            // A cost a variable went into is worked out again for each request; one that no
            // variable changes is kept per document and operation.
            let small = try await api.graphQL(nested, variables: ["n": .int(3)])
            #expect(small["extensions"]["cost"]["requestedQueryCost"].int == 2 + 3 * (1 + 2 + 3))
            let twoOperations = "query A { shop { name } } query B { draftOrders(first: 5) { nodes { id } } }"
            for _ in 0..<2 {
                for (name, cost) in [("A", 1), ("B", 7)] {
                    let named = try await api.graphQL(twoOperations, operationName: name)
                    #expect(named["extensions"]["cost"]["requestedQueryCost"].int == cost, "\(name)")
                }
            }
            let overflowing = try await api.graphQL(nested, variables: ["n": .int(Int.max)])
            #expect(overflowing["errors"][0]["message"].string != nil)
            let defaulted = try await api.graphQL("query($n: Int = 40) { draftOrders(first: $n) { nodes { id } } }")
            #expect(defaulted["extensions"]["cost"]["requestedQueryCost"].int == 42)
            #expect(answer["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"].int == 1000)
        }
    }
}

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test("served without a token, describing every REST route with its scope-free security and error bodies")
    func document() async throws {
        try await APIHarness.run(.sqlite) { api in
            let answer = try await api.rest(.get, "/admin/api/openapi.json", token: "")
            #expect(answer.status == .ok)
            #expect(answer.body["openapi"].string == "3.0.3")
            #expect(answer.body["servers"][0]["url"].string == "https://quotes.snowdevil.test/admin/api/2025-07")
            let paths = try #require(answer.body["paths"]?.objectValue)
            #expect(Set(paths.keys) == [
                "/draft_orders.json", "/draft_orders/count.json", "/draft_orders/{id}.json", "/draft_orders/{id}/send_invoice.json",
                "/draft_orders/{id}/complete.json", "/customers.json", "/customers/search.json", "/customers/count.json",
                "/customers/{id}.json", "/products.json", "/products/count.json", "/products/{id}.json", "/variants/{id}.json",
                "/orders.json", "/orders/count.json", "/orders/{id}.json", "/inventory_levels.json", "/shop.json",
                "/locations.json", "/locations/count.json", "/locations/{id}.json", "/webhooks.json", "/webhooks/count.json",
                "/webhooks/{id}.json",
            ])
            #expect(paths["/draft_orders.json"]?["post"]["responses"]["201"]["links"]["completeDraftOrder"]["parameters"]["id"]
                    == "$response.body#/draft_order/id")
            #expect(answer.body["components"]["schemas"]["DraftOrder"]["properties"]["total_price"]["pattern"] != nil)
        }
    }
}
