import ProformaCore
import Testing

@Suite("Stock allocation")
struct StockAllocationTests {
    private static let boots = InventoryItemID(1)
    private static let laces = InventoryItemID(2)

    private static func level(_ item: InventoryItemID, at location: Int64, available: Int64) -> InventoryLevel {
        let now = Timestamp(iso8601: "2025-01-01T00:00:00Z")!
        return InventoryLevel(itemID: item, locationID: LocationID(location), available: available, reserved: 0,
                              committed: 0, createdAt: now, updatedAt: now)
    }

    private static func requirement(_ quantity: Int64, mayOversell: Bool = false) -> StockRequirement {
        StockRequirement(itemID: boots, quantity: quantity, mayOversell: mayOversell, lineIndex: 0, title: "Boots")
    }

    /// Levels of two items read together, the other item's first and richest.
    private static let levels = [level(laces, at: 1, available: 100), level(boots, at: 1, available: 2),
                                 level(laces, at: 2, available: 100), level(boots, at: 2, available: 3)]

    @Test("locations give in order what they have, and another item's levels count for nothing")
    func takesInOrder() throws {
        let takes = try Self.plan(Self.requirement(4))
        #expect(takes.map(\.itemID) == [Self.boots, Self.boots])
        #expect(takes.map(\.locationID) == [LocationID(1), LocationID(2)])
        #expect(takes.map(\.quantity) == [2, 2])
    }

    @Test("short: the shortfall counts only the item's units; overselling puts the rest on its first location")
    func shortAndOversold() throws {
        guard case .failure(let shortfall) = StockAllocation.plan(Self.requirement(6), levels: Self.levels) else {
            Issue.record("6 of 5 boots were planned")
            return
        }
        #expect(shortfall.available == 5)
        let oversold = try Self.plan(Self.requirement(6, mayOversell: true))
        #expect(oversold.map(\.locationID) == [LocationID(1), LocationID(2)])
        #expect(oversold.map(\.quantity) == [3, 3])
    }

    private static func plan(_ requirement: StockRequirement) throws -> [StockTake] {
        try StockAllocation.plan(requirement, levels: levels).get()
    }
}
