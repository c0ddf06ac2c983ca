import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Timelines")
struct ActivityStoreTests {
    @Test("a draft's timeline gets one line per create, duplicate and update, naming who acted", arguments: TestEngine.all)
    func draftTimeline(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [DraftOrderStoreTests.customLine()]
            let created = try await ActingParty.$name.withValue("rep@shop.test") {
                try await context.draftOrders.create(shop: shop.id, input)
            }
            let copy = try await context.draftOrders.duplicate(shop: shop.id, id: created.id)
            var change = DraftOrderInput()
            change.note = .set("Rush")
            _ = try await ActingParty.$name.withValue("API token “ERP”") {
                try await context.draftOrders.update(shop: shop.id, id: created.id, change)
            }

            let original = try await context.services.activities.timeline(shop: shop.id, of: .draftOrder(created.id))
            #expect(original.map(\.action) == [.updated, .created])
            #expect(original.map(\.actor) == ["API token “ERP”", "rep@shop.test"])
            #expect(original.map(\.detail) == ["Total $42.40 USD", "Total $42.40 USD"])
            #expect(original.allSatisfy { $0.subject == .draftOrder(created.id) })
            let duplicated = try await context.services.activities.timeline(shop: shop.id, of: .draftOrder(copy.id))
            #expect(duplicated.map(\.action) == [.duplicated])
            #expect(duplicated.map(\.actor) == ["Proforma"])
            #expect(duplicated.map(\.detail) == ["Duplicated from #D1"])
            #expect(duplicated.first?.createdAt == copy.createdAt)
        }
    }
}
