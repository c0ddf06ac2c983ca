import Foundation
import ProformaCore

/// The persistence port. Every use case runs in exactly one `write` (or `read`, `readLatest`,
/// `lookup`) call.
///
/// Invariants an implementation keeps:
/// - `write` is one transaction: all of the work commits, or, when it throws, none of it.
/// - Concurrent `write`s never interleave their effects on the same rows in a way that loses an
///   update; conditional updates the repositories offer are atomic.
/// - `read` sees one consistent snapshot and refuses to write.
/// - A write the database ends to break a deadlock runs again from the start (`prepare` too),
///   a few times at most: so its work may have no effect outside its session but what it
///   returns. A payment gateway's charge qualifies, being idempotent by its key.
///
/// Callers keep one rule: work inside `write` never calls the store again. SQLite
/// has one writer, so a nested write would wait for itself forever; and a nested call would
/// not be part of the outer transaction on any engine.
public protocol Store: Sendable {
    func write<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T
    func read<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T
    /// A write that first reads what it needs: `prepare` reads (it must neither write nor lock),
    /// and `work` writes from what it returned, in one transaction. The reads run before the
    /// transaction, in a snapshot of their own (SQLite, so that its one writer only writes) or
    /// a statement at a time on the connection that then writes (PostgreSQL, whose transactions
    /// see each statement's own snapshot anyway): `work` checks whatever must not have moved
    /// since, as it would after a `read`.
    ///
    /// When `isSingleWrite` says so of what `prepare` returned, `work` makes exactly one call, to
    /// a repository method documented as atomic on its own, and nothing else. The store may then
    /// open no transaction around it (PostgreSQL, where that call is one statement: two round
    /// trips fewer). On such engines a second statement throws, after the first has committed,
    /// so a wrong answer is a bug that tests on them catch.
    func write<Prepared: Sendable, T: Sendable>(
        preparedBy prepare: (any StoreSession) async throws -> Prepared,
        isSingleWrite: (Prepared) -> Bool,
        _ work: (any StoreSession, Prepared) async throws -> T) async throws -> T
    /// Like `read`, for work whose statements need not see one snapshot together: each may read
    /// what is committed when it runs, as `write(preparedBy:_:)`'s reads do on PostgreSQL,
    /// outside a transaction (two round trips fewer). For a calculation whose settings and
    /// prices are each current as of a version read first, and for pages of drafts, each draft
    /// read whole by one statement (see `DraftOrderRepository.drafts(shop:matching:sortedBy:page:)`).
    func readLatest<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T
    /// Like `read`, for work that reads with a single statement, which is a snapshot of its own:
    /// no transaction is opened around it, which spares PostgreSQL two round trips. A second
    /// statement throws.
    func lookup<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T
    /// Throws unless the database answers.
    func ping() async throws
}

extension Store {
    /// `write(preparedBy:isSingleWrite:_:)` for work that may write more than once.
    public func write<Prepared: Sendable, T: Sendable>(
        preparedBy prepare: (any StoreSession) async throws -> Prepared,
        _ work: (any StoreSession, Prepared) async throws -> T) async throws -> T {
        try await write(preparedBy: prepare, isSingleWrite: { _ in false }, work)
    }
}

/// The repositories available inside one transaction or snapshot.
public protocol StoreSession {
    /// Whether the session belongs to a write transaction. What it reads may then include
    /// writes that are never committed (its own, or on SQLite those of writes committed with
    /// it), so nothing it reads may be kept for other sessions.
    var isWrite: Bool { get }
    var shops: any ShopRepository { get }
    var catalog: any CatalogRepository { get }
    var inventory: any InventoryRepository { get }
    var stock: any StockRepository { get }
    var orders: any OrderRepository { get }
    var customers: any CustomerRepository { get }
    var access: any AccessRepository { get }
    var draftOrders: any DraftOrderRepository { get }
    var metafields: any MetafieldRepository { get }
    var jobs: any JobRepository { get }
    var webhooks: any WebhookRepository { get }
    var activities: any ActivityRepository { get }
}

/// The current time; injected so that tests control it.
public protocol WallClock: Sendable {
    func now() -> Timestamp
}

public struct SystemWallClock: WallClock {
    public init() {}

    public func now() -> Timestamp {
        Timestamp(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

/// Slow, salted hashing for staff passwords.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) -> String
    func verify(_ password: String, against hash: String) -> Bool
}

/// Thrown by a store when a write breaks a unique constraint, naming the constrained columns
/// when the engine reports them.
public struct UniqueConstraintViolation: Error, Sendable {
    public var columns: [String]

    public init(columns: [String]) {
        self.columns = columns
    }
}
