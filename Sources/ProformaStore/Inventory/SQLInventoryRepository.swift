import ProformaCore
import ProformaServices
import SQLKit

struct SQLInventoryRepository: InventoryRepository {
    let context: SQLContext

    static func level(from row: any SQLRow) throws -> InventoryLevel {
        InventoryLevel(
            itemID: InventoryItemID(try row.int64("inventory_item_id")), locationID: LocationID(try row.int64("location_id")),
            available: try row.int64("available"), reserved: try row.int64("reserved"),
            committed: try row.int64("committed"), createdAt: try row.timestamp("created_at"),
            updatedAt: try row.timestamp("updated_at"))
    }

    func levels(shop: ShopID, items: [InventoryItemID]) async throws -> [InventoryLevel] {
        try await levels(shop: shop, items: items, lock: "")
    }

    func lockLevels(shop: ShopID, items: [InventoryItemID]) async throws -> [InventoryLevel] {
        try await levels(shop: shop, items: items, lock: context.lockClause)
    }

    /// Rows come, and are locked, in key order.
    private func levels(shop: ShopID, items: [InventoryItemID], lock: SQLQueryString) async throws -> [InventoryLevel] {
        guard !items.isEmpty else { return [] }
        return try await context.all("""
            SELECT * FROM inventory_levels WHERE shop_id = \(bind: shop.rawValue)
              AND inventory_item_id IN (\(binds: Array(Set(items.map(\.rawValue))))) ORDER BY inventory_item_id, location_id
            """ + lock).map(Self.level(from:))
    }

    func levels(shop: ShopID, locations: [LocationID], items: [InventoryItemID]?,
                page: PageRequest) async throws -> Page<InventoryLevel> {
        // Levels have no id of their own: they are ordered by location, then by item, which is
        // the derived table's id.
        let keyset = Keyset(
            from: "(SELECT inventory_item_id AS id, inventory_levels.* FROM inventory_levels) l",
            alias: "l", sortExpression: "l.location_id", sortIsText: false)
        guard !locations.isEmpty else { return Page(items: [], cursors: [], hasNextPage: false, hasPreviousPage: false) }
        var filter: SQLQueryString = "l.location_id IN (\(binds: locations.map(\.rawValue)))"
        if let items {
            guard !items.isEmpty else { return Page(items: [], cursors: [], hasNextPage: false, hasPreviousPage: false) }
            filter = filter + " AND l.id IN (\(binds: items.map(\.rawValue)))"
        }
        let result = try await keyset.page(context, select: "l.*", shop: shop.rawValue, filter: filter, request: page)
        return Page(items: try result.rows.map(Self.level(from:)), cursors: result.cursors,
                    hasNextPage: result.hasNext, hasPreviousPage: result.hasPrevious)
    }

    func lockLevel(shop: ShopID, item: InventoryItemID, location: LocationID) async throws -> InventoryLevel? {
        try await context.first("""
            SELECT * FROM inventory_levels WHERE shop_id = \(bind: shop.rawValue)
              AND inventory_item_id = \(bind: item.rawValue) AND location_id = \(bind: location.rawValue)
            """ + context.lockClause).map(Self.level(from:))
    }

    func insertLevel(_ level: InventoryLevel, shop: ShopID) async throws {
        try await context.run("""
            INSERT INTO inventory_levels (shop_id, inventory_item_id, location_id, available, reserved, committed,
                                          created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: level.itemID.rawValue), \(bind: level.locationID.rawValue),
                    \(bind: level.available), \(bind: level.reserved), \(bind: level.committed),
                    \(bind: level.createdAt.stored), \(bind: level.updatedAt.stored))
            """)
    }

    func updateQuantities(shop: ShopID, item: InventoryItemID, location: LocationID, available: Int64,
                          reserved: Int64, committed: Int64, at time: Timestamp) async throws {
        try await context.run("""
            UPDATE inventory_levels SET available = \(bind: available), reserved = \(bind: reserved),
                committed = \(bind: committed), updated_at = \(bind: time.stored)
            WHERE shop_id = \(bind: shop.rawValue) AND inventory_item_id = \(bind: item.rawValue)
              AND location_id = \(bind: location.rawValue)
            """)
    }
}
