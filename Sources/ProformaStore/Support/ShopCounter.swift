import ProformaCore
import SQLKit

/// Per-shop counters that name things (`#D1`, `#1001`). Taking numbers moves the counter
/// inside the caller's transaction: concurrent takers never share a number, and a rolled-back
/// transaction leaves no gap.
enum ShopCounter: String {
    case draftOrder = "draft_order"
    case order

    /// Takes `count` consecutive numbers (starting at `first` for a new counter) and returns the
    /// first of them.
    func take(_ count: Int64 = 1, shop: ShopID, first: Int64 = 1, in db: any SQLDatabase) async throws -> Int64 {
        guard let row = try await db.raw(upsert(count, shop: shop, first: first)).first() else {
            throw SQLStoreError.missingReturnedID
        }
        return try row.decode(column: "value", as: Int64.self) - count + 1
    }

    /// The statement that moves the counter on by `count` and returns its new value, for `take`
    /// and for PostgreSQL statements that use the number in the same round trip.
    func upsert(_ count: Int64 = 1, shop: ShopID, first: Int64 = 1) -> SQLQueryString {
        """
        INSERT INTO shop_counters (shop_id, name, value) VALUES (\(bind: shop.rawValue), \(bind: rawValue), \(bind: first + count - 1))
        ON CONFLICT (shop_id, name) DO UPDATE SET value = shop_counters.value + \(bind: count)
        RETURNING value
        """
    }
}
