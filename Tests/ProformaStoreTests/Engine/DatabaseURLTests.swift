import Logging
import ProformaTestSupport
@testable import ProformaStore
import SQLKit
import Testing

@Suite("Database URLs")
struct DatabaseURLTests {
    @Test("a PostgreSQL URL sets TLS, the pool size and prepared statements, and refuses values out of range")
    func postgresSettings() throws {
        guard case .postgres(let plain) = try DatabaseURL(parsing: "postgres://app@db.example/proforma") else {
            Issue.record("not a PostgreSQL URL")
            return
        }
        #expect(plain.tls == .prefer)
        #expect(plain.poolSize == 20)
        #expect(plain.preparesStatements)
        guard case .postgres(let tuned) = try DatabaseURL(
            parsing: "postgres://app:s3cret@db.example:6543/proforma?sslmode=require&pool_size=8&prepared_statements=off") else {
            Issue.record("not a PostgreSQL URL")
            return
        }
        #expect(tuned.tls == .require)
        #expect(tuned.poolSize == 8)
        #expect(tuned.port == 6543)
        #expect(!tuned.preparesStatements)
        #expect(throws: DatabaseURLError.self) {
            try DatabaseURL(parsing: "postgres://app@db.example/proforma?prepared_statements=maybe")
        }
        for size in ["0", "501", "many", ""] {
            #expect(throws: DatabaseURLError.self) {
                try DatabaseURL(parsing: "postgres://app@db.example/proforma?pool_size=\(size)")
            }
        }
    }

    @Test("no more PostgreSQL connections are opened than the pool size", arguments: TestEngine.all.filter { $0 == .postgres })
    func poolSizeHonoured(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.fresh(engine)
        defer { TestDatabases.discard(url) }
        guard case .postgres(var settings) = url else { return }
        settings.poolSize = 2
        var logger = Logger(label: "pool-size-test")
        logger.logLevel = .error
        let backends = try await withDatabase(.postgres(settings), logger: logger) { database in
            try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await database.read { db in
                            _ = try await db.raw("SELECT pg_sleep(0.05)").run()
                            return try await db.raw("SELECT pg_backend_pid() AS pid").first()?.decode(column: "pid", as: Int.self)
                        }
                    }
                }
                return try await group.reduce(into: Set<Int>()) { if let pid = $1 { $0.insert(pid) } }
            }
        }
        #expect(backends.count == 2)
    }
}
