import ProformaCore
import ProformaServices
@testable import ProformaStore
import ProformaTestSupport
import SQLKit
import Testing

@Suite("Drafts remembered between reads")
struct DraftMemoryTests {
    /// Rewrites a line's title in the database without touching the draft's row, which no
    /// Proforma write does: the only way to see whether a read went back to the lines.
    static func retitleLinesBehindTheStore(_ context: TestContext, draft: DraftOrderID, to title: String) async throws {
        try await context.database.transaction { db in
            try await db.raw("""
                UPDATE draft_order_line_lists SET lines = REPLACE(lines, 'Custom Tee', \(bind: title))
                WHERE draft_order_id = \(bind: draft.rawValue)
                """).run()
        }
    }

    static func newDraft(_ context: TestContext, shop: ShopID) async throws -> DraftOrder {
        var input = DraftOrderInput()
        input.lineItems = [DraftOrderStoreTests.customLine()]
        input.metafields = [MetafieldInput(namespace: "erp", key: "ref", type: "single_line_text_field", value: "SO-1")]
        return try await context.draftOrders.create(shop: shop, input)
    }

    @Test("a draft read again is reused while its row keeps its version, and read afresh once it moves",
          arguments: TestEngine.all)
    func reuse(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let created = try await Self.newDraft(context, shop: shop.id)
            let first = try #require(try await context.draftOrders.draft(shop: shop.id, id: created.id))
            #expect(first == created)

            try await Self.retitleLinesBehindTheStore(context, draft: created.id, to: "Behind the store")
            let again = try #require(try await context.draftOrders.draft(shop: shop.id, id: created.id))
            #expect(again.lines.map(\.title) == ["Custom Tee"])
            let page = try await context.draftOrders.drafts(shop: shop.id, matching: SearchQuery(parsing: ""), sortedBy: .id,
                                                            page: PageRequest(first: 10))
            #expect(page.items == [again])

            var note = DraftOrderInput()
            note.note = .set("Call first")
            let updated = try await context.draftOrders.update(shop: shop.id, id: created.id, note)
            let after = try #require(try await context.draftOrders.draft(shop: shop.id, id: created.id))
            #expect(after.version == updated.version)
            #expect(after.note == "Call first")
            #expect(after.lines.map(\.title) == ["Behind the store"])
            #expect(after.metafields.map(\.value) == ["SO-1"])
        }
    }

    @Test("a page reads whole only the drafts memory does not hold as they are, and keeps its order",
          arguments: TestEngine.all)
    func page(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var drafts: [DraftOrder] = []
            for _ in 0..<3 { drafts.append(try await Self.newDraft(context, shop: shop.id)) }
            func page(_ sort: DraftOrderSortKey = .id, reverse: Bool = false) async throws -> [DraftOrder] {
                try await context.draftOrders.drafts(shop: shop.id, matching: SearchQuery(parsing: "status:open"), sortedBy: sort,
                                                     page: PageRequest(first: 10, reverse: reverse)).items
            }
            #expect(try await page() == drafts)
            for draft in drafts { try await Self.retitleLinesBehindTheStore(context, draft: draft.id, to: "Behind the store") }
            #expect(try await page(reverse: true) == drafts.reversed())

            // The middle draft moves on: only it is read again, whole, between two remembered ones.
            var note = DraftOrderInput()
            note.note = .set("Call first")
            let updated = try await context.draftOrders.update(shop: shop.id, id: drafts[1].id, note)
            let read = try await page(.updatedAt)
            #expect(read.map(\.id) == [drafts[0].id, drafts[2].id, drafts[1].id])
            #expect(read.map { $0.lines.map(\.title) } == [["Custom Tee"], ["Custom Tee"], ["Behind the store"]])
            #expect(read[2].version == updated.version && read[2].note == "Call first")
            #expect(read[2].metafields.map(\.value) == ["SO-1"])
        }
    }

    @Test("what a transaction read and then rolled back is never reused", arguments: TestEngine.all)
    func rollback(engine: TestEngine) async throws {
        struct Abandoned: Error {}
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let created = try await Self.newDraft(context, shop: shop.id)
            await #expect(throws: Abandoned.self) {
                try await context.store.write { session in
                    var draft = try #require(try await session.draftOrders.draft(shop: shop.id, id: created.id, forUpdate: true))
                    draft.note = "Never committed"
                    draft.version += 1
                    _ = try await session.draftOrders.update(shop: shop.id, DraftOrderRecord(draft: draft, customer: nil),
                                                            expectedVersion: created.version, note: nil)
                    #expect(try await session.draftOrders.draft(shop: shop.id, id: created.id, forUpdate: false)?.note
                            == "Never committed")
                    throw Abandoned()
                }
            }
            // The same version, committed with other content, by a statement that reads nothing back.
            try await context.database.transaction { db in
                try await db.raw("""
                    UPDATE draft_orders SET note = 'Committed', version = version + 1 WHERE id = \(bind: created.id.rawValue)
                    """).run()
            }
            let read = try #require(try await context.draftOrders.draft(shop: shop.id, id: created.id))
            #expect(read.version == created.version + 1)
            #expect(read.note == "Committed")
        }
    }

    @Test("a changed draft must be written as a later version", arguments: [TestEngine.sqlite])
    func versionMustAdvance(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let created = try await Self.newDraft(context, shop: shop.id)
            var draft = created
            draft.note = "Same version"
            let record = DraftOrderRecord(draft: draft, customer: nil)
            await #expect(throws: SQLStoreError.self) {
                try await context.store.write { session in
                    try await session.draftOrders.update(shop: shop.id, record, expectedVersion: created.version, note: nil)
                }
            }
            #expect(try await context.draftOrders.draft(shop: shop.id, id: created.id)?.note == nil)
        }
    }

    @Test("memory holds at most its capacity in lines, and none with capacity 0")
    func capacity() async throws {
        let draft = try await withTestStore(.sqlite) { context in
            var input = DraftOrderInput()
            input.lineItems = Array(repeating: DraftOrderStoreTests.customLine(), count: 3)
            return try await context.draftOrders.create(shop: try await context.makeShop().id, input)
        }
        let memory = DraftMemory(capacity: 40)
        for id in 1...20 {
            var copy = draft
            copy.id = DraftOrderID(Int64(id))
            memory.remember(copy, shop: ShopID(1))
        }
        #expect(memory.count > 0 && memory.count <= 10)
        let token = draft.invoiceToken!.hash
        let found = memory.drafts(shop: ShopID(1), rows: (1...20).map { .init(id: $0, version: draft.version, tokenHash: token) })
        #expect(found.compactMap { $0 }.count == memory.count)
        let kept = try #require(found.compactMap { $0 }.first)
        #expect(kept.lines == draft.lines)
        // Another shop, a later version and another token each miss, in one lookup with a hit.
        let id = kept.id.rawValue
        let asked = memory.drafts(shop: ShopID(1), rows: [.init(id: id, version: draft.version + 1, tokenHash: token),
                                                          .init(id: id, version: draft.version, tokenHash: "other"),
                                                          .init(id: id, version: draft.version, tokenHash: token)])
        #expect(asked.map { $0?.id } == [nil, nil, kept.id])
        #expect(memory.drafts(shop: ShopID(2), rows: [.init(id: id, version: draft.version, tokenHash: token)]) == [nil])

        let none = DraftMemory(capacity: 0)
        none.remember(draft, shop: ShopID(1))
        #expect(none.count == 0)
    }
}
