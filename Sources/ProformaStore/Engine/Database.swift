import Logging
import NIOCore
import SQLKit
import Synchronization

public enum SQLEngineKind: String, Sendable {
    case sqlite
    case postgres
}

/// One SQL engine behind the store.
///
/// Invariants every engine keeps:
/// - `transaction` runs its whole body on one connection inside one transaction; it commits
///   when the body returns and rolls back when it throws, so nothing is half-written. SQLite
///   may commit the bodies of several waiting callers together; each is still all or nothing,
///   and no caller returns before its writes are committed.
/// - Write transactions take their write locks up front (SQLite `BEGIN IMMEDIATE`), so two
///   writers never deadlock upgrading a read lock.
/// - `read` sees one consistent snapshot for all its statements and cannot write.
protocol SQLEngine: Sendable {
    var kind: SQLEngineKind { get }
    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// A read transaction that prepares a write, such as building a draft before saving it.
    func readBeforeWrite<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs a body that reads with one statement, outside an explicit transaction.
    func lookup<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs one statement outside any transaction (CREATE DATABASE, VACUUM).
    func execute(_ statement: String) async throws
    /// Keeps connection pools alive until the task is cancelled.
    func run() async
    func close() async
}

extension SQLEngine {
    /// A read like any other, unless the engine has a cheaper way (SQLite's runs on the caller's thread).
    func readBeforeWrite<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await read(body)
    }
}

/// The application's database: an engine plus what the store code needs to know about it.
public final class Database: Sendable {
    public let url: DatabaseURL
    let engine: any SQLEngine
    let logger: Logger

    public var kind: SQLEngineKind { engine.kind }

    init(url: DatabaseURL, engine: any SQLEngine, logger: Logger) {
        self.url = url
        self.engine = engine
        self.logger = logger
    }

    /// Opens the database. SQLite files are created when missing. PostgreSQL is reached once
    /// to report a bad URL or an unreachable server at once; its pool then connects from
    /// `run()`, so call `run()` (or use `withDatabase`) before querying it.
    public static func open(_ url: DatabaseURL, logger: Logger) async throws -> Database {
        switch url {
        case .sqlite(let path):
            return Database(url: url, engine: try await SQLiteEngine.open(path: path, logger: logger), logger: logger)
        case .postgres(let settings):
            try await PostgresEngine.checkConnection(settings, logger: logger)
            return Database(url: url, engine: PostgresEngine(settings: settings, logger: logger), logger: logger)
        }
    }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await engine.transaction(body)
    }

    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await engine.read(body)
    }

    /// A read transaction that prepares a write (see `SQLStore.write(preparedBy:_:)`).
    func readBeforeWrite<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await engine.readBeforeWrite(body)
    }

    /// Runs `body`, which must read with one statement, without a transaction around it: the
    /// statement sees a snapshot of its own. A second statement throws rather than read from
    /// another snapshot.
    public func lookup<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await engine.lookup { db in try await body(SingleStatementDatabase(db)) }
    }

    /// Runs `body` on one connection outside any transaction, which it may open itself with
    /// `inTransaction`.
    func unbracketed<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await engine.lookup(body)
    }

    /// Runs one administrative statement outside any transaction; for statements such as
    /// `CREATE DATABASE` or `VACUUM` that refuse to run inside one. Never pass user input.
    public func execute(_ statement: String) async throws {
        try await engine.execute(statement)
    }

    public func run() async {
        await engine.run()
    }

    public func close() async {
        await engine.close()
    }

    /// Answers whether the database responds to a trivial query.
    public func ping() async throws {
        _ = try await read { db in try await db.raw("SELECT 1 AS ok").first() }
    }
}

/// Opens `url`, keeps it running for the duration of `body`, and closes it afterwards:
/// what one-shot commands and tests need.
public func withDatabase<T: Sendable>(
    _ url: DatabaseURL, logger: Logger, _ body: @Sendable (Database) async throws -> T
) async throws -> T {
    let database = try await Database.open(url, logger: logger)
    do {
        let result = try await withThrowingTaskGroup(of: Void.self) { group in
            // Wait until the pools are running before the first query asks them for a connection.
            let (started, signal) = AsyncStream<Void>.makeStream()
            group.addTask {
                signal.finish()
                await database.run()
            }
            for await _ in started {}
            defer { group.cancelAll() }
            return try await body(database)
        }
        await database.close()
        return result
    } catch {
        await database.close()
        throw error
    }
}

/// Runs `body` between `begin` and COMMIT on one connection, rolling back when it throws:
/// the one transaction shape both engines share.
nonisolated(nonsending) func inTransaction<T: Sendable>(_ db: any SQLDatabase, begin: String,
                      _ body: (any SQLDatabase) async throws -> T) async throws -> T {
    try await db.raw(SQLQueryString(begin)).run()
    let log = db as? any FailedStatementLog
    let mark = log?.failures.count
    do {
        let result = try await body(db)
        if let log, let mark, let failure = log.failures.first(since: mark) { throw failure }
        try await db.raw("COMMIT").run()
        return result
    } catch {
        try? await db.raw("ROLLBACK").run()
        throw error
    }
}

/// A connection that notes its failed statements. PostgreSQL ends a transaction at its first
/// failed statement and answers a later `COMMIT` with `ROLLBACK`, not with an error: a body
/// that caught such a failure and returned would otherwise pass for committed, its writes gone.
protocol FailedStatementLog {
    var failures: FailedStatements { get }
}

/// One connection's failures, for as long as it is lent out: a transaction or a lookup.
final class FailedStatements: Sendable {
    private let errors = Mutex<[any Error]>([])

    var count: Int { errors.withLock { $0.count } }

    func record(_ error: any Error) {
        errors.withLock { $0.append(error) }
    }

    /// The first failure after `mark` (a `count` read before), which ended the transaction.
    func first(since mark: Int) -> (any Error)? {
        errors.withLock { $0.count > mark ? $0[mark] : nil }
    }
}

/// What store code needs to tell constraint failures apart from other errors.
enum DatabaseError {
    static func isUniqueViolation(_ error: any Error) -> Bool {
        SQLiteEngine.isUniqueViolation(error) || PostgresEngine.isUniqueViolation(error)
    }

    /// The columns a unique violation names, as far as the engine's message tells:
    /// SQLite says `UNIQUE constraint failed: customers.shop_id, customers.email_key`,
    /// PostgreSQL names the constraint, e.g. `customers_shop_id_email_key_key`.
    static func columns(of error: any Error) -> [String] {
        "\(error)".split(whereSeparator: { !$0.isLetter && $0 != "_" }).map(String.init).filter {
            ["email_key", "phone", "handle", "name", "token_hash"].contains($0) || $0.hasSuffix("_email_key_key")
                || $0.hasSuffix("_phone_key")
        }.map { $0.hasSuffix("_phone_key") ? "phone" : ($0.hasSuffix("_email_key_key") ? "email_key" : $0) }
    }
}

/// A database that runs its statements on `db`, deciding only whether and when.
protocol SQLDatabaseWrapper: SQLDatabase {
    var db: any SQLDatabase { get }
}

extension SQLDatabaseWrapper {
    var logger: Logger { db.logger }
    var eventLoop: any EventLoop { db.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { db.version }
    var dialect: any SQLDialect { db.dialect }
    var queryLogLevel: Logger.Level? { db.queryLogLevel }
}

/// A connection that runs one statement and refuses the next: for `Database.lookup`, and for a
/// write that is one statement outside a transaction (`SQLStore.write(preparedBy:isSingleWrite:_:)`).
final class SingleStatementDatabase: SQLDatabaseWrapper {
    let db: any SQLDatabase
    private let used = Mutex(false)

    init(_ db: any SQLDatabase) {
        self.db = db
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        guard take() else { return eventLoop.makeFailedFuture(SecondStatementError()) }
        return db.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        guard take() else { throw SecondStatementError() }
        try await db.execute(sql: query, onRow)
    }

    private func take() -> Bool {
        used.withLock { used in defer { used = true }; return !used }
    }
}

struct SecondStatementError: Error, CustomStringConvertible {
    var description: String {
        "a second statement where one was promised: outside a transaction it would see another snapshot, or commit apart"
    }
}
