import Foundation
import Logging
import ProformaAPI
import ProformaApp
import ProformaCore
import ProformaServices
import ProformaStore

/// The first page of a draft search, in process on SQLite: the request `bench/wrk/search.lua`
/// sends, answered as the server answers it (document cache, executor, the use case, SQL), one
/// page at a time and without HTTP, over the demo shop with seeded drafts.
///
/// At 32 connections on two cores the searches' target (p99 ≤ 10 ms) asks for about 0.35 ms of
/// CPU a page, HTTP included, and `wrk` swings by more than any one change to a page. One page
/// at a time, in process, takes the load generator and the sockets out, so a change to the
/// executor, the resolvers or the reads shows here first, though the VM still moves the figure:
/// by a few percent between runs minutes apart, and by up to two thirds within an hour of the
/// twenty-fifth session, so compare binaries in alternating runs, as elsewhere.
enum SearchPageBenchmark {
    static let query = """
        query Search($query: String!) { draftOrders(first: 50, query: $query) {
          nodes { id name status createdAt totalPriceSet { shopMoney { amount currencyCode } } customer { id displayName } tags }
          pageInfo { hasNextPage endCursor } } }
        """

    static func run(drafts: Int = 20_000, pagesPerRound: Int = 1_000, rounds: Int = 5) async throws {
        let logger = InProcessApp.logger
        try await InProcessApp.withComponents { components in
            let database = components.database
            let shopID = try await DemoSeeder(components: components).seed().shopID
            _ = try await DraftOrderSeeder(database: database).seed(shop: shopID, count: drafts,
                                                                   issueToken: { components.services.draftOrders.invoiceLinks.issue() })
            try await DraftOrderSeeder.settle(database)
            let graphQL = try AdminGraphQL(logger: logger)
            let services = components.services
            let context: @Sendable () -> AdminContext = {
                AdminContext(shopID: shopID, scopes: .all, services: services, logger: logger)
            }
            let customers = try JSONValue.parse(Data(await graphQL.respond(
                query: "{ customers(first: 1) { nodes { id } } }", variables: try GraphQLVariables([:]), operationName: nil,
                context: context())))
            guard let customer = customers[path: "data", "customers", "nodes", 0, "id"]?.stringValue?.split(separator: "/").last else {
                throw LiveServer.Failure(description: "the demo shop has no customer: \(customers.jsonText.prefix(300))")
            }

            for search in ["status:open tag:rush", "customer_id:\(customer)"] {
                let variables = try GraphQLVariables(["query": .string(search)])
                // The first read keeps the page's drafts, as the server's warm-up does in `bench/run`.
                let first = String(decoding: await graphQL.respond(query: query, variables: variables, operationName: nil,
                                                                   context: context()), as: UTF8.self)
                guard first.contains("\"nodes\":[{"), !first.contains("\"errors\"") else {
                    throw LiveServer.Failure(description: "the search answered: \(first.prefix(300))")
                }
                let clock = ContinuousClock()
                var medians: [Double] = []
                for _ in 0..<rounds {
                    var times: [Double] = []
                    times.reserveCapacity(pagesPerRound)
                    for _ in 0..<pagesPerRound {
                        let start = clock.now
                        _ = await graphQL.respond(query: query, variables: variables, operationName: nil, context: context())
                        let elapsed = clock.now - start
                        times.append(Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
                    }
                    medians.append(times.sorted()[pagesPerRound / 2])
                }
                print(String(format: "search page \"%@\", first 50 of %d drafts, in process on SQLite: median %7.1f µs"
                             + " (%d rounds: %7.1f µs to %7.1f µs)", search, drafts, medians.min()!, rounds, medians.min()!,
                             medians.max()!))
            }
        }
    }
}
