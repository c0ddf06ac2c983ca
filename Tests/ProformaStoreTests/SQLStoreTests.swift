import Synchronization
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

    @Test("lookupOrRead answers one statement as a lookup on PostgreSQL and reads again for two; SQLite reads once",
          arguments: TestEngine.all)
    func lookupOrRead(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            _ = try await context.makeShop()
            let runs = Mutex(0)
            func counted(_ statements: Int) async throws -> Int {
                runs.withLock { $0 = 0 }
                let shops = try await context.store.lookupOrRead { session in
                    runs.withLock { $0 += 1 }
                    var found = 0
                    for _ in 0..<statements { found = try await session.shops.allShops().count }
                    return found
                }
                #expect(shops == 1)
                return runs.withLock { $0 }
            }
            #expect(try await counted(1) == 1)
            #expect(try await counted(2) == (engine == .postgres ? 2 : 1))
            // Any other failure is the caller's, and the work is not run again.
            runs.withLock { $0 = 0 }
            await #expect(throws: Refused.self) {
                try await context.store.lookupOrRead { _ -> Int in
                    runs.withLock { $0 += 1 }
                    throw Refused()
                }
            }
            #expect(runs.withLock { $0 } == 1)
        }
    }
}
