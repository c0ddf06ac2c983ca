import ProformaCore

/// Holds, releases and commits the stock of a draft's lines, inside the caller's transaction.
/// Every unit moves through `StockRepository.move`, a conditional statement, so concurrent
/// drafts can never take the same unit; when any line falls short the caller's transaction
/// throws and nothing moves.
struct StockKeeper {
    let session: any StoreSession
    let shop: ShopID
    let now: Timestamp
    /// Where `inventory_levels/update` goes for each level whose `available` moved.
    let events: WebhookEvents
    /// The shop's settings as read in this transaction, when the caller has them: its
    /// subscribers are then known without a query.
    var configuration: ShopConfiguration? = nil

    /// What the draft's tracked variant lines need, one entry per inventory item.
    func requirements(for lines: [DraftOrderLine]) async throws -> [StockRequirement] {
        let variantIDs = Array(Set(lines.compactMap(\.variantID)))
        guard !variantIDs.isEmpty else { return [] }
        let variants = Dictionary(uniqueKeysWithValues: try await session.catalog.variants(shop: shop, ids: variantIDs)
            .map { ($0.id, $0) })
        return Self.requirements(for: lines, variants: variants)
    }

    /// What the lines need of the given variants, one entry per tracked inventory item.
    static func requirements(for lines: [DraftOrderLine], variants: [VariantID: ProductVariant]) -> [StockRequirement] {
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
        let held = try await session.stock.removeReservations(shop: shop, draft: draft)
        let needed = if let until, until > now { try await requirements(for: lines) } else { [StockRequirement]() }
        try await replace(held, with: needed, for: draft, until: until)
    }

    /// Holds what a draft written in this transaction needs: it holds nothing yet, and its
    /// requirements come from the variants it was built from. A create so spares the
    /// statements `reserve` spends on asking what the draft holds and reading its variants again.
    ///
    /// With `planned` takes (see `plan(_:)`), and nobody to tell of the levels' changes, the
    /// reservations are written first and the levels' conditional updates last: a level then
    /// stays locked only for what is left of the transaction, where locking the levels first
    /// kept it locked for every statement of the reservation. Under contention the drafts that
    /// take one level queue on its lock one at a time, so the time each holds it bounds them
    /// all. Throws `StockPlanOutdated` when a level no longer has what the plan takes from it
    /// (the transaction must then be undone); without a plan, the levels are locked and read
    /// first, and the takes planned from what they hold.
    func reserve(newDraft draft: DraftOrderID, needing needed: [StockRequirement], until: Timestamp,
                 planned: [StockTake]? = nil) async throws {
        guard let planned, let configuration,
              events.subscribers(of: .inventoryLevelsUpdate, in: configuration).subscriptions.isEmpty else {
            try await replace([], with: needed, for: draft, until: until)
            return
        }
        try await session.stock.insertReservations(planned.map {
            StockReservation(shopID: shop, draftOrderID: draft, take: $0, expiresAt: until)
        })
        let mayOversell = Set(needed.filter(\.mayOversell).map(\.itemID))
        for take in planned {
            let moved = try await session.stock.move(take, shop: shop, from: .available, to: .reserved,
                                                     requireAvailable: !mayOversell.contains(take.itemID), at: now)
            guard moved else { throw StockPlanOutdated() }
        }
    }

    private func replace(_ held: [StockReservation], with needed: [StockRequirement], for draft: DraftOrderID,
                         until: Timestamp?) async throws {
        let before = try await lockLevels(held, needed)
        try await move(held, to: .available)
        if let until, until > now {
            var reservations: [StockReservation] = []
            for requirement in needed {
                for take in try await takeUnits(requirement, into: .reserved, lockedLevels: held.isEmpty ? before.levels : nil) {
                    reservations.append(StockReservation(shopID: shop, draftOrderID: draft, take: take, expiresAt: until))
                }
            }
            try await session.stock.insertReservations(reservations)
        }
        try await announce(before)
    }

    /// The units a new draft would take, planned from the session's snapshot of the levels, in
    /// the order every writer locks levels in. Throws the error the write would give when the
    /// snapshot already shows a requirement short: a new draft that cannot get its units then
    /// fails before the write transaction, and leaves SQLite's one writer to drafts that can.
    /// The plan only proposes: the write takes each unit with a conditional update.
    func plan(_ requirements: [StockRequirement]) async throws -> [StockTake] {
        guard !requirements.isEmpty else { return [] }
        let levels = try await session.inventory.levels(shop: shop, items: requirements.map(\.itemID))
        var takes: [StockTake] = []
        for requirement in requirements {
            switch StockAllocation.plan(requirement, levels: levels) {
            case .failure(let shortfall): throw Self.error(shortfall)
            case .success(let planned): takes += planned
            }
        }
        return takes.sorted { ($0.itemID.rawValue, $0.locationID.rawValue) < ($1.itemID.rawValue, $1.locationID.rawValue) }
    }

    /// Gives the units the draft holds back to `available`; returns whether it held any.
    @discardableResult
    func release(draft: DraftOrderID) async throws -> Bool {
        try await release(drafts: [draft])
    }

    /// Gives back what several drafts hold, the caller having locked them all first: their
    /// levels are then locked together, in the one order, before any unit moves.
    @discardableResult
    func release(drafts: [DraftOrderID]) async throws -> Bool {
        var held: [StockReservation] = []
        for draft in drafts { held += try await session.stock.removeReservations(shop: shop, draft: draft) }
        let before = try await lockLevels(held, [])
        try await move(held, to: .available)
        try await announce(before)
        return !held.isEmpty
    }

    /// Turns the draft's units into committed ones as it becomes an order: held units move
    /// from reserved, the rest from available, checked. Units held for an item the lines no
    /// longer need (its variant is no longer tracked) go back to available, as an edit gives them.
    func commit(draft: DraftOrderID, lines: [DraftOrderLine]) async throws {
        let held = try await session.stock.removeReservations(shop: shop, draft: draft)
        let needed = try await requirements(for: lines)
        let before = try await lockLevels(held, needed)
        let neededItems = Set(needed.map(\.itemID))
        try await move(held.filter { neededItems.contains($0.take.itemID) }, to: .committed)
        try await move(held.filter { !neededItems.contains($0.take.itemID) }, to: .available)
        var heldByItem: [InventoryItemID: Int64] = [:]
        for reservation in held { heldByItem[reservation.take.itemID, default: 0] += reservation.take.quantity }
        for var requirement in needed {
            // Lines added since the reservation was made, or held units that ran out.
            requirement.quantity -= heldByItem[requirement.itemID] ?? 0
            guard requirement.quantity > 0 else { continue }
            _ = try await takeUnits(requirement, into: .committed, lockedLevels: held.isEmpty ? before.levels : nil)
        }
        try await announce(before)
    }

    /// Levels as they were when locked, and who hears of their changes.
    private struct LockedLevels {
        var levels: [InventoryLevel] = []
        var subscribers: WebhookSubscribers?
    }

    /// Every change below touches only levels locked here first, in the one order all writers use.
    /// The subscribers are asked before, so that nothing waits on them while the locks are held.
    private func lockLevels(_ held: [StockReservation], _ needed: [StockRequirement]) async throws -> LockedLevels {
        let items = held.map(\.take.itemID) + needed.map(\.itemID)
        guard !items.isEmpty else { return LockedLevels() }
        let subscribers = if let configuration {
            events.subscribers(of: .inventoryLevelsUpdate, in: configuration)
        } else {
            try await events.subscribers(of: .inventoryLevelsUpdate, shop: shop, session: session)
        }
        return LockedLevels(levels: try await session.inventory.lockLevels(shop: shop, items: items), subscribers: subscribers)
    }

    /// `inventory_levels/update` for each of the levels whose `available` changed.
    private func announce(_ locked: LockedLevels) async throws {
        guard let subscribers = locked.subscribers else { return }
        try await events.inventoryLevels(changedFrom: locked.levels, to: subscribers, session: session, at: now)
    }

    /// Moves held units out of `reserved`, unchecked: they are the draft's own.
    private func move(_ held: [StockReservation], to destination: InventoryQuantityName) async throws {
        for reservation in held {
            _ = try await session.stock.move(reservation.take, shop: shop, from: .reserved, to: destination,
                                             requireAvailable: false, at: now)
        }
    }

    /// Takes the requirement's units out of `available` into `destination`, location by location.
    /// `lockedLevels` are the levels as locked, when nothing has moved since: each requirement
    /// is a different item, so taking one's units leaves the others' levels as they were.
    /// Without them the levels are read again, a round trip while the locks are held.
    private func takeUnits(_ requirement: StockRequirement, into destination: InventoryQuantityName,
                           lockedLevels: [InventoryLevel]?) async throws -> [StockTake] {
        let levels = if let lockedLevels {
            lockedLevels
        } else {
            try await session.inventory.levels(shop: shop, items: [requirement.itemID])
        }
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

/// A new draft's planned takes met a level that no longer has their units: another draft took
/// them after the plan was read. The create runs again, planning under the levels' locks.
struct StockPlanOutdated: Error {}
