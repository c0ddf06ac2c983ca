/// Shopify's named inventory quantities that Proforma keeps. `on_hand` is not stored: it is
/// always `available + reserved + committed`, so the three can never disagree with it.
public enum InventoryQuantityName: String, Sendable, Hashable, CaseIterable {
    case available
    case reserved
    case committed
    case onHand = "on_hand"
}

/// Stock of one inventory item at one location.
public struct InventoryLevel: Sendable, Hashable {
    public var itemID: InventoryItemID
    public var locationID: LocationID
    public var available: Int64
    public var reserved: Int64
    public var committed: Int64
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(itemID: InventoryItemID, locationID: LocationID, available: Int64, reserved: Int64,
                committed: Int64, createdAt: Timestamp, updatedAt: Timestamp) {
        self.itemID = itemID
        self.locationID = locationID
        self.available = available
        self.reserved = reserved
        self.committed = committed
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var onHand: Int64 { available + reserved + committed }

    public func quantity(_ name: InventoryQuantityName) -> Int64 {
        switch name {
        case .available: available
        case .reserved: reserved
        case .committed: committed
        case .onHand: onHand
        }
    }
}
