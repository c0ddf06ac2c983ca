import Foundation
import Logging
import ProformaAPI
import ProformaCore
import ProformaServices
import ProformaStore
import ProformaMail

/// The engines every store test runs on. PostgreSQL comes from `PROFORMA_TEST_POSTGRES_URL`,
/// which `scripts/test` sets after starting a throwaway server. Under CI the variable must be
/// set: a test that needs PostgreSQL fails rather than silently running on SQLite alone.
public enum TestEngine: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    public static var all: [TestEngine] {
        let environment = ProcessInfo.processInfo.environment
        if environment["PROFORMA_TEST_POSTGRES_URL"] != nil || environment["CI"] != nil {
            return [.sqlite, .postgres]
        }
        return [.sqlite]
    }
}

public struct TestDatabaseError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}

/// Opens a fresh, migrated database on `engine`, runs `body`, and throws the database away.
public func withTestDatabase<T: Sendable>(
    _ engine: TestEngine, _ body: @Sendable (Database) async throws -> T
) async throws -> T {
    let url = try await TestDatabases.shared.fresh(engine)
    defer { TestDatabases.discard(url) }
    return try await withDatabase(url, logger: TestDatabases.logger) { database in
        try await body(database)
    }
}

/// A fresh database with a store and the services wired to a controllable clock.
public func withTestStore<T: Sendable>(
    _ engine: TestEngine, _ body: @Sendable (TestContext) async throws -> T
) async throws -> T {
    try await withTestDatabase(engine) { database in
        try await body(TestContext(database: database))
    }
}

public struct TestContext: Sendable {
    public let database: Database
    public let store: SQLStore
    public let clock: TestClock
    /// The production wiring, so that tests share caches the way a server does.
    public let services: Services
    /// Where the file mailer puts the messages the tests send.
    public let mailFolder: URL

    /// `wrapping`, when given, puts a store of the test's own between the services and the database.
    public init(database: Database, wrapping: ((SQLStore) -> any Store)? = nil) {
        self.database = database
        self.store = SQLStore(database: database)
        self.clock = TestClock()
        self.mailFolder = FileManager.default.temporaryDirectory
            .appendingPathComponent("proforma-mail-\(UInt64.random(in: 0...UInt64.max))")
        self.services = Services(store: wrapping?(store) ?? store, clock: clock, passwordHasher: PlainTestHasher(),
                                 invoiceLinks: Self.invoiceLinks, invoiceRenderer: MustacheInvoiceRenderer(),
                                 mailer: FileMailer(directory: mailFolder), mailerFactory: SMTPMailerFactory(), webhookPayloads: RESTWebhookPayloads())
    }

    public static let invoiceLinks = InvoiceLinks(publicURL: "https://quotes.snowdevil.test",
                                                  secretKey: Array(repeating: 7, count: 32))
    public var shops: ShopService { services.shops }
    public var catalog: CatalogService { services.catalog }
    public var inventory: InventoryService { services.inventory }
    public var customers: CustomerService { services.customers }
    public var access: AccessService { services.access }
    public var draftOrders: DraftOrderService { services.draftOrders }
    public var orders: OrderService { services.orders }
    public var invoices: InvoiceService { services.invoices }
    public var jobs: JobQueue { services.jobs }
    public var bulkJobs: DraftOrderBulkJobs { services.draftOrderBulkJobs }

    /// Runs queued jobs until none is due.
    public func drainJobs() async throws {
        while try await jobs.runOnce(handlers: services.jobHandlers) {}
    }

    /// A shop with the sample settings applied.
    public func makeShop(_ settings: ShopSettings = Fixtures.settings) async throws -> Shop {
        try await shops.apply(settings, to: nil)
    }
}

/// A clock tests move by hand. It starts at 2025-01-01T00:00:00Z and ticks a millisecond per
/// reading, so that consecutive writes get distinct, ordered timestamps.
public final class TestClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current = Timestamp(iso8601: "2025-01-01T00:00:00Z")!

    public init() {}

    public func now() -> Timestamp {
        lock.lock()
        defer { lock.unlock() }
        current = Timestamp(millisecondsSince1970: current.millisecondsSince1970 + 1)
        return current
    }

    public func advance(seconds: Int64) {
        lock.lock()
        defer { lock.unlock() }
        current = current.adding(seconds: seconds)
    }
}

/// A fast stand-in for bcrypt in tests that are not about password hashing.
public struct PlainTestHasher: PasswordHasher {
    public init() {}
    public func hash(_ password: String) -> String { "plain:" + password }
    public func verify(_ password: String, against hash: String) -> Bool { hash == "plain:" + password }
}

/// Hands out throwaway databases: a temp file for SQLite, a copy of a migrated template
/// database for PostgreSQL (copying is much faster than migrating each time).
public actor TestDatabases {
    public static let shared = TestDatabases()
    static let logger: Logger = {
        var logger = Logger(label: "proforma.tests")
        logger.logLevel = .error
        return logger
    }()

    private var template: Task<Void, any Error>?
    private var counter = 0

    public func fresh(_ engine: TestEngine) async throws -> DatabaseURL {
        counter += 1
        let name = "t\(ProcessInfo.processInfo.processIdentifier)_\(counter)_\(UInt32.random(in: 0...UInt32.max))"
        switch engine {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("proforma-\(name).sqlite").path
            let url = DatabaseURL.sqlite(path: path)
            try await withDatabase(url, logger: Self.logger) { database in
                try await Migrator(database: database).migrate(now: 0)
            }
            return url
        case .postgres:
            let admin = try Self.postgresAdminURL()
            // The actor is reentrant across awaits, so concurrent callers share one creation task.
            let creation = template ?? Task { try await Self.createTemplate(admin) }
            template = creation
            try await creation.value
            try await withDatabase(admin, logger: Self.logger) { database in
                try await database.execute("CREATE DATABASE \(name) TEMPLATE proforma_template")
            }
            return try Self.postgres(admin, database: name)
        }
    }

    /// A database with only the schema, for tests of migrations themselves.
    public func empty(_ engine: TestEngine) async throws -> DatabaseURL {
        counter += 1
        let name = "e\(ProcessInfo.processInfo.processIdentifier)_\(counter)_\(UInt32.random(in: 0...UInt32.max))"
        switch engine {
        case .sqlite:
            return .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("proforma-\(name).sqlite").path)
        case .postgres:
            let admin = try Self.postgresAdminURL()
            try await withDatabase(admin, logger: Self.logger) { database in
                try await database.execute("CREATE DATABASE \(name)")
            }
            return try Self.postgres(admin, database: name)
        }
    }

    private static func createTemplate(_ admin: DatabaseURL) async throws {
        try await withDatabase(admin, logger: logger) { database in
            try await database.execute("DROP DATABASE IF EXISTS proforma_template")
            try await database.execute("CREATE DATABASE proforma_template")
        }
        try await withDatabase(try postgres(admin, database: "proforma_template"), logger: logger) { database in
            try await Migrator(database: database).migrate(now: 0)
        }
    }

    static func postgresAdminURL() throws -> DatabaseURL {
        guard let text = ProcessInfo.processInfo.environment["PROFORMA_TEST_POSTGRES_URL"] else {
            throw TestDatabaseError(description: """
                PROFORMA_TEST_POSTGRES_URL is not set, but PostgreSQL tests must run (CI is set). \
                Run the tests through scripts/test, which starts a throwaway PostgreSQL.
                """)
        }
        return try DatabaseURL(parsing: text)
    }

    static func postgres(_ admin: DatabaseURL, database: String) throws -> DatabaseURL {
        guard case .postgres(var settings) = admin else {
            throw TestDatabaseError(description: "PROFORMA_TEST_POSTGRES_URL must be a postgres:// URL")
        }
        settings.database = database
        return .postgres(settings)
    }

    public nonisolated static func discard(_ url: DatabaseURL) {
        if case .sqlite(let path) = url {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }
}

extension DatabaseURL {
    /// The URL as `--database` takes it, password included: for tests that start processes.
    public var argument: String {
        switch self {
        case .sqlite(let path):
            return "sqlite:\(path)"
        case .postgres(let settings):
            let password = settings.password.map { ":\($0)" } ?? ""
            return "postgres://\(settings.username)\(password)@\(settings.host):\(settings.port)/\(settings.database)"
                + "?sslmode=\(settings.tls.rawValue)&pool_size=\(settings.poolSize)"
                + "&prepared_statements=\(settings.preparesStatements ? "on" : "off")"
        }
    }
}
