import Foundation
import ProformaAPI

/// 100 clients at once each create a draft that reserves one unit of a new variant stocked with
/// 50: exactly 50 must succeed, the rest must be told it is out of stock, and the variant must end
/// with none available. Target: p99 ≤ 50 ms.
enum ContentionBenchmark {
    static let reservers = 100
    static let units = 50

    static func run() async throws {
        try await LiveServer.withServer(connections: reservers) { server in try await run(server) }
    }

    static func run(_ server: LiveServer) async throws {
        let (shop, _) = try await server.graphQL("{ locations(first: 1) { nodes { id } } }")
        guard let location = shop[path: "locations", "nodes", 0, "id"] else { throw LiveServer.Failure(description: "no location") }
        let (product, _) = try await server.graphQL("""
            mutation($input: ProductSetInput!) { productSet(input: $input) {
              product { variants(first: 1) { nodes { id } } } userErrors { field message } } }
            """, variables: ["input": .object([
                "title": .string("Contended board \(UUID().uuidString.prefix(8))"),
                "productOptions": .array([.object(["name": .string("Size"), "values": .array([.object(["name": .string("One")])])])]),
                "variants": .array([.object([
                    "optionValues": .array([.object(["optionName": .string("Size"), "name": .string("One")])]),
                    "price": .string("99.00"), "inventoryPolicy": .string("DENY"),
                    "inventoryQuantities": .array([.object(["locationId": location, "name": .string("available"),
                                                             "quantity": .int(units)])]),
                ])]),
            ])])
        guard let variant = product[path: "productSet", "product", "variants", "nodes", 0, "id"]?.stringValue else {
            throw LiveServer.Failure(description: "productSet failed: \(product.jsonText.prefix(500))")
        }
        let until = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
        let mutation = """
            mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) {
              draftOrder { id } userErrors { field message } } }
            """
        let input: [String: JSONValue] = ["input": .object([
            "lineItems": .array([.object(["variantId": .string(variant), "quantity": .int(1)])]),
            "reserveInventoryUntil": .string(until), "tags": .array([.string("bench-contention")]),
        ])]
        // Every client connects first, so the 100 requests leave together rather than wait to connect.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<reservers { group.addTask { _ = try await server.graphQL("{ shop { name } }") } }
            try await group.waitForAll()
        }
        let outcomes = try await withThrowingTaskGroup(of: (reserved: Bool, elapsed: Duration).self) { group in
            for _ in 0..<reservers {
                group.addTask {
                    let (data, elapsed) = try await server.graphQL(mutation, variables: input)
                    let reserved = data[path: "draftOrderCreate", "draftOrder", "id"]?.stringValue != nil
                    if !reserved, data[path: "draftOrderCreate", "userErrors", 0, "message"]?.stringValue?.contains("out of stock") != true {
                        throw LiveServer.Failure(description: "unexpected answer: \(data.jsonText.prefix(300))")
                    }
                    return (reserved, elapsed)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let (after, _) = try await server.graphQL("query($id: ID!) { productVariant(id: $id) { inventoryQuantity } }",
                                                  variables: ["id": .string(variant)])
        let succeeded = outcomes.filter(\.reserved).count
        let latencies = outcomes.map(\.elapsed).sorted()
        let left = after[path: "productVariant", "inventoryQuantity"].map(\.jsonText) ?? "?"
        print("RESULT succeeded=\(succeeded) available_after=\(left) p50_ms=\(milliseconds(latencies[latencies.count / 2]))"
              + " p99_ms=\(milliseconds(latencies[latencies.count * 99 / 100])) max_ms=\(milliseconds(latencies.last!))")
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.2f", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)
    }
}
