import ProformaCore

/// Stock per inventory item and location.
public protocol InventoryRepository {
    func levels(shop: ShopID, items: [InventoryItemID]) async throws -> [InventoryLevel]
    /// The levels at `locations` (of `items` only, when given), paged by location, then item.
    func levels(shop: ShopID, locations: [LocationID], items: [InventoryItemID]?, page: PageRequest) async throws -> Page<InventoryLevel>
    /// Reads one level and, inside a write, locks it until the transaction ends so that the
    /// caller's check-then-update cannot race another writer.
    func lockLevel(shop: ShopID, item: InventoryItemID, location: LocationID) async throws -> InventoryLevel?
    /// Inside a write, locks every level of `items` in one order for all callers (by item, then
    /// location) and returns them. A transaction that changes the stock of several items takes
    /// this before its first change, so two such transactions never wait on each other's levels
    /// in opposite orders (PostgreSQL would abort one as a deadlock).
    func lockLevels(shop: ShopID, items: [InventoryItemID]) async throws -> [InventoryLevel]
    func insertLevel(_ level: InventoryLevel, shop: ShopID) async throws
    func updateQuantities(shop: ShopID, item: InventoryItemID, location: LocationID, available: Int64,
                          reserved: Int64, committed: Int64, at time: Timestamp) async throws
}

/// Units a draft holds at one level until a moment.
public struct StockReservation: Sendable, Hashable {
    public var shopID: ShopID
    public var draftOrderID: DraftOrderID
    public var take: StockTake
    public var expiresAt: Timestamp

    public init(shopID: ShopID, draftOrderID: DraftOrderID, take: StockTake, expiresAt: Timestamp) {
        self.shopID = shopID
        self.draftOrderID = draftOrderID
        self.take = take
        self.expiresAt = expiresAt
    }
}

/// The stock drafts hold. Invariant the implementation keeps: `move` is one conditional
/// statement, so two transactions can never both take the last unit.
public protocol StockRepository {
    /// Moves units of one level from one named quantity to another, in one statement. With
    /// `requireAvailable` it moves only when `available` covers the units; returns whether it moved.
    func move(_ take: StockTake, shop: ShopID, from: InventoryQuantityName, to: InventoryQuantityName,
              requireAvailable: Bool, at time: Timestamp) async throws -> Bool
    func insertReservations(_ reservations: [StockReservation]) async throws
    /// Deletes the draft's reservations and returns them, in one statement: of two transactions
    /// releasing the same draft, only one gets the rows, so units are never given back twice.
    func removeReservations(shop: ShopID, draft: DraftOrderID) async throws -> [StockReservation]
    /// Drafts with a reservation that ran out by `time`, oldest first.
    func expiredReservations(at time: Timestamp, limit: Int) async throws -> [(ShopID, DraftOrderID)]
}
