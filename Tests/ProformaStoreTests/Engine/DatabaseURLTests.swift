import Foundation
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

    @Test("a host that is a directory names the server's Unix-domain socket, as libpq reads it")
    func socketSettings() throws {
        let text = "postgres://app@/proforma?host=/run/postgresql&port=5433&sslmode=disable"
        guard case .postgres(let settings) = try DatabaseURL(parsing: text) else {
            Issue.record("not a PostgreSQL URL")
            return
        }
        #expect(settings.host == "/run/postgresql")
        #expect(settings.socketPath == "/run/postgresql/.s.PGSQL.5433")
        #expect(DatabaseURL.postgres(settings).description == "postgres://app@/proforma?host=/run/postgresql&port=5433")
        guard case .postgres(let tcp) = try DatabaseURL(parsing: "postgres://app@db.example/proforma?port=6000") else {
            Issue.record("not a PostgreSQL URL")
            return
        }
        #expect(tcp.socketPath == nil && tcp.port == 6000)
        for wrong in ["host=run/postgresql", "host=/run/postgresql&port=0", "host=/run/postgresql&port=x"] {
            #expect(throws: DatabaseURLError.self) { try DatabaseURL(parsing: "postgres://app@/proforma?\(wrong)") }
        }
    }

    @Test("a socket directory connects through the Unix-domain socket, not TCP", arguments: TestEngine.all.filter { $0 == .postgres })
    func socketConnection(engine: TestEngine) async throws {
        let directory = try #require(ProcessInfo.processInfo.environment["PROFORMA_TEST_POSTGRES_SOCKET_DIR"],
                                     "scripts/test sets it to the throwaway cluster's socket directory")
        let url = try await TestDatabases.shared.fresh(engine)
        defer { TestDatabases.discard(url) }
        guard case .postgres(var settings) = url else { return }
        settings.host = directory
        var logger = Logger(label: "socket-test")
        logger.logLevel = .error
        // The server's address is NULL on a Unix-domain socket.
        let local = try await withDatabase(.postgres(settings), logger: logger) { database in
            try await database.read { db in
                try await db.raw("SELECT inet_server_addr() IS NULL AS local").first()?.decode(column: "local", as: Bool.self)
            }
        }
        #expect(local == true)
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
