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
            let expensive = try await api.graphQL("{ draftOrders(first: 100) { nodes { id } } }")
            #expect(expensive["errors"][0]["message"].string == "Throttled")
            #expect(expensive["errors"][0]["extensions"]["code"].string == "THROTTLED")
            #expect(expensive["data"] == nil)
            #expect(expensive["extensions"]["cost"]["requestedQueryCost"].int == 102)
            #expect(expensive["extensions"]["cost"]["actualQueryCost"] == .null)
            #expect(try await api.rest(.get, "draft_orders/count.json").body == ["count": 1])
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
            // Per draft: edge 1 + node 1 + line items (2 + 10 × 1) = 14; 2 + 5 × 14 + pageInfo 1 = 73.
            #expect(answer["extensions"]["cost"]["requestedQueryCost"].int == 73)
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
                "/locations.json", "/locations/count.json", "/locations/{id}.json",
            ])
            #expect(paths["/draft_orders.json"]?["post"]["responses"]["201"]["links"]["completeDraftOrder"]["parameters"]["id"]
                    == "$response.body#/draft_order/id")
            #expect(answer.body["components"]["schemas"]["DraftOrder"]["properties"]["total_price"]["pattern"] != nil)
        }
    }
}
