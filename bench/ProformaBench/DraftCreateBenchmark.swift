import Foundation
import Logging
import ProformaAPI
import ProformaApp
import ProformaCore
import ProformaServices
import ProformaStore

/// `draftOrderCreate` with five lines, in process, on SQLite: the GraphQL request as the
/// server receives it (parse cache, execution, the use case, SQL), with several requests in
/// flight. Target: at least 2,000 per second on 2 cores.
enum DraftCreateBenchmark {
    static let mutation = """
        mutation Create($input: DraftOrderInput!) { draftOrderCreate(input: $input) {
          draftOrder { id name totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
                       totalTaxSet { shopMoney { amount } } lineItems(first: 5) { nodes { id name } } }
          userErrors { field message } } }
        """

    static func variables() -> [String: JSONValue] {
        let line: (Int) -> JSONValue = { index in
            .object(["title": .string("Item \(index)"), "originalUnitPrice": .string("\(10 + index).50"), "quantity": .int(index + 1),
                     "appliedDiscount": index == 2 ? .object(["valueType": .string("PERCENTAGE"), "value": .int(10)]) : .null])
        }
        return ["input": .object([
            "lineItems": .array((0..<5).map(line)),
            "appliedDiscount": .object(["valueType": .string("FIXED_AMOUNT"), "value": .int(5)]),
            "shippingAddress": .object(["city": .string("Louisville"), "provinceCode": .string("KY"), "countryCode": .string("US")]),
            "email": .string("buyer@example.com"), "tags": .array([.string("bench")]),
        ])]
    }

    static func run(total: Int = 6000, concurrency: Int = 8) async throws {
        let logger = InProcessApp.logger
        try await InProcessApp.withComponents { components in
            let settings = try JSONDecoder().decode(ShopSettingsInput.self, from: Data(settingsJSON.utf8)).validated().get()
            let shop = try await components.services.shops.apply(settings, to: nil)
            let graphQL = try AdminGraphQL(logger: logger)
            let variables = try GraphQLVariables(variables())
            let services = components.services
            let shopID = shop.id
            let context: @Sendable () -> AdminContext = {
                AdminContext(shopID: shopID, scopes: .all, services: services, logger: logger)
            }

            let first = await graphQL.respond(query: mutation, variables: variables, operationName: nil, context: context())
            guard String(decoding: first, as: UTF8.self).contains("\"userErrors\":[]") else {
                print("draftOrderCreate failed: \(String(decoding: first, as: UTF8.self))")
                return
            }
            let clock = ContinuousClock()
            let start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<concurrency {
                    group.addTask {
                        for _ in stride(from: worker, to: total, by: concurrency) {
                            _ = await graphQL.respond(query: mutation, variables: variables, operationName: nil, context: context())
                        }
                    }
                }
                try await group.waitForAll()
            }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let count = try await components.services.draftOrders.count(shop: shop.id, matching: .matchAll, limit: nil)
            print(String(format: "draftOrderCreate, 5 lines, SQLite, %d in flight: %6.0f per second (%d drafts in %.2f s)"
                         + "   target ≥ 2000/s", concurrency, Double(total) / seconds, count, seconds))
        }
    }

    static let settingsJSON = """
        {"shop": {"name": "Bench", "email": "bench@example.com", "currency": "USD",
                  "address": {"city": "Louisville", "provinceCode": "KY", "countryCode": "US"}},
         "taxRates": [{"countryCode": "US", "provinceCode": "KY", "name": "KY", "rate": "0.06"}],
         "currencies": [{"code": "CAD", "rate": "1.37", "roundTo": "0.99"}]}
        """
}
