import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Store")
struct SQLStoreTests {
    private struct Refused: Error {}

    @Test("a write prepared by reads gets what they returned, and writes nothing when either part throws",
          arguments: TestEngine.all)
    func preparedWrite(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            _ = try await context.makeShop()
            let profile = Fixtures.settings.profile
            @Sendable func shopCount() async throws -> Int { try await context.store.read { try await $0.shops.allShops().count } }

            let counted = try await context.store.write(preparedBy: { try await $0.shops.allShops().count }) { session, count in
                _ = try await session.shops.insertShop(profile, at: context.clock.now())
                return count
            }
            #expect(counted == 1)
            #expect(try await shopCount() == 2)

            await #expect(throws: Refused.self) {
                try await context.store.write(preparedBy: { try await $0.shops.allShops().count }) { session, _ in
                    _ = try await session.shops.insertShop(profile, at: context.clock.now())
                    throw Refused()
                }
            }
            await #expect(throws: Refused.self) {
                try await context.store.write(preparedBy: { _ -> Int in throw Refused() }) { session, _ in
                    _ = try await session.shops.insertShop(profile, at: context.clock.now())
                }
            }
            #expect(try await shopCount() == 2)
        }
    }
}
