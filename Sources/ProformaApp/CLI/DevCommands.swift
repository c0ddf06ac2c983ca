import ArgumentParser
import Foundation
import ProformaCore
import ProformaServices
import ProformaStore

/// Tools for developers: large data sets and query plans.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev", abstract: "Developer tools: seed many drafts, show query plans.",
        subcommands: [SeedDrafts.self, Explain.self])

    struct SeedDrafts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed-drafts", abstract: "Add many generated draft orders to a shop, then refresh planner statistics.")

        @Option(help: "How many drafts to add.")
        var count = 1_000_000
        @OptionGroup var shop: ShopOption
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let count = count
            let started = Date()
            let written = try await withComponents(database) { components in
                let target = try await components.services.shops.resolveShop(shop.shop.map(ShopID.init))
                let links = components.services.draftOrders.invoiceLinks
                let written = try await DraftOrderSeeder(database: components.database).seed(
                    shop: target.id, count: count, issueToken: { links.issue() }
                ) { done in
                    if done % 50_000 == 0 || done == count { printError("\(done) drafts written") }
                }
                try await DraftOrderSeeder.settle(components.database)
                return written
            }
            print("Added \(written) drafts in \(Int(Date().timeIntervalSince(started))) s.")
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show how the database runs a draft-order search.")

        @Argument(help: "A draft-order search, e.g. \"status:open tag:rush\".")
        var query: String
        @OptionGroup var shop: ShopOption
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let query = query
            let plan = try await withComponents(database) { components in
                let target = try await components.services.shops.resolveShop(shop.shop.map(ShopID.init))
                return try await DraftOrderSeeder.explain(components.database, shop: target.id, query: query)
            }
            print(plan)
        }
    }
}
