import NIOPosix
import VaporCSQLite

/// One SQLite connection with a thread of its own and a cache of prepared statements.
///
/// sqlite-nio prepares every statement anew and hops to a thread pool and back for each one
/// and for each row; a draft's write is about fifteen statements, so parsing SQL and those hops
/// took a third of the server's time. Here a statement is parsed once per connection and runs
/// on the calling thread, which for transactions the engine makes the connection's own thread
/// (`executor`); one-statement lookups run where their caller is (see `SQLiteEngine.lookup`).
///
/// Invariants:
/// - One task at a time uses a handle: the engine's writer lock or reader pool hands it out.
///   SQLite itself is not asked to serialize (`NOMUTEX`), and the cache is not locked.
/// - A cached statement is always reset once a run ends, however it ends, so no read
///   transaction is kept open by a half-stepped statement; the next run binds every parameter.
/// - After `close()` every run fails; closing twice is harmless.
final class SQLiteHandle: @unchecked Sendable {
    /// Enough for every statement the store writes with room for IN lists of varying length;
    /// past it the cache starts over rather than tracking use.
    static let cacheLimit = 512

    let path: String
    /// The connection's own thread: transactions on the handle prefer it, so that a statement
    /// never waits for a thread and SQLite's blocking calls never block a shared one.
    let executor: ThreadPoolTaskExecutor
    private let pool: NIOThreadPool
    private var connection: OpaquePointer?
    private var statements: [String: PreparedStatement] = [:]

    private init(path: String, connection: OpaquePointer, pool: NIOThreadPool) {
        self.path = path
        self.connection = connection
        self.pool = pool
        self.executor = ThreadPoolTaskExecutor(pool: pool)
    }

    /// Opens (and creates when missing) the database file, with extended result codes, on a new thread.
    static func open(path: String) throws -> SQLiteHandle {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        let code = sqlite_nio_sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close_v2(connection)
            throw SQLiteFailure(code: code, message: message)
        }
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return SQLiteHandle(path: path, connection: connection, pool: pool)
    }

    /// Runs one statement with its binds, handing each result row to `onRow` as it is stepped.
    func run(_ sql: String, _ binds: [any Encodable & Sendable], onRow: (SQLiteResultRow) throws -> Void) throws {
        guard let connection else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "the connection is closed") }
        let statement = try prepared(sql, on: connection)
        // Every run binds every parameter, so old binds are overwritten, never reused. Clearing
        // them would expire a statement whose plan looked at a bound value, costing a re-parse.
        defer { sqlite_nio_sqlite3_reset(statement.raw) }
        guard binds.count == Int(sqlite_nio_sqlite3_bind_parameter_count(statement.raw)) else {
            throw SQLiteFailure(code: SQLITE_RANGE, message: "\(binds.count) values for the parameters of: \(sql)")
        }
        for (index, value) in binds.enumerated() {
            try check(try SQLiteBinding.bind(value, to: statement.raw, at: Int32(index + 1)), on: connection)
        }
        while true {
            switch sqlite_nio_sqlite3_step(statement.raw) {
            case SQLITE_ROW: try onRow(SQLiteResultRow(statement: statement))
            case SQLITE_DONE: return
            case let code: throw SQLiteFailure(code: code, message: Self.message(connection))
            }
        }
    }

    /// Whether a transaction is open. SQLite ends one by itself, savepoints and all, on a full
    /// disk, an I/O error or running out of memory.
    var isInTransaction: Bool {
        connection.map { sqlite_nio_sqlite3_get_autocommit($0) == 0 } ?? false
    }

    /// How many prepared statements the cache holds.
    var cachedStatementCount: Int { statements.count }

    /// Runs a statement that takes no binds, ignoring any rows.
    func execute(_ sql: String) throws {
        try run(sql, []) { _ in }
    }

    /// Finalizes the cached statements and closes the connection, then stops its thread.
    func close() async {
        if let connection {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.raw) }
            statements = [:]
            sqlite_nio_sqlite3_close_v2(connection)
            self.connection = nil
        }
        try? await pool.shutdownGracefully()
    }

    private func prepared(_ sql: String, on connection: OpaquePointer) throws -> PreparedStatement {
        if let statement = statements[sql] { return statement }
        if statements.count >= Self.cacheLimit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.raw) }
            statements = [:]
        }
        var raw: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard code == SQLITE_OK, let raw else {
            sqlite_nio_sqlite3_finalize(raw)
            throw SQLiteFailure(code: code, message: Self.message(connection))
        }
        let statement = PreparedStatement(raw: raw)
        statements[sql] = statement
        return statement
    }

    private func check(_ code: Int32, on connection: OpaquePointer) throws {
        guard code == SQLITE_OK else { throw SQLiteFailure(code: code, message: Self.message(connection)) }
    }

    private static func message(_ connection: OpaquePointer) -> String {
        String(cString: sqlite_nio_sqlite3_errmsg(connection))
    }
}

/// A prepared statement and its column names, which every row of it shares.
final class PreparedStatement {
    let raw: OpaquePointer
    let columns: [String]
    let columnIndex: [String: Int32]

    init(raw: OpaquePointer) {
        self.raw = raw
        let count = sqlite_nio_sqlite3_column_count(raw)
        columns = (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(raw, $0)) }
        // The first of two columns with one name wins, as in SQLite's own lookups.
        var index: [String: Int32] = [:]
        for (position, name) in columns.enumerated() where index[name] == nil { index[name] = Int32(position) }
        columnIndex = index
    }
}

/// An error SQLite reported, with its extended result code and message.
struct SQLiteFailure: Error, CustomStringConvertible {
    var code: Int32
    var message: String

    /// The primary result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, …) without the extended detail.
    var primaryCode: Int32 { code & 0xFF }
    var isBusy: Bool { primaryCode == SQLITE_BUSY }
    /// `SQLITE_CONSTRAINT_UNIQUE` or `SQLITE_CONSTRAINT_PRIMARYKEY`, macros Swift cannot import.
    var isUniqueViolation: Bool { code == SQLITE_CONSTRAINT | (8 << 8) || code == SQLITE_CONSTRAINT | (6 << 8) }

    var description: String { "SQLite error \(code): \(message)" }
}

