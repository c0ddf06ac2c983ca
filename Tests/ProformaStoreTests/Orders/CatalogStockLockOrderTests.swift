import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Catalog writes and stock moves")
struct CatalogStockLockOrderTests {
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
                // Time for the delete to reach the rows this transaction holds (on SQLite it waits for the writer).
                try await Task.sleep(for: .milliseconds(300))
                _ = try await session.inventory.lockLevels(shop: stocked.shop, items: [variant.inventoryItem.id])
                return deletion
            }
            try await deletion.value
            #expect(try await context.inventory.levels(shop: stocked.shop, items: [variant.inventoryItem.id]).isEmpty)
        }
    }
}
