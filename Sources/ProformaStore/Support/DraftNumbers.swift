import ProformaCore
import SQLKit

/// Where each shop's draft numbers (`#D1`, `#D2`, …) come from. Concurrent takers never share
/// a number.
///
/// - SQLite: the shop's `draft_order` counter, moved in the caller's transaction, so a
///   rolled-back create gives its number back. Its one writer queues creates anyway.
/// - PostgreSQL: a sequence of the shop's own, `draft_order_numbers_<shop id>`, made with the
///   shop. `nextval` takes no lock and is not undone by a rollback, so creates never wait for
///   one another's commits to number a draft. A counter row stays locked until its transaction
///   commits: moved in the create's transaction it queued every create behind the one before,
///   and moved on a connection apart it cost a lease, a hop between threads and a commit of its
///   own, a fifth of a create (see bench/HISTORY.md).
enum DraftNumbers {
    static func sequence(of shop: ShopID) -> String {
        "draft_order_numbers_\(shop.rawValue)"
    }

    /// Begins a new shop's numbering at 1, in the transaction that makes the shop.
    static func start(shop: ShopID, in context: SQLContext) async throws {
        guard context.kind == .postgres else { return }
        // An identifier cannot be bound; the name is built from an integer id alone.
        try await context.run("CREATE SEQUENCE \(unsafeRaw: sequence(of: shop))")
    }

    /// The shop's next number as a value for the statement that writes it: on PostgreSQL the
    /// sequence's `nextval`, which that statement takes (a round trip fewer); on SQLite the
    /// number itself, taken from the counter now.
    static func next(shop: ShopID, in context: SQLContext) async throws -> SQLQueryString {
        switch context.kind {
        case .postgres: nextValue(shop: shop)
        case .sqlite: "\(bind: try await ShopCounter.draftOrder.take(shop: shop, in: context.db))"
        }
    }

    private static func nextValue(shop: ShopID) -> SQLQueryString {
        "nextval(\(bind: sequence(of: shop))::regclass)"
    }

    /// Takes `count` numbers and returns them in increasing order (for seeding in bulk).
    static func take(_ count: Int, shop: ShopID, kind: SQLEngineKind, in db: any SQLDatabase) async throws -> [Int64] {
        switch kind {
        case .sqlite:
            let first = try await ShopCounter.draftOrder.take(Int64(count), shop: shop, in: db)
            return Array(first..<first + Int64(count))
        case .postgres:
            let rows = try await db.raw("""
                SELECT \(nextValue(shop: shop)) AS value FROM generate_series(1, \(bind: count))
                """).all()
            let numbers = try rows.map { try $0.decode(column: "value", as: Int64.self) }.sorted()
            guard numbers.count == count else { throw SQLStoreError.missingReturnedID }
            return numbers
        }
    }
}
