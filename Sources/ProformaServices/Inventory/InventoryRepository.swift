import ProformaCore

/// Stock per inventory item and location.
public protocol InventoryRepository {
    func levels(shop: ShopID, items: [InventoryItemID]) async throws -> [InventoryLevel]
    func levels(shop: ShopID, location: LocationID, page: PageRequest) async throws -> Page<InventoryLevel>
    /// Reads one level and, inside a write, locks it until the transaction ends so that the
    /// caller's check-then-update cannot race another writer.
    func lockLevel(shop: ShopID, item: InventoryItemID, location: LocationID) async throws -> InventoryLevel?
    func insertLevel(_ level: InventoryLevel, shop: ShopID) async throws
    func updateQuantities(shop: ShopID, item: InventoryItemID, location: LocationID, available: Int64,
                          reserved: Int64, committed: Int64, at time: Timestamp) async throws
}
