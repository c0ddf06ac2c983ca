import ProformaCore
import ProformaServices
@testable import ProformaStore
import SQLKit
import ProformaTestSupport
import Synchronization
import Testing

/// A shop with boots in stock at its first location (and at its second, when asked), and drafts of them.
struct StockedShop {
    let context: TestContext
    let shop: ShopID
    /// The first location.
    let location: LocationID
    let variants: [ProductVariant]

    static func make(_ context: TestContext, quantity: Int64 = 5, atSecondLocation second: Int64? = nil) async throws -> StockedShop {
        let shop = try await context.makeShop()
        let locations = try await context.shops.locations(shop: shop.id).map(\.id)
        var boots = Fixtures.boots(quantity: quantity, location: locations[0])
        if let second {
            for index in boots.variants?.indices ?? 0..<0 {
                boots.variants?[index].inventoryQuantities?.append(.init(locationID: locations[1], quantity: second))
            }
        }
        let product = try await context.catalog.setProduct(shop: shop.id, boots)
        return StockedShop(context: context, shop: shop.id, location: locations[0], variants: product.variants)
    }

    func input(_ quantities: [(variant: Int, quantity: Int)], until: Timestamp?) -> DraftOrderInput {
        var input = DraftOrderInput()
        input.lineItems = quantities.map { .init(variantID: variants[$0.variant].id, quantity: $0.quantity) }
        if let until { input.reserveInventoryUntil = .set(until) }
        return input
    }

    /// available, reserved, committed of a variant at the first location.
    func stock(_ variant: Int = 0) async throws -> [Int64] {
        try #require(try await stockByLocation(variant).first)
    }

    var tomorrow: Timestamp { context.clock.now().adding(seconds: 86_400) }

    /// The names of the drafts that `count` clients creating at once got; the refused get none.
    func createConcurrently(_ count: Int, _ input: DraftOrderInput) async -> [String] {
        await withTaskGroup(of: String?.self) { group in
            for _ in 0..<count {
                group.addTask { try? await context.draftOrders.create(shop: shop, input).name }
            }
            return await group.reduce(into: [String]()) { names, name in if let name { names.append(name) } }
        }
    }

    /// available, reserved, committed of a variant at each location, in location order.
    func stockByLocation(_ variant: Int = 0) async throws -> [[Int64]] {
        try await context.inventory.levels(shop: shop, items: [variants[variant].inventoryItem.id])
            .sorted { $0.locationID.rawValue < $1.locationID.rawValue }
            .map { [$0.available, $0.reserved, $0.committed] }
    }
}

/// A store that runs `interleave` once, after the first write that prepares has read what it
/// needs and before it writes: another client's change lands in between.
final class InterleavingStore: ForwardingStore {
    let base: SQLStore
    let interleave: PendingChange

    init(base: SQLStore, interleave: @escaping @Sendable () async throws -> Void) {
        self.base = base
        self.interleave = PendingChange(interleave)
    }

    func write<Prepared: Sendable, T: Sendable>(
        preparedBy prepare: (any StoreSession) async throws -> Prepared, isSingleWrite: (Prepared) -> Bool,
        _ work: (any StoreSession, Prepared) async throws -> T) async throws -> T {
        try await base.write(preparedBy: { session in
            let prepared = try await prepare(session)
            if let change = interleave.take() { try await change() }
            return prepared
        }, isSingleWrite: isSingleWrite, work)
    }
}

@Suite("Inventory reservations")
struct ReservationTests {
    @Test("reserving moves units to reserved; lines of one variant add up; updates follow the draft", arguments: TestEngine.all)
    func lifecycle(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context)
            let draft = try await context.draftOrders.create(
                shop: stocked.shop, stocked.input([(0, 2), (0, 1), (1, 1)], until: stocked.tomorrow))
            #expect(try await stocked.stock(0) == [2, 3, 0])
            #expect(try await stocked.stock(1) == [4, 1, 0])

            // Shorten: two fewer units of the first variant, the second variant's line removed.
            var shorter = DraftOrderInput()
            shorter.lineItems = [.init(variantID: stocked.variants[0].id, quantity: 1)]
            _ = try await context.draftOrders.update(shop: stocked.shop, id: draft.id, shorter)
            #expect(try await stocked.stock(0) == [4, 1, 0])
            #expect(try await stocked.stock(1) == [5, 0, 0])

            // An edit that leaves the lines alone keeps the units held.
            var note = DraftOrderInput()
            note.note = .set("Ring before delivery")
            _ = try await context.draftOrders.update(shop: stocked.shop, id: draft.id, note)
            #expect(try await stocked.stock(0) == [4, 1, 0])

            // Clearing the date gives the units back.
            var clear = DraftOrderInput()
            clear.reserveInventoryUntil = .cleared
            _ = try await context.draftOrders.update(shop: stocked.shop, id: draft.id, clear)
            #expect(try await stocked.stock(0) == [5, 0, 0])
        }
    }

    @Test("a shortfall names the line and reserves nothing", arguments: TestEngine.all)
    func shortfall(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context)
            let error = await #expect(throws: ValidationErrors.self) {
                try await context.draftOrders.create(shop: stocked.shop, stocked.input([(1, 1), (0, 4), (0, 2)], until: stocked.tomorrow))
            }
            #expect(error?.errors.first?.field == ["lineItems", "1", "quantity"])
            #expect(error?.errors.first?.code == "INSUFFICIENT_INVENTORY")
            #expect(error?.errors.first?.message.contains("6 requested, only 5 are available") == true)
            #expect(try await stocked.stock(0) == [5, 0, 0])
            #expect(try await stocked.stock(1) == [5, 0, 0])
            #expect(try await context.draftOrders.count(shop: stocked.shop, matching: .matchAll, limit: nil) == 0)

            let past = await #expect(throws: ValidationErrors.self) {
                try await context.draftOrders.create(shop: stocked.shop, stocked.input([(0, 1)], until: Timestamp(millisecondsSince1970: 0)))
            }
            #expect(past?.errors.first?.field == ["reserveInventoryUntil"])
        }
    }

    @Test("deleting a draft and running out release the units", arguments: TestEngine.all)
    func release(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context)
            let deleted = try await context.draftOrders.create(shop: stocked.shop, stocked.input([(0, 2)], until: stocked.tomorrow))
            let expiring = try await context.draftOrders.create(
                shop: stocked.shop, stocked.input([(0, 1)], until: context.clock.now().adding(seconds: 60)))
            #expect(try await stocked.stock(0) == [2, 3, 0])
            #expect(try await context.draftOrders.delete(shop: stocked.shop, id: deleted.id))
            #expect(try await stocked.stock(0) == [4, 1, 0])

            #expect(try await context.inventory.releaseExpiredReservations().examined == 0)
            context.clock.advance(seconds: 61)
            // Expiry workers of several instances at once give the units back once.
            let released = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await context.inventory.releaseExpiredReservations().released } }
                return try await group.reduce(0, +)
            }
            #expect(released == 1)
            #expect(try await stocked.stock(0) == [5, 0, 0])
            #expect(try await context.inventory.releaseExpiredReservations().examined == 0)
            // The draft itself stays, with the date it was held until.
            #expect(try await context.draftOrders.draft(shop: stocked.shop, id: expiring.id)?.reserveInventoryUntil != nil)
        }
    }

    @Test("a create whose stock was taken after it planned plans again under the levels' locks, using no number",
          arguments: TestEngine.all)
    func stalePlan(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context, quantity: 1, atSecondLocation: 5)
            let input = stocked.input([(0, 1)], until: stocked.tomorrow)
            // Another client takes the first location's one unit between this create's plan and its write.
            let interleaved = TestContext(database: context.database, wrapping: { store in
                InterleavingStore(base: store) { _ = try await context.draftOrders.create(shop: stocked.shop, input) }
            })
            let draft = try await interleaved.draftOrders.create(shop: stocked.shop, input)
            #expect(draft.name == "#D2")
            #expect(try await stocked.stockByLocation() == [[0, 1, 0], [4, 1, 0]])
        }
    }

    @Test("100 concurrent reservers on 25 units at each of two locations: exactly 50 succeed, each location gives its 25",
          arguments: TestEngine.all)
    func contentionAcrossLocations(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context, quantity: 25, atSecondLocation: 25)
            let input = stocked.input([(0, 1)], until: stocked.tomorrow)
            let names = await stocked.createConcurrently(100, input)
            #expect(Set(names) == Set((1...50).map { "#D\($0)" }))
            #expect(try await stocked.stockByLocation() == [[0, 25, 0], [0, 25, 0]])
        }
    }

    @Test("100 concurrent reservers on 50 units: exactly 50 succeed, stock never goes negative, and the refused use up no number",
          arguments: TestEngine.all)
    func contention(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context, quantity: 50)
            let input = stocked.input([(0, 1)], until: stocked.tomorrow)
            let names = await stocked.createConcurrently(100, input)
            #expect(Set(names) == Set((1...50).map { "#D\($0)" }))
            #expect(try await stocked.stock(0) == [0, 50, 0])
            #expect(try await context.draftOrders.count(shop: stocked.shop, matching: .matchAll, limit: nil) == 50)
            // A draft that holds no stock takes its number before it is written.
            #expect(try await context.draftOrders.create(shop: stocked.shop, stocked.input([(0, 1)], until: nil)).name == "#D51")
        }
    }

    /// Every stock move takes its draft's reservations, then their levels. A variant deleted
    /// meanwhile must not take the level first and then wait for the reservation: on
    /// PostgreSQL the two would deadlock, and one of them would be aborted.
    @Test("a variant deleted while a draft's held units are released: both go through", arguments: TestEngine.all)
    func deleteWhileReleasing(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context)
            let draft = try await context.draftOrders.create(shop: stocked.shop, stocked.input([(0, 1)], until: stocked.tomorrow))
            let variant = stocked.variants[0]
            let deletion = try await context.store.write { session in
                #expect(try await session.stock.removeReservations(shop: stocked.shop, draft: draft.id).count == 1)
                let deletion = Task {
                    try await context.store.write { try await $0.catalog.deleteVariant(shop: stocked.shop, id: variant.id) }
                }
                try await Self.awaitWaiter(on: context.database)
                _ = try await session.inventory.lockLevels(shop: stocked.shop, items: [variant.inventoryItem.id])
                return deletion
            }
            try await deletion.value
            #expect(try await context.inventory.levels(shop: stocked.shop, items: [variant.inventoryItem.id]).isEmpty)
        }
    }

    /// An import locks the stock of its products a product at a time, in the order it was given
    /// them, while a draft's release locks its levels in one sorted order: the two can wait on
    /// each other in a circle. PostgreSQL then ends one of them, and the store runs that one
    /// again once the other has gone ahead.
    @Test("an import of two products while a draft holding both is released: both go through", arguments: TestEngine.all)
    func importWhileReleasing(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context)
            let boots = try #require(try await context.catalog.product(shop: stocked.shop, id: stocked.variants[0].productID))
            let gloves = try await context.catalog.setProduct(shop: stocked.shop, ProductSetInput(
                title: "Gloves", variants: [.init(price: ExactDecimal("39.00"),
                                                  inventoryQuantities: [.init(locationID: stocked.location, quantity: 5)])]))
            let glove = gloves.variants[0]
            var input = stocked.input([(0, 1)], until: stocked.tomorrow)
            input.lineItems?.append(.init(variantID: glove.id, quantity: 1))
            let draft = try await context.draftOrders.create(shop: stocked.shop, input)
            // The gloves first: their level comes after the boots' in the sorted order.
            var restocked = Fixtures.boots(quantity: 7, location: stocked.location)
            restocked.id = boots.id
            let restock = [ProductSetInput(id: gloves.id, variants: [.init(id: glove.id, price: ExactDecimal("39.00"),
                inventoryQuantities: [.init(locationID: stocked.location, quantity: 7)])]), restocked]
            // Whichever of the two PostgreSQL ends runs again; the release starts the import only once.
            let importing = Mutex<Task<[Product], any Error>?>(nil)
            try await context.store.write { session in
                #expect(try await session.stock.removeReservations(shop: stocked.shop, draft: draft.id).count == 2)
                _ = try await session.inventory.lockLevels(shop: stocked.shop, items: [stocked.variants[0].inventoryItem.id])
                guard importing.withLock({ $0 == nil }) else { return }
                importing.withLock { $0 = Task { try await context.catalog.setProducts(shop: stocked.shop, restock) } }
                // The import holds the gloves' level and waits for the boots'; the release now waits for the gloves'.
                try await Self.awaitWaiter(on: context.database)
                _ = try await session.inventory.lockLevels(shop: stocked.shop, items: [glove.inventoryItem.id])
            }
            let products = try await #require(importing.withLock { $0 }).value
            #expect(products.map(\.id) == [gloves.id, boots.id])
            #expect(try await context.inventory.levels(shop: stocked.shop, items: [glove.inventoryItem.id])
                .filter { $0.locationID == stocked.location }.map(\.available) == [7])
            #expect(try await stocked.stock(0)[0] == 7)
        }
    }

    /// Returns once another transaction waits on the caller's: on PostgreSQL for a row lock, on
    /// SQLite for the writer (or after 10 s, and the test's own expectations then judge).
    static func awaitWaiter(on database: Database) async throws {
        for _ in 0..<2_000 {
            let waiting = if let sqlite = database.engine as? SQLiteEngine {
                sqlite.writer.hasWaitingWrites
            } else {
                try await database.read { db in
                    try await db.raw("""
                        SELECT COUNT(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()
                        """).first()?.decode(column: "n", as: Int.self) ?? 0
                } > 0
            }
            if waiting { return }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
