import ProformaCore

/// Holds, releases and commits the stock of a draft's lines, inside the caller's transaction.
/// Every unit moves through `StockRepository.move`, a conditional statement, so concurrent
/// drafts can never take the same unit; when any line falls short the caller's transaction
/// throws and nothing moves.
struct StockKeeper {
    let session: any StoreSession
    let shop: ShopID
    let now: Timestamp

    /// What the draft's tracked variant lines need, one entry per inventory item.
    func requirements(for lines: [DraftOrderLine]) async throws -> [StockRequirement] {
        let variantIDs = Array(Set(lines.compactMap(\.variantID)))
        guard !variantIDs.isEmpty else { return [] }
        let variants = Dictionary(uniqueKeysWithValues: try await session.catalog.variants(shop: shop, ids: variantIDs)
            .map { ($0.id, $0) })
        var byItem: [InventoryItemID: StockRequirement] = [:]
        var order: [InventoryItemID] = []
        for (index, line) in lines.enumerated() {
            guard let id = line.variantID, let variant = variants[id], variant.inventoryItem.tracked else { continue }
            let item = variant.inventoryItem.id
            if byItem[item] == nil {
                order.append(item)
                byItem[item] = StockRequirement(itemID: item, quantity: 0, mayOversell: variant.inventoryPolicy == .continue,
                                                lineIndex: index, title: line.name)
            }
            byItem[item]?.quantity += Int64(line.quantity)
        }
        return order.compactMap { byItem[$0] }
    }

    /// Replaces what the draft holds with what its lines need, until `until`; a nil or past
    /// `until` only releases. Throws `ValidationErrors` naming the first line that falls short.
    func reserve(draft: DraftOrderID, lines: [DraftOrderLine], until: Timestamp?) async throws {
        try await release(draft: draft)
        guard let until, until > now else { return }
        var held: [StockReservation] = []
        for requirement in try await requirements(for: lines) {
            for take in try await takeUnits(requirement, into: .reserved) {
                held.append(StockReservation(shopID: shop, draftOrderID: draft, take: take, expiresAt: until))
            }
        }
        try await session.stock.insertReservations(held)
    }

    /// Gives the units the draft holds back to `available`.
    func release(draft: DraftOrderID) async throws {
        for reservation in try await session.stock.removeReservations(shop: shop, draft: draft) {
            _ = try await session.stock.move(reservation.take, shop: shop, from: .reserved, to: .available,
                                             requireAvailable: false, at: now)
        }
    }

    /// Turns the draft's units into committed ones as it becomes an order: held units move
    /// from reserved, the rest from available, checked.
    func commit(draft: DraftOrderID, lines: [DraftOrderLine]) async throws {
        var heldByItem: [InventoryItemID: Int64] = [:]
        for reservation in try await session.stock.removeReservations(shop: shop, draft: draft) {
            _ = try await session.stock.move(reservation.take, shop: shop, from: .reserved, to: .committed,
                                             requireAvailable: false, at: now)
            heldByItem[reservation.take.itemID, default: 0] += reservation.take.quantity
        }
        for var requirement in try await requirements(for: lines) {
            // Lines added since the reservation was made, or held units that ran out.
            requirement.quantity -= heldByItem[requirement.itemID] ?? 0
            guard requirement.quantity > 0 else { continue }
            _ = try await takeUnits(requirement, into: .committed)
        }
    }

    /// Takes the requirement's units out of `available` into `destination`, location by location.
    private func takeUnits(_ requirement: StockRequirement, into destination: InventoryQuantityName) async throws -> [StockTake] {
        let levels = try await session.inventory.levels(shop: shop, items: [requirement.itemID])
        switch StockAllocation.plan(requirement, levels: levels) {
        case .failure(let shortfall):
            throw Self.error(shortfall)
        case .success(let takes):
            for take in takes {
                let moved = try await session.stock.move(take, shop: shop, from: .available, to: destination,
                                                         requireAvailable: !requirement.mayOversell, at: now)
                // Another transaction took units between the read and the move.
                guard moved else { throw Self.error(StockShortfall(requirement: requirement, available: 0)) }
            }
            return takes
        }
    }

    static func error(_ shortfall: StockShortfall) -> ValidationErrors {
        ValidationErrors(field: ["lineItems", String(shortfall.requirement.lineIndex), "quantity"],
                         message: shortfall.message, code: "INSUFFICIENT_INVENTORY")
    }
}
