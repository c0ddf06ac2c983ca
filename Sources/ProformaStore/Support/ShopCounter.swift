import ProformaCore
import SQLKit

/// Per-shop counters that name things (orders' `#1001`, and drafts' `#D1` on SQLite, see
/// `DraftNumbers`). Concurrent takers never share a number. Taken inside the caller's transaction, a counter moves with it, so a rolled-back
/// transaction leaves no gap, but its row stays locked until commit.
enum ShopCounter: String {
    case draftOrder = "draft_order"
    case order

    /// Takes `count` consecutive numbers (starting at `first` for a new counter) and returns the
    /// first of them.
    func take(_ count: Int64 = 1, shop: ShopID, first: Int64 = 1, in db: any SQLDatabase) async throws -> Int64 {
        guard let row = try await db.raw("""
            INSERT INTO shop_counters (shop_id, name, value) VALUES (\(bind: shop.rawValue), \(bind: rawValue), \(bind: first + count - 1))
            ON CONFLICT (shop_id, name) DO UPDATE SET value = shop_counters.value + \(bind: count)
            RETURNING value
            """).first() else {
            throw SQLStoreError.missingReturnedID
        }
        return try row.decode(column: "value", as: Int64.self) - count + 1
    }
}
