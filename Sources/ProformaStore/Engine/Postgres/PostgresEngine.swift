import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through postgres-nio's connection pool.
///
/// Transactions run at READ COMMITTED; correctness under concurrency comes from atomic
/// conditional updates and row locks in the store code, not from the isolation level.
/// Reads run as READ ONLY REPEATABLE READ so that a multi-statement read sees one snapshot.
final class PostgresEngine: SQLEngine {
    let kind = SQLEngineKind.postgres
    private let client: PostgresClient
    private let leased: LeasedConnections
    /// What the pool's connections keep prepared; nil when the settings turn prepared
    /// statements off.
    private let statements: PreparedStatements?

    /// Connects once, outside the pool, so that a wrong host, port, database or password is
    /// reported at start with the server's reason instead of the pool retrying forever.
    static func checkConnection(_ settings: DatabaseURL.PostgresSettings, logger: Logger) async throws {
        let tls: PostgresConnection.Configuration.TLS
        switch settings.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = if let path = settings.socketPath {
            PostgresConnection.Configuration(unixSocketPath: path, username: settings.username, password: settings.password,
                                             database: settings.database)
        } else {
            PostgresConnection.Configuration(host: settings.host, port: settings.port, username: settings.username,
                                             password: settings.password, database: settings.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch let error as PSQLError {
            throw PostgresConnectError(settings: settings, reason: error.serverInfo?[.message] ?? Self.describe(error))
        } catch {
            throw PostgresConnectError(settings: settings, reason: "\(error)")
        }
    }

    private static func describe(_ error: PSQLError) -> String {
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }

    init(settings: DatabaseURL.PostgresSettings, logger: Logger) {
        let tls: PostgresClient.Configuration.TLS = switch settings.tls {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        var configuration = if let path = settings.socketPath {
            PostgresClient.Configuration(unixSocketPath: path, username: settings.username, password: settings.password,
                                         database: settings.database)
        } else {
            PostgresClient.Configuration(host: settings.host, port: settings.port, username: settings.username,
                                         password: settings.password, database: settings.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = settings.poolSize
        // The pool's own logger says nothing above `info` but one warning: that a connection
        // was asked for before `run()`. The pool serves it once `run()` begins, and a one-shot
        // command's first query races the task that starts it, so `proforma migrate` printed
        // the warning at random. It is kept for those who log `info` and below.
        var background = logger
        if background.logLevel >= .warning { background.logLevel = max(background.logLevel, .error) }
        client = PostgresClient(configuration: configuration, backgroundLogger: background)
        leased = LeasedConnections(client: client, maximum: settings.poolSize)
        statements = settings.preparesStatements ? PreparedStatements() : nil
    }

    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await run(begin: "BEGIN", body)
    }

    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await run(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    func lookup<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await run(begin: nil, body)
    }

    private func run<T: Sendable>(begin: String?, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await leased.withConnection { connection in
                try await withTaskExecutorPreference(EventLoopTaskExecutor(eventLoop: connection.eventLoop)) {
                    let db = PostgresConnectionDatabase(connection: connection, statements: statements)
                    guard let begin else { return try await body(db) }
                    return try await inTransaction(db, begin: begin, body)
                }
            }
        } catch let error as PSQLError {
            throw PostgresFailure(error)
        }
    }

    func execute(_ statement: String) async throws {
        do {
            try await leased.withConnection { connection in
                try await PostgresConnectionDatabase(connection: connection).raw(SQLQueryString(statement)).run()
            }
        } catch let error as PSQLError {
            throw PostgresFailure(error)
        }
    }

    func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.client.run() }
            group.addTask { await self.leased.run() }
        }
    }

    func close() async {}

    static func isUniqueViolation(_ error: any Error) -> Bool {
        sqlState(of: error) == "23505"
    }

    /// PostgreSQL ended the transaction to break a cycle of transactions waiting on each other's locks.
    static func isDeadlock(_ error: any Error) -> Bool {
        sqlState(of: error) == "40P01"
    }

    /// The SQLSTATE of a PostgreSQL error, as postgres-nio threw it or as the engine passed it on.
    static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState] ?? (error as? PostgresFailure)?.sqlState
    }
}

struct PostgresConnectError: Error, CustomStringConvertible {
    var settings: DatabaseURL.PostgresSettings
    var reason: String

    var description: String {
        "cannot connect to PostgreSQL at \(settings.socketPath ?? "\(settings.host):\(settings.port)") (database \(settings.database), user \(settings.username)): \(reason)"
    }
}

/// A PostgreSQL error with what an operator needs: the SQLSTATE, the server's message and the
/// constraint involved. Unlike `PSQLError`'s description it names the problem, and unlike its
/// debug description it never includes the statement's bound values.
struct PostgresFailure: Error, CustomStringConvertible {
    var sqlState: String?
    var message: String
    var constraint: String?

    init(_ error: PSQLError) {
        sqlState = error.serverInfo?[.sqlState]
        message = error.serverInfo?[.message] ?? "\(error.code)"
        constraint = error.serverInfo?[.constraintName]
    }

    var description: String {
        var text = "PostgreSQL error \(sqlState ?? "?"): \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        return text
    }
}
