import Logging
import ProformaCore
import ProformaServices
import SQLKit

/// The `Store` port over SQLKit, identical for SQLite and PostgreSQL.
public struct SQLStore: Store {
    public let database: Database
    /// Drafts read before, reused while their rows say they have not changed.
    let drafts: DraftMemory

    public init(database: Database) {
        self.database = database
        self.drafts = DraftMemory()
    }

    private func session(_ db: any SQLDatabase, isWrite: Bool) -> SQLSession {
        SQLSession(context: SQLContext(db: db, database: database, isWrite: isWrite, drafts: drafts))
    }

    public func write<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T {
        try await retryingDeadlocks {
            try await database.transaction { db in
                try await work(session(db, isWrite: true))
            }
        }
    }

    /// Runs a write again from the start when PostgreSQL ended it to break a deadlock: the
    /// transaction it waited on then goes ahead, so the next attempt finds its locks released
    /// or waits behind them. Two transactions that lock several rows each in their own order
    /// can always meet that way (a product import, which locks its products' stock a product at
    /// a time, and the release of a draft holding variants of two of them), and a caller could
    /// do nothing but the same. SQLite has one writer and never deadlocks.
    private func retryingDeadlocks<T: Sendable>(_ attempt: () async throws -> T) async throws -> T {
        var retries = 0
        while true {
            do {
                return try await attempt()
            } catch where retries < Self.deadlockRetries && PostgresEngine.isDeadlock(error) {
                retries += 1
                database.logger.notice("A write was ended to break a deadlock; running it again", metadata: ["retry": "\(retries)"])
            }
        }
    }

    private static let deadlockRetries = 3

    public func read<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T {
        try await database.read { db in
            try await work(session(db, isWrite: false))
        }
    }

    public func readLatest<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T {
        switch database.kind {
        // A snapshot costs SQLite nothing more, and the reader's own thread kept p99 of
        // calculations at 32 connections at 8.9–9.8 ms, against 11.8–13.0 on the caller's.
        case .sqlite: try await read(work)
        case .postgres: try await database.unbracketed { db in try await work(session(db, isWrite: false)) }
        }
    }

    public func write<Prepared: Sendable, T: Sendable>(
        preparedBy prepare: (any StoreSession) async throws -> Prepared,
        isSingleWrite: (Prepared) -> Bool,
        _ work: (any StoreSession, Prepared) async throws -> T) async throws -> T {
        switch database.kind {
        case .sqlite:
            // Every write goes through the one writer's transaction, single or not.
            let prepared = try await database.readBeforeWrite { db in try await prepare(session(db, isWrite: false)) }
            return try await write { try await work($0, prepared) }
        case .postgres:
            // At READ COMMITTED each statement of a transaction reads its own snapshot, so reads
            // outside one see what they would inside; `BEGIN` and `COMMIT` are round trips of
            // their own, and a single statement is a transaction already.
            return try await retryingDeadlocks {
                try await database.unbracketed { db in
                    let prepared = try await prepare(session(db, isWrite: false))
                    if isSingleWrite(prepared) {
                        return try await work(session(SingleStatementDatabase(db), isWrite: true), prepared)
                    }
                    return try await inTransaction(db, begin: "BEGIN") { try await work(session($0, isWrite: true), prepared) }
                }
            }
        }
    }

    public func lookup<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T {
        try await database.lookup { db in
            try await work(session(db, isWrite: false))
        }
    }

    public func ping() async throws {
        try await database.ping()
    }
}

/// One transaction's view of the repositories.
struct SQLSession: StoreSession {
    let context: SQLContext

    var isWrite: Bool { context.isWrite }

    var shops: any ShopRepository { SQLShopRepository(context: context) }
    var catalog: any CatalogRepository { SQLCatalogRepository(context: context) }
    var inventory: any InventoryRepository { SQLInventoryRepository(context: context) }
    var customers: any CustomerRepository { SQLCustomerRepository(context: context) }
    var stock: any StockRepository { SQLStockRepository(context: context) }
    var orders: any OrderRepository { SQLOrderRepository(context: context) }
    var access: any AccessRepository { SQLAccessRepository(context: context) }
    var draftOrders: any DraftOrderRepository { SQLDraftOrderRepository(context: context) }
    var metafields: any MetafieldRepository { SQLMetafieldRepository(context: context) }
    var jobs: any JobRepository { SQLJobRepository(context: context) }
    var webhooks: any WebhookRepository { SQLWebhookRepository(context: context) }
    var activities: any ActivityRepository { SQLActivityRepository(context: context) }
}

/// What every repository needs: the transaction's connection and the engine it talks to.
struct SQLContext {
    let db: any SQLDatabase
    let database: Database
    let isWrite: Bool
    let drafts: DraftMemory
    let memo = SessionMemo()

    var kind: SQLEngineKind { database.kind }

    /// The shop's currency, read once per transaction: every money column needs it.
    func currency(of shop: ShopID) async throws -> CurrencyCode? {
        if let known = memo.currencies[shop] { return known }
        let currency = try await first("SELECT currency FROM shops WHERE id = \(bind: shop.rawValue)")
            .flatMap { CurrencyCode(rawValue: try $0.string("currency")) }
        memo.currencies[shop] = currency
        return currency
    }

    /// Moves the version that caches of the shop's settings (`ShopConfigurationCache`) compare
    /// against: every change to what a `ShopConfiguration` holds calls it.
    func settingsChanged(_ shop: ShopID) async throws {
        try await run("UPDATE shops SET settings_version = settings_version + 1 WHERE id = \(bind: shop.rawValue)")
    }

    /// Moves the version that copies of the shop's catalog (`ShopConfigurationCache`) compare
    /// against, once per transaction: every write to products, variants or inventory items calls
    /// it before writing, so that on PostgreSQL the shop's row is always locked before them.
    func catalogChanged(_ shop: ShopID) async throws {
        guard memo.changedCatalogs.insert(shop).inserted else { return }
        try await run("UPDATE shops SET catalog_version = catalog_version + 1 WHERE id = \(bind: shop.rawValue)")
    }

    /// `FOR UPDATE` where it means something: PostgreSQL write transactions. SQLite already
    /// runs write transactions one at a time.
    var lockClause: SQLQueryString {
        kind == .postgres && isWrite ? " FOR UPDATE" : ""
    }

    func all(_ query: SQLQueryString) async throws -> [any SQLRow] {
        try await db.raw(query).all()
    }

    func first(_ query: SQLQueryString) async throws -> (any SQLRow)? {
        try await db.raw(query).first()
    }

    func run(_ query: SQLQueryString) async throws {
        do {
            try await db.raw(query).run()
        } catch where DatabaseError.isUniqueViolation(error) {
            throw UniqueConstraintViolation(columns: DatabaseError.columns(of: error))
        }
    }

    /// Runs an `INSERT … RETURNING id` and returns the id.
    func insertReturningID(_ query: SQLQueryString) async throws -> Int64 {
        try await insertReturning(query, "id").decode(column: "id", as: Int64.self)
    }

    /// Runs an `INSERT … RETURNING columns` of one row and returns the row.
    func insertReturning(_ query: SQLQueryString, _ columns: SQLQueryString) async throws -> any SQLRow {
        do {
            guard let row = try await db.raw(query + " RETURNING " + columns).first() else {
                throw SQLStoreError.missingReturnedID
            }
            return row
        } catch where DatabaseError.isUniqueViolation(error) {
            throw UniqueConstraintViolation(columns: DatabaseError.columns(of: error))
        }
    }
}

/// Facts a transaction reads once and reuses. It lives and dies with one transaction, on
/// one task, so it needs no locking.
final class SessionMemo {
    var currencies: [ShopID: CurrencyCode] = [:]
    /// Shops whose catalog version this transaction has moved already.
    var changedCatalogs: Set<ShopID> = []
}

enum SQLStoreError: Error, CustomStringConvertible {
    case missingReturnedID
    case corruptColumn(String)
    /// A caller left out a value the row requires: a bug in the caller, refused before writing.
    case missingValue(String)
    /// A caller wrote a changed row without raising its version: a bug in the caller, refused before writing.
    case versionNotAdvanced(String)

    var description: String {
        switch self {
        case .missingReturnedID: "the database returned no id for an insert"
        case .corruptColumn(let column): "the stored value of \(column) cannot be read"
        case .missingValue(let column): "no value was given for \(column)"
        case .versionNotAdvanced(let column): "a changed row must raise \(column)"
        }
    }
}
