import Foundation

/// Where the data lives: `sqlite:PATH` or `postgres://user:password@host:port/database`, or
/// `postgres://user@/database?host=/run/postgresql&port=5432` for PostgreSQL's Unix-domain socket
/// in that directory, as libpq reads a `host` that begins with a slash.
public enum DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresSettings)

    public struct PostgresSettings: Sendable, Hashable {
        /// A host name or address, or the directory of the server's Unix-domain socket.
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        public var tls: TLSMode
        /// Connections the server keeps to PostgreSQL at most (`pool_size`).
        public var poolSize: Int
        /// Whether statements that keep coming back are prepared on each connection
        /// (`prepared_statements=on|off`): off for a pooler that cannot keep them, such as
        /// PgBouncer in transaction mode before 1.21.
        public var preparesStatements: Bool

        public enum TLSMode: String, Sendable, Hashable {
            case disable, prefer, require
        }

        /// The socket's path when `host` is a directory: a server on the same machine answers
        /// there for less CPU than over TCP, on both sides of every statement.
        public var socketPath: String? {
            host.hasPrefix("/") ? "\(host.hasSuffix("/") ? String(host.dropLast()) : host)/.s.PGSQL.\(port)" : nil
        }

        /// Enough for reads to run side by side on a database server of a few cores; more only
        /// add backends that wait for the same locks and cores.
        public static let defaultPoolSize = 20
        public static let poolSizes = 1...500

        public init(host: String, port: Int = 5432, username: String, password: String? = nil,
                    database: String, tls: TLSMode = .prefer, poolSize: Int = defaultPoolSize,
                    preparesStatements: Bool = true) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
            self.tls = tls
            self.poolSize = poolSize
            self.preparesStatements = preparesStatements
        }
    }

    public static let `default` = DatabaseURL.sqlite(path: "proforma.sqlite")

    /// Parses the text of `--database` or `PROFORMA_DATABASE_URL`.
    public init(parsing text: String) throws(DatabaseURLError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("sqlite:") {
            var path = String(trimmed.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else {
                throw DatabaseURLError(text: text, reason: "sqlite: needs a file path, e.g. sqlite:proforma.sqlite")
            }
            self = .sqlite(path: path)
            return
        }
        guard trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") else {
            throw DatabaseURLError(text: text, reason: "use sqlite:PATH or postgres://user@host:port/database")
        }
        guard let components = URLComponents(string: trimmed) else {
            throw DatabaseURLError(text: text, reason: "not a valid URL")
        }
        let socketDirectory = components.queryItems?.last { $0.name == "host" }?.value
        if let socketDirectory, !socketDirectory.hasPrefix("/") {
            throw DatabaseURLError(text: text, reason: "host= must be the absolute path of the socket's directory")
        }
        guard let host = socketDirectory ?? components.host, !host.isEmpty else {
            throw DatabaseURLError(text: text, reason: "the host is missing")
        }
        guard let user = components.user, !user.isEmpty else {
            throw DatabaseURLError(text: text, reason: "the user name is missing (postgres://USER@host/database)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw DatabaseURLError(text: text, reason: "the database name is missing (postgres://user@host/DATABASE)")
        }
        var tls = PostgresSettings.TLSMode.prefer
        var poolSize = PostgresSettings.defaultPoolSize
        var preparesStatements = true
        var port = components.port ?? 5432
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", "disable"): tls = .disable
            case ("sslmode", "prefer"), ("sslmode", "allow"): tls = .prefer
            case ("sslmode", "require"), ("sslmode", "verify-ca"), ("sslmode", "verify-full"): tls = .require
            case ("sslmode", _): throw DatabaseURLError(text: text, reason: "sslmode must be disable, prefer or require")
            case ("pool_size", let value):
                guard let size = value.flatMap({ Int($0) }), PostgresSettings.poolSizes.contains(size) else {
                    throw DatabaseURLError(text: text, reason: "pool_size must be a whole number from 1 to 500")
                }
                poolSize = size
            case ("port", let value):
                guard let number = value.flatMap({ Int($0) }), (1...65535).contains(number) else {
                    throw DatabaseURLError(text: text, reason: "port must be a whole number from 1 to 65535")
                }
                port = number
            case ("prepared_statements", "on"): preparesStatements = true
            case ("prepared_statements", "off"): preparesStatements = false
            case ("prepared_statements", _): throw DatabaseURLError(text: text, reason: "prepared_statements must be on or off")
            default: continue
            }
        }
        self = .postgres(PostgresSettings(
            host: host, port: port, username: user.removingPercentEncoding ?? user,
            password: components.password?.removingPercentEncoding, database: database, tls: tls, poolSize: poolSize,
            preparesStatements: preparesStatements))
    }

    /// The URL with any password masked, safe to print and log.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return "sqlite:\(path)"
        case .postgres(let settings):
            let password = settings.password == nil ? "" : ":••••"
            if settings.socketPath != nil {
                return "postgres://\(settings.username)\(password)@/\(settings.database)?host=\(settings.host)&port=\(settings.port)"
            }
            return "postgres://\(settings.username)\(password)@\(settings.host):\(settings.port)/\(settings.database)"
        }
    }
}

public struct DatabaseURLError: Error, CustomStringConvertible {
    public var text: String
    public var reason: String

    public var description: String { "invalid database URL: \(reason)" }
}
