import Foundation
import Logging
import ProformaTestSupport
@testable import ProformaStore
import SQLKit
import Synchronization
import Testing

/// On one pooled connection, so that every statement meets the same prepared ones.
@Suite("PostgreSQL prepared statements")
struct PreparedStatementTests {
    private static func withOneConnection<T: Sendable>(preparing: Bool = true,
                                                     _ body: @Sendable (Database) async throws -> T) async throws -> T {
        let url = try await TestDatabases.shared.fresh(.postgres)
        defer { TestDatabases.discard(url) }
        guard case .postgres(var settings) = url else { throw PreparedStatementTestError.notPostgres }
        settings.poolSize = 1
        settings.preparesStatements = preparing
        var logger = Logger(label: "prepared-statement-test")
        logger.logLevel = .error
        return try await withDatabase(.postgres(settings), logger: logger, body)
    }

    /// A name no other test's statement contains: the statements' registry is the process's.
    private static func uniqueName() -> String {
        "p" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    }

    /// How many statements prepared on the connection contain `marker` (bound, so that this
    /// query's own text does not contain it).
    private static func prepared(containing marker: String, in database: Database) async throws -> Int {
        try await database.read { db in
            try await db.raw("""
                SELECT COUNT(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%' || \(bind: marker) || '%'
                """).first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    private static func addOne(_ value: Int, marker: String, in database: Database) async throws -> Int? {
        try await database.read { db in
            try await db.raw("SELECT CAST(\(bind: value) AS BIGINT) + 1 AS n, '\(unsafeRaw: marker)' AS marker")
                .first()?.decode(column: "n", as: Int.self)
        }
    }

    @Test("a statement that keeps coming back is prepared once on its connection, and answers the same",
          arguments: TestEngine.all.filter { $0 == .postgres })
    func preparedOnce(engine: TestEngine) async throws {
        let marker = Self.uniqueName()
        try await Self.withOneConnection { (database: Database) async throws in
            for value in 1..<PreparedStatements.threshold {
                #expect(try await Self.addOne(value, marker: marker, in: database) == value + 1)
            }
            #expect(try await Self.prepared(containing: marker, in: database) == 0)
            for value in 10..<15 {
                #expect(try await Self.addOne(value, marker: marker, in: database) == value + 1)
            }
            #expect(try await Self.prepared(containing: marker, in: database) == 1)
        }
    }

    @Test("BEGIN and COMMIT are prepared too, and transactions still commit and roll back",
          arguments: TestEngine.all.filter { $0 == .postgres })
    func transactionControl(engine: TestEngine) async throws {
        struct Abandoned: Error {}
        let table = Self.uniqueName()
        try await Self.withOneConnection { (database: Database) async throws in
            try await database.execute("CREATE TABLE \(table) (n BIGINT NOT NULL)")
            for value in 0..<PreparedStatements.threshold + 2 {
                try await database.transaction { db in try await db.raw("INSERT INTO \(unsafeRaw: table) VALUES (\(bind: value))").run() }
                _ = try await database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first() }
                await #expect(throws: Abandoned.self) {
                    try await database.transaction { db in
                        try await db.raw("INSERT INTO \(unsafeRaw: table) VALUES (-1)").run()
                        throw Abandoned()
                    }
                }
            }
            let rows = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n, MIN(n) AS least FROM \(unsafeRaw: table)").first()
            }
            #expect(try rows?.decode(column: "n", as: Int.self) == PreparedStatements.threshold + 2)
            #expect(try rows?.decode(column: "least", as: Int.self) == 0)
            let control = try await database.read { db in
                try await db.raw("""
                    SELECT statement FROM pg_prepared_statements WHERE statement IN ('BEGIN', 'COMMIT', \(bind: Self.readBegin))
                    ORDER BY statement
                    """).all().map { try $0.decode(column: "statement", as: String.self) }
            }
            #expect(control == ["BEGIN", Self.readBegin, "COMMIT"].sorted())
        }
    }

    private static let readBegin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    @Test("with prepared_statements=off nothing is prepared", arguments: TestEngine.all.filter { $0 == .postgres })
    func turnedOff(engine: TestEngine) async throws {
        let marker = Self.uniqueName()
        try await Self.withOneConnection(preparing: false) { (database: Database) async throws in
            for value in 0..<(PreparedStatements.threshold + 2) {
                #expect(try await Self.addOne(value, marker: marker, in: database) == value + 1)
            }
            #expect(try await Self.prepared(containing: marker, in: database) == 0)
        }
    }

    @Test("a statement whose first prepared run on a connection fails runs unprepared there from then on",
          arguments: TestEngine.all.filter { $0 == .postgres })
    func failedPreparation(engine: TestEngine) async throws {
        let marker = Self.uniqueName()
        try await Self.withOneConnection { (database: Database) async throws in
            for value in 1..<PreparedStatements.threshold {
                _ = try await Self.addOne(value, marker: marker, in: database)
            }
            // Its first prepared run meets an aborted transaction, so its preparation fails (and
            // the transaction, whose first failure its body swallowed, with it).
            let failures = Atomic(0)
            let committed: Void? = try? await database.transaction { db in
                for sql: SQLQueryString in ["SELECT 1 / 0 AS n",
                                            "SELECT CAST(\(bind: 1) AS BIGINT) + 1 AS n, '\(unsafeRaw: marker)' AS marker"] {
                    do { try await db.raw(sql).run() } catch { failures.add(1, ordering: .relaxed) }
                }
            }
            #expect(failures.load(ordering: .relaxed) == 2)
            #expect(committed == nil)
            // postgres-nio would fail every later run of that name with the same error.
            #expect(try await Self.addOne(41, marker: marker, in: database) == 42)
            #expect(try await Self.prepared(containing: marker, in: database) == 0)
        }
    }

    @Test("a connection whose prepared statements the server dropped (DEALLOCATE ALL, a pooler's DISCARD ALL) fails once, then runs unprepared",
          arguments: TestEngine.all.filter { $0 == .postgres })
    func forgottenByServer(engine: TestEngine) async throws {
        let marker = Self.uniqueName()
        try await Self.withOneConnection { (database: Database) async throws in
            for value in 0...PreparedStatements.threshold { _ = try await Self.addOne(value, marker: marker, in: database) }
            #expect(try await Self.prepared(containing: marker, in: database) == 1)
            try await database.execute("DEALLOCATE ALL")
            await #expect(throws: (any Error).self) { try await Self.addOne(1, marker: marker, in: database) }
            for value in 41..<44 { #expect(try await Self.addOne(value, marker: marker, in: database) == value + 1) }
            #expect(try await Self.prepared(containing: marker, in: database) == 0)
        }
    }

    @Test("a prepared SELECT * whose table gains a column fails once, then runs unprepared",
          arguments: TestEngine.all.filter { $0 == .postgres })
    func tableChanged(engine: TestEngine) async throws {
        let table = Self.uniqueName()
        try await Self.withOneConnection { (database: Database) async throws in
            try await database.execute("CREATE TABLE \(table) (a BIGINT)")
            try await database.execute("INSERT INTO \(table) (a) VALUES (1)")
            @Sendable func columns() async throws -> [String] {
                try await database.read { db in
                    try await db.raw("SELECT * FROM \(unsafeRaw: table) WHERE a = \(bind: 1)").first()?.allColumns ?? []
                }
            }
            for _ in 0...PreparedStatements.threshold { #expect(try await columns() == ["a"]) }
            #expect(try await Self.prepared(containing: table, in: database) == 1)
            try await database.execute("ALTER TABLE \(table) ADD COLUMN b BIGINT")
            await #expect(throws: (any Error).self) { try await columns() }
            #expect(try await columns() == ["a", "b"])
        }
    }
}

private enum PreparedStatementTestError: Error {
    case notPostgres
}
