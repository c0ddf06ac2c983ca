import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Inventory")
struct InventoryStoreTests {
    private func setup(_ context: TestContext) async throws -> (ShopID, InventoryItemID, LocationID) {
        let shop = try await context.makeShop()
        let location = try await context.shops.locations(shop: shop.id)[0].id
        let product = try await context.catalog.setProduct(shop: shop.id, Fixtures.boots(quantity: 5, location: location))
        return (shop.id, product.variants[0].inventoryItem.id, location)
    }

    @Test("setting available and on_hand reports the changes", arguments: TestEngine.all)
    func set(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let (shop, item, location) = try await setup(context)
            let adjustment = try await context.inventory.setQuantities(shop: shop, InventorySetQuantitiesInput(
                name: "on_hand", reason: "correction", referenceDocumentURI: nil, ignoreCompareQuantity: false,
                quantities: [.init(item: item, location: location, quantity: 12, compareQuantity: 5)]))
            #expect(adjustment.changes.map(\.name) == [.available, .onHand])
            #expect(adjustment.changes.map(\.delta) == [7, 7])
            let level = try #require(try await context.inventory.levels(shop: shop, items: [item]).first { $0.locationID == location })
            #expect(level.available == 12)
            #expect(level.onHand == 12)
        }
    }

    @Test("a location's levels page by item, both ways", arguments: TestEngine.all)
    func locationPages(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let location = try await context.shops.locations(shop: shop.id)[0].id
            let product = try await context.catalog.setProduct(shop: shop.id, Fixtures.boots(quantity: 3, location: location))
            let items = product.variants.map(\.inventoryItem.id).sorted { $0.rawValue < $1.rawValue }
            let first = try await context.inventory.levels(shop: shop.id, locations: [location], page: PageRequest(first: 3))
            #expect(first.items.map(\.itemID) == Array(items.prefix(3)))
            #expect(first.hasNextPage)
            let rest = try await context.inventory.levels(shop: shop.id, locations: [location],
                                                          page: PageRequest(first: 3, after: first.cursors.last))
            #expect(rest.items.map(\.itemID) == [items[3]])
            let back = try await context.inventory.levels(shop: shop.id, locations: [location],
                                                          page: PageRequest(last: 2, before: rest.cursors.first))
            #expect(back.items.map(\.itemID) == [items[1], items[2]])
            #expect(back.items.allSatisfy { $0.available == 3 })
        }
    }

    @Test("a stale compareQuantity is refused and nothing changes", arguments: TestEngine.all)
    func stale(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let (shop, item, location) = try await setup(context)
            let other = try await context.shops.locations(shop: shop)[1].id
            let error = await #expect(throws: ValidationErrors.self) {
                try await context.inventory.setQuantities(shop: shop, InventorySetQuantitiesInput(
                    name: "available", reason: "correction", referenceDocumentURI: nil, ignoreCompareQuantity: false,
                    quantities: [.init(item: item, location: other, quantity: 3, compareQuantity: 0),
                                 .init(item: item, location: location, quantity: 9, compareQuantity: 4)]))
            }
            #expect(error?.errors.map(\.code) == ["COMPARE_QUANTITY_STALE"])
            #expect(error?.errors.first?.field == ["quantities", "1", "compareQuantity"])
            let levels = try await context.inventory.levels(shop: shop, items: [item])
            #expect(levels.map(\.available).sorted() == [0, 5])
        }
    }

    @Test("racing compare-and-set writers: exactly one wins", arguments: TestEngine.all)
    func race(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let (shop, item, location) = try await setup(context)
            let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                for quantity in 100..<120 {
                    group.addTask {
                        do {
                            _ = try await context.inventory.setQuantities(shop: shop, InventorySetQuantitiesInput(
                                name: "available", reason: "correction", referenceDocumentURI: nil,
                                ignoreCompareQuantity: false,
                                quantities: [.init(item: item, location: location, quantity: Int64(quantity), compareQuantity: 5)]))
                            return true
                        } catch is ValidationErrors {
                            return false
                        }
                    }
                }
                var count = 0
                for try await won in group where won { count += 1 }
                return count
            }
            #expect(winners == 1)
            let level = try #require(try await context.inventory.levels(shop: shop, items: [item]).first { $0.locationID == location })
            #expect((100..<120).contains(level.available))
        }
    }

    @Test("input errors name the entry", arguments: TestEngine.all)
    func inputErrors(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let (shop, item, location) = try await setup(context)
            let error = await #expect(throws: ValidationErrors.self) {
                try await context.inventory.setQuantities(shop: shop, InventorySetQuantitiesInput(
                    name: "reserved", reason: "because", referenceDocumentURI: nil, ignoreCompareQuantity: false,
                    quantities: [.init(item: item, location: location, quantity: 1, compareQuantity: nil)]))
            }
            #expect(Set(error?.errors.compactMap(\.code) ?? []) == ["INVALID_NAME", "INVALID_REASON", "COMPARE_QUANTITY_REQUIRED"])
            let missing = await #expect(throws: ValidationErrors.self) {
                try await context.inventory.setQuantities(shop: shop, InventorySetQuantitiesInput(
                    name: "available", reason: "correction", referenceDocumentURI: nil, ignoreCompareQuantity: true,
                    quantities: [.init(item: InventoryItemID(424_242), location: location, quantity: 1, compareQuantity: nil)]))
            }
            #expect(missing?.errors.first?.code == "INVALID_INVENTORY_ITEM")
        }
    }
}
