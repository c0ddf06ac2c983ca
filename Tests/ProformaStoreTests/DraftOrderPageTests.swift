import NIOCore
import ProformaCore
import ProformaServices
@testable import ProformaStore
import ProformaTestSupport
import SQLKit
import Synchronization
import Testing

/// Another client's writes, landing once between a read's statements: `change` runs just before
/// the statement numbered `before` (counting from 1), on connections of its own.
final class InterposingDatabase: SQLDatabaseWrapper {
    let db: any SQLDatabase
    private let before: Int
    private let change: Mutex<(@Sendable () async throws -> Void)?>
    private let statements = Mutex(0)

    init(_ db: any SQLDatabase, before: Int, change: @escaping @Sendable () async throws -> Void) {
        self.db = db
        self.before = before
        self.change = Mutex(change)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let number = statements.withLock { count in
            count += 1
            return count
        }
        if number == before, let change = change.withLock({ pending in defer { pending = nil }; return pending }) {
            try await change()
        }
        try await db.execute(sql: query, onRow)
    }

    var statementsRun: Int { statements.withLock { $0 } }
}

@Suite("Pages of drafts")
struct DraftOrderPageTests {
    static func input(round: Int) -> DraftOrderInput {
        var input = DraftOrderInput()
        input.note = .set("v\(round)")
        input.lineItems = (1...3).map { DraftOrderStoreTests.customLine("v\(round)", quantity: $0) }
        return input
    }

    /// A page reads outside a snapshot (`Store.readLatest`), one statement after another; here
    /// one draft is rewritten and another deleted before each of its later statements in turn.
    /// Every draft must come out as one version of itself (its lines are titled with its note),
    /// and the deleted one must be left out rather than fail the page.
    @Test("a page read while its drafts change shows each draft whole, at one version, and leaves out one deleted",
          arguments: TestEngine.all, [2, 3])
    func pageWhileDraftsChange(engine: TestEngine, changeBefore statement: Int) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop().id
            var ids: [DraftOrderID] = []
            // Written, never read: no draft is in memory, so the page reads each one whole.
            for _ in 0..<3 { ids.append(try await context.draftOrders.create(shop: shop, Self.input(round: 0)).id) }
            let (rewritten, deleted, kept) = (ids[0], ids[1], ids[2])

            let page = try await context.database.unbracketed { db in
                let interposing = InterposingDatabase(db, before: statement) {
                    _ = try await context.draftOrders.update(shop: shop, id: rewritten, Self.input(round: 1))
                    _ = try await context.draftOrders.delete(shop: shop, id: deleted)
                }
                let session = SQLContext(db: interposing, database: context.database, isWrite: false, drafts: context.store.drafts)
                let page = try await SQLDraftOrderRepository(context: session).drafts(
                    shop: shop, matching: SearchQuery(parsing: ""), sortedBy: .id, page: PageRequest(first: 50))
                // The first statement finds the page, the second reads its drafts whole; no third.
                #expect(interposing.statementsRun == 2)
                return page
            }
            for draft in page.items {
                #expect(draft.lines.count == 3 && draft.lines.allSatisfy { $0.title == draft.note },
                        "\(draft.name) at version \(draft.version): \(draft.note ?? "no note"), lines \(draft.lines.map(\.title))")
            }
            let expected = statement == 2 ? [rewritten, kept] : [rewritten, deleted, kept]
            #expect(page.items.map(\.id) == expected)
            #expect(page.items.first?.note == (statement == 2 ? "v1" : "v0"))
        }
    }
}

@Suite("Whole drafts read outside a snapshot")
struct WholeDraftReadTests {
    enum Change: String, CaseIterable {
        case rewritten, deleted
    }

    /// A draft memory does not hold is read in two statements, its row and then its lines. Here
    /// another client rewrites (or deletes) it between the two: the read must give one version
    /// of the draft (its lines are titled with its note), keep only that version, or none.
    @Test("a draft changed between its row and its lines comes out whole, at one version",
          arguments: TestEngine.all, Change.allCases)
    func draftChangedBetweenStatements(engine: TestEngine, change: Change) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop().id
            // Written, never read: memory does not hold it.
            let id = try await context.draftOrders.create(shop: shop, DraftOrderPageTests.input(round: 0)).id

            func read(interposing: (@Sendable () async throws -> Void)?) async throws -> (DraftOrder?, statements: Int) {
                try await context.database.unbracketed { db in
                    let database = InterposingDatabase(db, before: 2) { try await interposing?() }
                    let session = SQLContext(db: database, database: context.database, isWrite: false,
                                             drafts: context.store.drafts)
                    let draft = try await SQLDraftOrderRepository(context: session).draft(shop: shop, id: id, forUpdate: false,
                                                                                        lines: true)
                    return (draft, database.statementsRun)
                }
            }
            let (draft, statements) = try await read {
                switch change {
                case .rewritten: _ = try await context.draftOrders.update(shop: shop, id: id, DraftOrderPageTests.input(round: 1))
                case .deleted: _ = try await context.draftOrders.delete(shop: shop, id: id)
                }
            }
            switch change {
            case .deleted:
                #expect(draft == nil)
            case .rewritten:
                let draft = try #require(draft)
                #expect(draft.note == "v1" && draft.lines.count == 3 && draft.lines.allSatisfy { $0.title == "v1" },
                        "version \(draft.version): \(draft.note ?? "no note"), lines \(draft.lines.map(\.title))")
                // The row, its lines (which showed a later version), and the draft again whole.
                #expect(statements == 3)
                // What memory kept is that same version: the next read finds it from the row alone.
                let (again, statementsAgain) = try await read(interposing: nil)
                #expect(again?.version == draft.version && again?.lines == draft.lines)
                #expect(statementsAgain == 1)
            }
        }
    }
}
