import ProformaCore
import ProformaServices
import SQLKit

struct SQLStockRepository: StockRepository {
    let context: SQLContext

    private static func column(_ name: InventoryQuantityName) -> String {
        switch name {
        case .available: "available"
        case .reserved: "reserved"
        case .committed: "committed"
        // On hand is the sum of the others: units never move into or out of it alone.
        case .onHand: preconditionFailure("on_hand is derived and cannot be moved")
        }
    }

    func move(_ take: StockTake, shop: ShopID, from: InventoryQuantityName, to: InventoryQuantityName,
              requireAvailable: Bool, at time: Timestamp) async throws -> Bool {
        let source = Self.column(from)
        let target = Self.column(to)
        // The check and the change are one statement: no other writer can come between them.
        let check: SQLQueryString = requireAvailable ? " AND available >= \(bind: take.quantity)" : ""
        let rows = try await context.all("""
            UPDATE inventory_levels SET \(unsafeRaw: source) = \(unsafeRaw: source) - \(bind: take.quantity),
                \(unsafeRaw: target) = \(unsafeRaw: target) + \(bind: take.quantity), updated_at = \(bind: time.stored)
            WHERE shop_id = \(bind: shop.rawValue) AND inventory_item_id = \(bind: take.itemID.rawValue)
              AND location_id = \(bind: take.locationID.rawValue)
            """ + check + " RETURNING inventory_item_id")
        return !rows.isEmpty
    }

    func insertReservations(_ reservations: [StockReservation]) async throws {
        guard !reservations.isEmpty else { return }
        let values = reservations.map { held -> SQLQueryString in
            "(\(bind: held.shopID.rawValue), \(bind: held.draftOrderID.rawValue), \(bind: held.take.itemID.rawValue), "
                + "\(bind: held.take.locationID.rawValue), \(bind: held.take.quantity), \(bind: held.expiresAt.stored))"
        }.joined(separator: ", ")
        try await context.run("""
            INSERT INTO inventory_reservations (shop_id, draft_order_id, inventory_item_id, location_id, quantity, expires_at)
            VALUES
            """ + values)
    }

    func removeReservations(shop: ShopID, draft: DraftOrderID) async throws -> [StockReservation] {
        try await context.all("""
            DELETE FROM inventory_reservations WHERE shop_id = \(bind: shop.rawValue) AND draft_order_id = \(bind: draft.rawValue)
            RETURNING inventory_item_id, location_id, quantity, expires_at
            """).map { row in
            StockReservation(
                shopID: shop, draftOrderID: draft,
                take: StockTake(itemID: InventoryItemID(try row.int64("inventory_item_id")),
                                locationID: LocationID(try row.int64("location_id")), quantity: try row.int64("quantity")),
                expiresAt: try row.timestamp("expires_at"))
        }
    }

    func expiredReservations(at time: Timestamp, limit: Int) async throws -> [(ShopID, DraftOrderID)] {
        try await context.all("""
            SELECT shop_id, draft_order_id, MIN(expires_at) AS expires_at FROM inventory_reservations
            WHERE expires_at <= \(bind: time.stored)
            GROUP BY shop_id, draft_order_id ORDER BY MIN(expires_at) LIMIT \(literal: limit)
            """).map { (ShopID(try $0.int64("shop_id")), DraftOrderID(try $0.int64("draft_order_id"))) }
    }
}
