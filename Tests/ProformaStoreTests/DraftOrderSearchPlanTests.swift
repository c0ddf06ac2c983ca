import ProformaCore
import ProformaServices
@testable import ProformaStore
import ProformaTestSupport
import SQLKit
import Testing

@Suite("Draft order search plans")
struct DraftOrderSearchPlanTests {
    @Test("status:open tag:x is answered from indexes, never by scanning the drafts table", arguments: TestEngine.all)
    func indexedSearch(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let links = TestContext.invoiceLinks
            let written = try await DraftOrderSeeder(database: context.database).seed(
                shop: shop.id, count: 5000, issueToken: { links.issue() })
            #expect(written == 5000)
            try await DraftOrderSeeder.settle(context.database)
            let plan = try await DraftOrderSeeder.explain(context.database, shop: shop.id, query: "status:open tag:rush")
            switch engine {
            case .postgres:
                #expect(!plan.contains("Seq Scan"), "\(plan)")
                #expect(plan.contains("draft_order_tags"), "\(plan)")
            case .sqlite:
                #expect(!plan.contains("SCAN d"), "\(plan)")
                #expect(plan.contains("SEARCH t USING COVERING INDEX"), "\(plan)")
            }
            // The seeded drafts are real drafts: the API's reads work on them.
            let page = try await context.draftOrders.drafts(shop: shop.id, matching: SearchQuery(parsing: "status:open tag:rush"),
                                                            sortedBy: .id, page: PageRequest(first: 5))
            #expect(page.items.count == 5)
            #expect(page.items.allSatisfy { $0.status == .open && $0.tags.contains("rush") && $0.calculation.total > 0 })
        }
    }

    @Test("PostgreSQL plans a repeated status search once per connection, not once per search",
          arguments: TestEngine.all.filter { $0 == .postgres })
    func genericPlan(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let links = TestContext.invoiceLinks
            _ = try await DraftOrderSeeder(database: context.database).seed(shop: shop.id, count: 20_000, issueToken: { links.issue() })
            try await DraftOrderSeeder.settle(context.database)
            // One connection: prepared statements and their plans belong to it. A text is prepared
            // on its third sighting, and PostgreSQL weighs a generic plan after five custom ones.
            // Sightings are process-wide and dropped whenever 4,096 texts have piled up, which the
            // other tests running alongside can make happen between two searches: hence 24, not 8.
            let generic = try await context.database.read { db in
                let drafts = SQLDraftOrderRepository(context: SQLContext(db: db, database: context.database, isWrite: false,
                                                                         drafts: DraftMemory()))
                for _ in 0..<24 {
                    _ = try await drafts.drafts(shop: shop.id, matching: SearchQuery(parsing: "status:open tag:rush"), sortedBy: .id,
                                                page: PageRequest(first: 50))
                }
                return try await db.raw("""
                    SELECT COALESCE(MAX(generic_plans), 0) AS plans FROM pg_prepared_statements
                    WHERE statement LIKE '%FROM draft_order_tags t%'
                    """).first()?.decode(column: "plans", as: Int.self)
            }
            #expect((generic ?? 0) > 0)
        }
    }
}
