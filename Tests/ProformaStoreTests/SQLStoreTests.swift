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

    /// Inserting a shop takes two statements (its row, then its draft numbers), so it may not be
    /// a single write: SQLite runs it in its writer's transaction anyway, and PostgreSQL, which
    /// runs a single write outside any transaction, refuses the second statement.
    @Test("a single write is refused a second statement where it runs outside a transaction", arguments: TestEngine.all)
    func singleWrite(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            @Sendable func insert() async throws -> Int {
                try await context.store.write(preparedBy: { try await $0.shops.allShops().count },
                                              isSingleWrite: { _ in true }) { session, count in
                    _ = try await session.shops.insertShop(Fixtures.settings.profile, at: context.clock.now())
                    return count
                }
            }
            switch engine {
            case .sqlite:
                let counted = try await insert()
                let shops = try await context.store.read { try await $0.shops.allShops().count }
                #expect(counted == 0 && shops == 1)
            case .postgres:
                let error = await #expect(throws: (any Error).self) { try await insert() }
                #expect(error.map { "\($0)".contains("a second statement where one was promised") } == true)
            }
        }
    }
}
