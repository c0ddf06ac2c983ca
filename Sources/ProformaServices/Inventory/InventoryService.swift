import ProformaCore

/// `inventorySetQuantities`: set `available` or `on_hand` for item/location pairs.
public struct InventorySetQuantitiesInput: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var item: InventoryItemID
        public var location: LocationID
        public var quantity: Int64
        /// The quantity the caller last saw; the write is refused if it has changed since.
        public var compareQuantity: Int64?

        public init(item: InventoryItemID, location: LocationID, quantity: Int64, compareQuantity: Int64?) {
            self.item = item
            self.location = location
            self.quantity = quantity
            self.compareQuantity = compareQuantity
        }
    }

    public var name: String
    public var reason: String
    public var referenceDocumentURI: String?
    public var ignoreCompareQuantity: Bool
    public var quantities: [Entry]

    public init(name: String, reason: String, referenceDocumentURI: String?, ignoreCompareQuantity: Bool,
                quantities: [Entry]) {
        self.name = name
        self.reason = reason
        self.referenceDocumentURI = referenceDocumentURI
        self.ignoreCompareQuantity = ignoreCompareQuantity
        self.quantities = quantities
    }

    /// Shopify's inventory adjustment reasons.
    public static let reasons: Set<String> = [
        "correction", "cycle_count_available", "damaged", "movement_created", "movement_updated",
        "movement_received", "movement_canceled", "other", "promotion", "quality_control", "received",
        "reservation_created", "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
    ]
}

/// The result of a quantity change: every named quantity that moved.
public struct InventoryAdjustment: Sendable, Hashable {
    public struct Change: Sendable, Hashable {
        public var name: InventoryQuantityName
        public var delta: Int64
        public var quantityAfterChange: Int64
        public var item: InventoryItemID
        public var location: LocationID
    }

    public var reason: String
    public var referenceDocumentURI: String?
    public var createdAt: Timestamp
    public var changes: [Change]
}

public struct InventoryService: Sendable {
    let store: any Store
    let clock: any WallClock

    public static let quantityRange: ClosedRange<Int64> = -1_000_000_000...1_000_000_000

    let events: WebhookEvents

    init(store: any Store, clock: any WallClock, events: WebhookEvents) {
        self.store = store
        self.clock = clock
        self.events = events
    }

    /// Applies every entry or none. Each entry with a `compareQuantity` is a compare-and-set:
    /// the level is locked, compared and written inside the transaction, so a concurrent
    /// change makes this call fail with `COMPARE_QUANTITY_STALE` instead of being overwritten.
    public func setQuantities(shop: ShopID, _ input: InventorySetQuantitiesInput) async throws -> InventoryAdjustment {
        var errors = ValidationErrors()
        let name = InventoryQuantityName(rawValue: input.name)
        if name != .available && name != .onHand {
            errors.add(["name"], "The quantity name must be either 'available' or 'on_hand'.", code: "INVALID_NAME")
        }
        if !InventorySetQuantitiesInput.reasons.contains(input.reason) {
            errors.add(["reason"], "The specified reason is invalid.", code: "INVALID_REASON")
        }
        if input.quantities.isEmpty {
            errors.add(["quantities"], "At least one quantity is required.", code: "INVALID_QUANTITY")
        }
        var pairs = Set<[Int64]>()
        for (index, entry) in input.quantities.enumerated() {
            let path = ["quantities", String(index)]
            if !Self.quantityRange.contains(entry.quantity) {
                errors.add(path + ["quantity"], "The quantity can't be lower than -1,000,000,000 or higher than 1,000,000,000.",
                           code: entry.quantity < 0 ? "INVALID_QUANTITY_TOO_LOW" : "INVALID_QUANTITY_TOO_HIGH")
            }
            if !input.ignoreCompareQuantity && entry.compareQuantity == nil {
                errors.add(path + ["compareQuantity"],
                           "The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.",
                           code: "COMPARE_QUANTITY_REQUIRED")
            }
            if !pairs.insert([entry.item.rawValue, entry.location.rawValue]).inserted {
                errors.add(path, "The combination of inventoryItemId and locationId must be unique.",
                           code: "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR")
            }
        }
        try errors.throwIfAny()
        guard let name else { throw errors }

        let now = clock.now()
        return try await store.write { session in
            var problems = ValidationErrors()
            var changes: [InventoryAdjustment.Change] = []
            let locations = Set(try await session.shops.locations(shop: shop).map(\.id))
            let before = try await session.inventory.lockLevels(shop: shop, items: input.quantities.map(\.item))
            for (index, entry) in input.quantities.enumerated() {
                let path = ["quantities", String(index)]
                guard try await session.catalog.variant(shop: shop, inventoryItem: entry.item) != nil else {
                    problems.add(path + ["inventoryItemId"], "The specified inventory item could not be found.",
                                 code: "INVALID_INVENTORY_ITEM")
                    continue
                }
                guard locations.contains(entry.location) else {
                    problems.add(path + ["locationId"], "The specified location could not be found.", code: "INVALID_LOCATION")
                    continue
                }
                let compare = input.ignoreCompareQuantity ? nil : entry.compareQuantity
                switch try await Self.set(name, to: entry.quantity, expecting: compare, item: entry.item,
                                          location: entry.location, shop: shop, in: session, at: now) {
                case .changed(let entryChanges):
                    changes.append(contentsOf: entryChanges)
                case .stale:
                    problems.add(path + ["compareQuantity"],
                                 "The compareQuantity argument no longer matches the persisted quantity.",
                                 code: "COMPARE_QUANTITY_STALE")
                case .notStocked:
                    problems.add(path + ["locationId"], "The specified inventory item is not stocked at the location.",
                                 code: "ITEM_NOT_STOCKED_AT_LOCATION")
                }
            }
            try problems.throwIfAny()
            try await events.inventoryLevels(changedFrom: before, shop: shop, session: session, at: now)
            return InventoryAdjustment(reason: input.reason, referenceDocumentURI: input.referenceDocumentURI,
                                       createdAt: now, changes: changes)
        }
    }

    enum SetOutcome {
        case changed([InventoryAdjustment.Change])
        case stale
        case notStocked
    }

    /// Sets `available` or `on_hand` of one level inside the caller's transaction. Setting
    /// `on_hand` moves `available` by the same amount, since reserved and committed units
    /// belong to drafts and orders.
    static func set(
        _ name: InventoryQuantityName, to quantity: Int64, expecting: Int64?, item: InventoryItemID,
        location: LocationID, shop: ShopID, in session: any StoreSession, at now: Timestamp
    ) async throws -> SetOutcome {
        guard let level = try await session.inventory.lockLevel(shop: shop, item: item, location: location) else {
            return .notStocked
        }
        let current = level.quantity(name)
        if let expecting, expecting != current { return .stale }
        let delta = quantity - current
        guard delta != 0 else { return .changed([]) }
        let available = level.available + delta
        try await session.inventory.updateQuantities(
            shop: shop, item: item, location: location, available: available, reserved: level.reserved,
            committed: level.committed, at: now)
        return .changed([
            .init(name: .available, delta: delta, quantityAfterChange: available, item: item, location: location),
            .init(name: .onHand, delta: delta, quantityAfterChange: level.onHand + delta, item: item, location: location),
        ])
    }

    public func levels(shop: ShopID, items: [InventoryItemID]) async throws -> [InventoryLevel] {
        try await store.read { try await $0.inventory.levels(shop: shop, items: items) }
    }

    public func levels(shop: ShopID, locations: [LocationID], items: [InventoryItemID]? = nil,
                       page: PageRequest) async throws -> Page<InventoryLevel> {
        try await store.read { try await $0.inventory.levels(shop: shop, locations: locations, items: items, page: page) }
    }

    /// What one pass of the expiry worker did.
    public struct ExpiryPass: Sendable, Hashable {
        /// Drafts found with an expired reservation; `limit` of them means more may be waiting.
        public var examined: Int
        public var released: Int
        /// Drafts whose release failed; the others were released regardless.
        public var failures: [DraftOrderID: String]
    }

    /// Gives back the units of reservations that ran out, looking at up to `limit` drafts.
    /// The expiry worker calls it.
    public func releaseExpiredReservations(limit: Int = 100) async throws -> ExpiryPass {
        let now = clock.now()
        let expired = try await store.read { try await $0.stock.expiredReservations(at: now, limit: limit) }
        var pass = ExpiryPass(examined: expired.count, released: 0, failures: [:])
        // A transaction per draft keeps each one's locks few and short, and one draft that fails
        // does not hold back the rest. The draft row is locked first, as every edit of the draft
        // does, so a reservation extended meanwhile is kept; of two workers on the same draft
        // only one removes the rows, so units come back once.
        for (shop, id) in expired {
            do {
                let didRelease = try await store.write { session in
                    let draft = try await session.draftOrders.draft(shop: shop, id: id, forUpdate: true)
                    if let until = draft?.reserveInventoryUntil, until > now { return false }
                    let released = try await StockKeeper(session: session, shop: shop, now: now, events: events).release(draft: id)
                    if released, draft != nil {
                        try await session.recordActivity(.stockReleased, on: .draftOrder(id), detail: "The hold expired",
                                                         shop: shop, at: now)
                    }
                    return released
                }
                if didRelease { pass.released += 1 }
            } catch {
                pass.failures[id] = "\(error)"
            }
        }
        return pass
    }
}
