/// Units of one inventory item an order or a reservation needs: the lines of the same variant
/// add up.
public struct StockRequirement: Sendable, Hashable {
    public var itemID: InventoryItemID
    public var quantity: Int64
    /// Whether the variant keeps selling when out of stock (Shopify's `CONTINUE` policy).
    public var mayOversell: Bool
    /// The first line that asks for the item, for error messages.
    public var lineIndex: Int
    public var title: String

    public init(itemID: InventoryItemID, quantity: Int64, mayOversell: Bool, lineIndex: Int, title: String) {
        self.itemID = itemID
        self.quantity = quantity
        self.mayOversell = mayOversell
        self.lineIndex = lineIndex
        self.title = title
    }
}

/// Units taken from one level.
public struct StockTake: Sendable, Hashable, Codable {
    public var itemID: InventoryItemID
    public var locationID: LocationID
    public var quantity: Int64

    public init(itemID: InventoryItemID, locationID: LocationID, quantity: Int64) {
        self.itemID = itemID
        self.locationID = locationID
        self.quantity = quantity
    }
}

/// Not enough units of an item.
public struct StockShortfall: Error, Sendable, Hashable {
    public var requirement: StockRequirement
    public var available: Int64

    public init(requirement: StockRequirement, available: Int64) {
        self.requirement = requirement
        self.available = available
    }

    public var message: String {
        let units = available == 1 ? "1 is" : "\(max(0, available)) are"
        return "\(requirement.title) is out of stock: \(requirement.quantity) requested, only \(units) available"
    }
}

/// Decides which locations give the units: the shop's locations in order, each giving what it
/// has, until the requirement is met. The caller takes the units with conditional updates, so
/// a plan made from a stale read can fail but never oversell.
public enum StockAllocation {
    /// `levels` may be those of several items, read together: only the requirement's item's count.
    public static func plan(_ requirement: StockRequirement, levels: [InventoryLevel]) -> Result<[StockTake], StockShortfall> {
        let levels = levels.filter { $0.itemID == requirement.itemID }
        var remaining = requirement.quantity
        var takes: [StockTake] = []
        for level in levels where remaining > 0 && level.available > 0 {
            let quantity = min(level.available, remaining)
            takes.append(StockTake(itemID: requirement.itemID, locationID: level.locationID, quantity: quantity))
            remaining -= quantity
        }
        guard remaining > 0 else { return .success(takes) }
        guard requirement.mayOversell, let first = takes.first?.locationID ?? levels.first?.locationID else {
            return .failure(StockShortfall(requirement: requirement,
                                           available: levels.reduce(0) { $0 + max(0, $1.available) }))
        }
        // Selling past zero: the first location goes negative, as Shopify's does.
        if let index = takes.firstIndex(where: { $0.locationID == first }) {
            takes[index].quantity += remaining
        } else {
            takes.insert(StockTake(itemID: requirement.itemID, locationID: first, quantity: remaining), at: 0)
        }
        return .success(takes)
    }
}
