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
        defer { TestDatabases.discard(url) }
        try await withDatabase(url, logger: .init(label: "test")) { database in
            let migrator = Migrator(database: database)
            let first = try await migrator.migrate(now: 1)
            #expect(first == Array(1...Migrator.latestVersion))
            let second = try await migrator.migrate(now: 2)
            #expect(second.isEmpty)
            #expect(try await migrator.appliedVersions() == Array(1...Migrator.latestVersion))
        }
    }

    @Test("version 6 drops the lines' foreign key and keeps their rows and ids", arguments: TestEngine.all)
    func draftLinesWithoutForeignKey(engine: TestEngine) async throws {
        try await withOldLines(engine, migrating: 6) { database, kept, deleted in
            #expect(try await Self.storedLineIDs(database) == kept.lineIDs + deleted.lineIDs)
            let foreignKeys = try await database.transaction { db in
                try await db.raw(engine == .postgres
                    ? "SELECT conname FROM pg_constraint WHERE conrelid = 'draft_order_lines'::regclass AND contype = 'f'"
                    : "SELECT * FROM pragma_foreign_key_list('draft_order_lines')").all().count
            }
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

    @Test("version 7 leaves the lines indexed by draft alone (and keyed by shop and id on PostgreSQL), with their rows and ids",
          arguments: TestEngine.all)
    func draftLinesIndexedByDraft(engine: TestEngine) async throws {
        try await withOldLines(engine, migrating: 7) { database, kept, deleted in
            #expect(try await Self.storedLineIDs(database) == kept.lineIDs + deleted.lineIDs)
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

    @Test("version 9 stores SQLite's lines by draft and position, with their ids, and keeps the last id handed out",
          arguments: TestEngine.all)
    func draftLinesClusteredByDraft(engine: TestEngine) async throws {
        try await withOldLines(engine, migrating: 9) { database, kept, deleted in
            #expect(try await Self.storedLineIDs(database) == kept.lineIDs + deleted.lineIDs)
            guard engine == .sqlite else { return }
            let (table, indexes, last) = try await database.transaction { db in
                let table = try await db.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'draft_order_lines'")
                    .first()?.decode(column: "sql", as: String.self)
                let indexes = try await db.raw("SELECT name FROM pragma_index_list('draft_order_lines') WHERE origin = 'c'").all()
                let last = try await db.raw("SELECT seq FROM sqlite_sequence WHERE name = 'draft_order_lines'").first()?
                    .decode(column: "seq", as: Int64.self)
                return (table, indexes.count, last)
            }
            #expect(table?.contains("WITHOUT ROWID") == true)
            #expect(indexes == 0)
            #expect(last == deleted.lineIDs.max())
        }
    }

    @Test("""
        version 10 keeps each draft's lines as one row, with their ids; new lines are numbered after every id handed out, \
        and deleting a draft deletes its lines
        """, arguments: TestEngine.all)
    func draftLinesAsOneRow(engine: TestEngine) async throws {
        try await withOldLines(engine, migrating: 10, deletingOne: true) { database, kept, deleted in
            // Today's code, which reads the drafts, needs the rest of the schema.
            _ = try await Migrator(database: database).migrate(now: 3)
            let after = TestContext(database: database)
            let read = try #require(try await after.draftOrders.draft(shop: kept.shop, id: kept.id))
            #expect(read.lines == kept.lines)
            #expect(read.lines.map(\.id.rawValue) == kept.lineIDs)
            var input = DraftOrderInput()
            input.lineItems = [DraftOrderStoreTests.customLine("C"), DraftOrderStoreTests.customLine("D")]
            let next = try await after.draftOrders.create(shop: kept.shop, input)
            #expect(next.lines.allSatisfy { $0.id.rawValue > deleted.lineIDs.max()! })
            let updated = try await after.draftOrders.update(shop: kept.shop, id: kept.id, input)
            #expect(updated.lines.allSatisfy { $0.id.rawValue > next.lines.map(\.id.rawValue).max()! })
            #expect(try await after.draftOrders.draft(shop: kept.shop, id: kept.id)?.lines == updated.lines)
            #expect(try await after.draftOrders.delete(shop: kept.shop, id: kept.id))
            let rows = try await database.transaction { db in
                try await db.raw("SELECT draft_order_id FROM draft_order_line_lists").all()
                    .map { try $0.decode(column: "draft_order_id", as: Int64.self) }
            }
            #expect(rows == [next.id.rawValue])
            if engine == .postgres {
                // The test cluster's PostgreSQL (Debian's) is built with lz4.
                let compression = try await database.transaction { db in
                    try await db.raw("""
                        SELECT attname, attcompression::text AS method FROM pg_attribute
                        WHERE attrelid = 'draft_order_line_lists'::regclass AND attname IN ('ids', 'lines') ORDER BY attname
                        """).all().map { try $0.decode(column: "method", as: String.self) }
                }
                #expect(compression == ["l", "l"])
            }
        }
    }

    @Test("version 8 numbers each shop's next draft where its counter stopped, from a sequence on PostgreSQL",
          arguments: TestEngine.all)
    func draftNumbersBySequence(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        defer { TestDatabases.discard(url) }
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
            // Drafts are written as the current schema keeps them, which later versions change.
            _ = try await migrator.migrate(now: 3)
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
        defer { TestDatabases.discard(url) }
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

    /// A draft written as a schema before version 10 kept it: its row, and a row per line.
    struct OldDraft: Sendable {
        let shop: ShopID
        let id: DraftOrderID
        let lines: [DraftOrderLine]
        var lineIDs: [Int64] { lines.map(\.id.rawValue) }
    }

    /// Migrates a new database to just before `version`, writes two drafts of two lines each
    /// into the lines table as that schema has it, deletes the second draft's row when
    /// `deletingOne` (leaving its lines, which no longer had a foreign key), migrates through
    /// `version` and runs `checks` with the database and the two drafts.
    private func withOldLines(
        _ engine: TestEngine, migrating version: Int, deletingOne: Bool = false,
        _ checks: @Sendable (Database, OldDraft, OldDraft) async throws -> Void
    ) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        defer { TestDatabases.discard(url) }
        try await withDatabase(url, logger: .init(label: "test")) { database in
            let migrator = Migrator(database: database)
            #expect(try await migrator.migrate(now: 1, through: version - 1) == Array(1..<version))
            let shop = try await TestContext(database: database).makeShop()
            let kept = try await Self.writeOldDraft(database, shop: shop.id, number: 9001, titles: ["A", "B"], schema: version - 1)
            let deleted = try await Self.writeOldDraft(database, shop: shop.id, number: 9002, titles: ["C", "D"], schema: version - 1)
            if deletingOne {
                try await database.transaction { db in
                    try await db.raw("DELETE FROM draft_orders WHERE id = \(bind: deleted.id.rawValue)").run()
                }
            }
            #expect(try await migrator.migrate(now: 2, through: version) == [version])
            try await checks(database, kept, deleted)
        }
    }

    /// Writes a draft of custom lines as the schema at `schema` (6 to 9) stored it.
    private static func writeOldDraft(_ database: Database, shop: ShopID, number: Int64, titles: [String],
                                      schema: Int) async throws -> OldDraft {
        let settings = CalculationSettings(conversion: CurrencyConversion(shopCurrency: .usd, presentment: nil))
        var lines = titles.map { title in
            DraftOrderLine(id: DraftOrderLineID(0), uuid: nil, source: .custom(Money(minorUnits: 1_250, currency: .usd)),
                           title: title, variantTitle: nil, sku: nil, vendor: nil, quantity: 2, taxable: true,
                           requiresShipping: true, weight: .grams(0), isGiftCard: false, priceOverride: nil,
                           appliedDiscount: nil, customAttributes: [])
        }
        let body = DraftOrderDocument(DraftOrderDocumentTextTests.draft(settings: settings)).storedText
        return try await database.transaction { db in
            let id = try await db.raw("""
                INSERT INTO draft_orders (shop_id, number, status, customer_name, tags, presentment_currency, total_price,
                    invoice_token_hash, invoice_token_sealed, body, created_at, updated_at, version)
                VALUES (\(bind: shop.rawValue), \(bind: number), 'OPEN', '', '', 'USD', 0, \(bind: "hash-\(number)"),
                    \(bind: "sealed-\(number)"), \(bind: body), 0, 0, 1)
                RETURNING id
                """).first()!.decode(column: "id", as: Int64.self)
            // Before version 9, and on PostgreSQL, the table numbers its lines; since, SQLite's
            // lines take their ids from its row of `sqlite_sequence`.
            let numbersItself = schema < 9 || database.kind == .postgres
            for (position, line) in lines.enumerated() {
                let lineID: Int64
                if numbersItself {
                    lineID = try await db.raw("""
                        INSERT INTO draft_order_lines (shop_id, draft_order_id, position, quantity, body)
                        VALUES (\(bind: shop.rawValue), \(bind: id), \(bind: position), 2, \(bind: DraftOrderLineDocument.encode(line)))
                        RETURNING id
                        """).first()!.decode(column: "id", as: Int64.self)
                } else {
                    lineID = try await db.raw("""
                        UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'draft_order_lines' RETURNING seq
                        """).first()!.decode(column: "seq", as: Int64.self)
                    try await db.raw("""
                        INSERT INTO draft_order_lines (shop_id, draft_order_id, position, id, quantity, body)
                        VALUES (\(bind: shop.rawValue), \(bind: id), \(bind: position), \(bind: lineID), 2,
                            \(bind: DraftOrderLineDocument.encode(line)))
                        """).run()
                }
                lines[position].id = DraftOrderLineID(lineID)
            }
            return OldDraft(shop: shop, id: DraftOrderID(id), lines: lines)
        }
    }

    /// Every line id in the lines table, in the order of draft and position.
    private static func storedLineIDs(_ database: Database) async throws -> [Int64] {
        try await database.transaction { db in
            try await db.raw("SELECT id FROM draft_order_lines ORDER BY draft_order_id, position").all()
                .map { try $0.decode(column: "id", as: Int64.self) }
        }
    }
}
