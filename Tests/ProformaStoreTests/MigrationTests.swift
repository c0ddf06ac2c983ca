import Logging
import SQLKit
import Foundation
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("migrating twice applies everything once", arguments: TestEngine.all)
    func twice(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        try await withDatabase(url, logger: .init(label: "test")) { database in
            let migrator = Migrator(database: database)
            let first = try await migrator.migrate(now: 1)
            #expect(first == Array(1...Migrator.latestVersion))
            let second = try await migrator.migrate(now: 2)
            #expect(second.isEmpty)
            #expect(try await migrator.appliedVersions() == Array(1...Migrator.latestVersion))
        }
    }

    @Test("two migrators racing on one database apply each version exactly once", arguments: TestEngine.all)
    func concurrent(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        // Separate Database instances, as two processes would have.
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for index in 0..<4 {
                group.addTask {
                    try await withDatabase(url, logger: .init(label: "test")) { database in
                        try await Migrator(database: database).migrate(now: Int64(index))
                    }
                }
            }
            var all: [[Int]] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(applied.flatMap { $0 }.sorted() == Array(1...Migrator.latestVersion))
        #expect(applied.filter { !$0.isEmpty }.count == 1)
    }
}
