import Logging
import SQLKit
import Foundation
import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("migrating twice applies everything once", arguments: TestEngine.all)
    func twice(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        try await withDatabase(url, logger: .init(label: "test")) { database in
            let migrator = Migrator(database: database)
            let first = try await migrator.migrate(now: 1)
            #expect(first == Array(1...Migrator.latestVersion))
            let second = try await migrator.migrate(now: 2)
            #expect(second.isEmpty)
            #expect(try await migrator.appliedVersions() == Array(1...Migrator.latestVersion))
        }
    }

    @Test("version 6 drops the lines' foreign key and keeps their rows, ids and id sequence; deleting a draft still deletes its lines",
          arguments: TestEngine.all)
    func draftLinesWithoutForeignKey(engine: TestEngine) async throws {
        try await withLinesMigrated(engine, to: 6) { database, after, shop, kept, next in
            #expect(try await after.draftOrders.delete(shop: shop.id, id: kept.id))
            let (lines, foreignKeys) = try await database.transaction { db in
                let lines = try await db.raw("SELECT draft_order_id FROM draft_order_lines").all()
                    .map { try $0.decode(column: "draft_order_id", as: Int64.self) }
                let foreignKeys = try await db.raw(engine == .postgres
                    ? "SELECT conname FROM pg_constraint WHERE conrelid = 'draft_order_lines'::regclass AND contype = 'f'"
                    : "SELECT * FROM pragma_foreign_key_list('draft_order_lines')").all().count
                return (lines, foreignKeys)
            }
            #expect(Set(lines) == [next.id.rawValue])
            #expect(foreignKeys == 0)
            if engine == .postgres {
                let options = try await database.transaction { db in
                    try await db.raw("SELECT array_to_string(reloptions, ',') AS options FROM pg_class WHERE relname = 'draft_order_lines'")
                        .first()?.decode(column: "options", as: String.self)
                }
                #expect(options == "autovacuum_vacuum_scale_factor=0.01,autovacuum_vacuum_cost_delay=0")
            }
        }
    }

    @Test("version 7 leaves the lines indexed by draft alone (and keyed by shop and id on PostgreSQL), with their rows, ids and id sequence",
          arguments: TestEngine.all)
    func draftLinesIndexedByDraft(engine: TestEngine) async throws {
        try await withLinesMigrated(engine, to: 7) { database, _, _, _, _ in
            let indexes = try await database.transaction { db in
                try await db.raw(engine == .postgres
                    ? "SELECT indexdef AS sql FROM pg_indexes WHERE tablename = 'draft_order_lines'"
                    : "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'draft_order_lines'").all()
                    .map { try $0.decode(column: "sql", as: String?.self) ?? "an index of a constraint" }
            }
            if engine == .postgres {
                #expect(Set(indexes) == [
                    "CREATE UNIQUE INDEX draft_order_lines_pkey ON public.draft_order_lines USING btree (shop_id, id)",
                    "CREATE INDEX draft_order_lines_by_draft ON public.draft_order_lines USING btree (shop_id, draft_order_id, \"position\")",
                ])
            } else {
                #expect(indexes == ["CREATE INDEX draft_order_lines_by_draft ON draft_order_lines (shop_id, draft_order_id, position)"])
            }
        }
    }

    @Test("version 9 stores SQLite's lines by draft and position, with their ids, and numbers new lines after every id handed out",
          arguments: TestEngine.all)
    func draftLinesClusteredByDraft(engine: TestEngine) async throws {
        try await withLinesMigrated(engine, to: 9) { database, after, shop, kept, next in
            guard engine == .sqlite else { return }
            let (table, indexes) = try await database.transaction { db in
                let table = try await db.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'draft_order_lines'")
                    .first()?.decode(column: "sql", as: String.self)
                let indexes = try await db.raw("SELECT name FROM pragma_index_list('draft_order_lines') WHERE origin = 'c'").all()
                return (table, indexes.count)
            }
            #expect(table?.contains("WITHOUT ROWID") == true)
            #expect(indexes == 0)
            // Rewriting a draft's lines numbers them after the last id, and leaves no line behind.
            var input = DraftOrderInput()
            input.lineItems = [DraftOrderStoreTests.customLine("C")]
            let updated = try await after.draftOrders.update(shop: shop.id, id: kept.id, input)
            #expect(updated.lines.count == 1)
            #expect(updated.lines[0].id.rawValue > next.lines.map(\.id.rawValue).max()!)
            #expect(try await after.draftOrders.draft(shop: shop.id, id: kept.id)?.lines.map(\.id) == updated.lines.map(\.id))
        }
    }

    @Test("version 8 numbers each shop's next draft where its counter stopped, from a sequence on PostgreSQL",
          arguments: TestEngine.all)
    func draftNumbersBySequence(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        try await withDatabase(url, logger: .init(label: "test")) { database in
            let migrator = Migrator(database: database)
            #expect(try await migrator.migrate(now: 1, through: 7) == Array(1...7))
            let before = TestContext(database: database)
            let numbered = try await before.makeShop()
            let fresh = try await before.makeShop()
            // As an earlier build left them: counters, and no sequences.
            try await database.transaction { db in
                if engine == .postgres {
                    for shop in [numbered, fresh] {
                        try await db.raw("DROP SEQUENCE \(unsafeRaw: "draft_order_numbers_\(shop.id.rawValue)")").run()
                    }
                }
                try await db.raw("""
                    INSERT INTO shop_counters (shop_id, name, value)
                    VALUES (\(bind: numbered.id.rawValue), 'draft_order', 41), (\(bind: numbered.id.rawValue), 'order', 1003)
                    """).run()
            }

            #expect(try await migrator.migrate(now: 2, through: 8) == [8])
            let after = TestContext(database: database)
            var input = DraftOrderInput()
            input.lineItems = [DraftOrderStoreTests.customLine()]
            #expect(try await after.draftOrders.create(shop: numbered.id, input).name == "#D42")
            #expect(try await after.draftOrders.create(shop: numbered.id, input).name == "#D43")
            #expect(try await after.draftOrders.create(shop: fresh.id, input).name == "#D1")
            let counters = try await database.transaction { db in
                try await db.raw("SELECT name FROM shop_counters ORDER BY name").all().map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(counters == (engine == .postgres ? ["order"] : ["draft_order", "draft_order", "order"]))
        }
    }

    @Test("two migrators racing on one database apply each version exactly once", arguments: TestEngine.all)
    func concurrent(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        // Separate Database instances, as two processes would have.
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for index in 0..<4 {
                group.addTask {
                    try await withDatabase(url, logger: .init(label: "test")) { database in
                        try await Migrator(database: database).migrate(now: Int64(index))
                    }
                }
            }
            var all: [[Int]] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(applied.flatMap { $0 }.sorted() == Array(1...Migrator.latestVersion))
        #expect(applied.filter { !$0.isEmpty }.count == 1)
    }

    /// Migrates a new database to just before `version`, writes two drafts and deletes one,
    /// migrates to `version`, and checks that the kept draft reads back whole and that new lines
    /// get ids above every earlier one. Then runs `checks` with the database, a context on it,
    /// the shop, the kept draft and a draft created after the migration.
    private func withLinesMigrated(
        _ engine: TestEngine, to version: Int,
        _ checks: @Sendable (Database, TestContext, Shop, DraftOrder, DraftOrder) async throws -> Void
    ) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        try await withDatabase(url, logger: .init(label: "test")) { database in
            let migrator = Migrator(database: database)
            #expect(try await migrator.migrate(now: 1, through: version - 1) == Array(1..<version))
            let before = TestContext(database: database)
            let shop = try await before.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [DraftOrderStoreTests.customLine("A"), DraftOrderStoreTests.customLine("B")]
            let kept = try await before.draftOrders.create(shop: shop.id, input)
            let deleted = try await before.draftOrders.create(shop: shop.id, input)
            #expect(try await before.draftOrders.delete(shop: shop.id, id: deleted.id))

            #expect(try await migrator.migrate(now: 2, through: version) == [version])
            let after = TestContext(database: database)
            #expect(try await after.draftOrders.draft(shop: shop.id, id: kept.id) == kept)
            let next = try await after.draftOrders.create(shop: shop.id, input)
            let highestBefore = try #require(deleted.lines.map(\.id.rawValue).max())
            #expect(next.lines.allSatisfy { $0.id.rawValue > highestBefore })
            try await checks(database, after, shop, kept, next)
        }
    }
}
