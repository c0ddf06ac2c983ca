import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

/// A shop with boots in stock at its first location, and drafts of them.
struct StockedShop {
    let context: TestContext
    let shop: ShopID
    let location: LocationID
    let variants: [ProductVariant]

    static func make(_ context: TestContext, quantity: Int64 = 5) async throws -> StockedShop {
        let shop = try await context.makeShop()
        let location = try await context.shops.locations(shop: shop.id)[0].id
        let product = try await context.catalog.setProduct(shop: shop.id, Fixtures.boots(quantity: quantity, location: location))
        return StockedShop(context: context, shop: shop.id, location: location, variants: product.variants)
    }

    func input(_ quantities: [(variant: Int, quantity: Int)], until: Timestamp?) -> DraftOrderInput {
        var input = DraftOrderInput()
        input.lineItems = quantities.map { .init(variantID: variants[$0.variant].id, quantity: $0.quantity) }
        if let until { input.reserveInventoryUntil = .set(until) }
        return input
    }

    /// available, reserved, committed of a variant at the first location.
    func stock(_ variant: Int = 0) async throws -> [Int64] {
        let levels = try await context.inventory.levels(shop: shop, items: [variants[variant].inventoryItem.id])
        let level = try #require(levels.first { $0.locationID == location })
        return [level.available, level.reserved, level.committed]
    }

    var tomorrow: Timestamp { context.clock.now().adding(seconds: 86_400) }
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

    @Test("100 concurrent reservers on 50 units: exactly 50 succeed, stock never goes negative, and the refused use up no number",
          arguments: TestEngine.all)
    func contention(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context, quantity: 50)
            let input = stocked.input([(0, 1)], until: stocked.tomorrow)
            let results = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<100 {
                    group.addTask { try? await context.draftOrders.create(shop: stocked.shop, input).name }
                }
                return await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(Set(results.compactMap { $0 }) == Set((1...50).map { "#D\($0)" }))
            #expect(try await stocked.stock(0) == [0, 50, 0])
            #expect(try await context.draftOrders.count(shop: stocked.shop, matching: .matchAll, limit: nil) == 50)
            // A draft that holds no stock takes its number before it is written.
            #expect(try await context.draftOrders.create(shop: stocked.shop, stocked.input([(0, 1)], until: nil)).name == "#D51")
        }
    }
}
