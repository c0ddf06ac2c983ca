import ProformaTestSupport
@testable import ProformaStore
import SQLKit
import Testing

@Suite("Single-statement lookups")
struct LookupTests {
    @Test("a lookup answers with one statement and refuses a second", arguments: TestEngine.all)
    func secondStatementRefused(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database in
            let answer = try await database.lookup { db in try await db.raw("SELECT 7 AS x").first()?.decode(column: "x", as: Int.self) }
            #expect(answer == 7)
            await #expect(throws: SecondStatementError.self) {
                try await database.lookup { db in
                    _ = try await db.raw("SELECT 1 AS x").first()
                    _ = try await db.raw("SELECT 2 AS x").first()
                }
            }
        }
    }
}
