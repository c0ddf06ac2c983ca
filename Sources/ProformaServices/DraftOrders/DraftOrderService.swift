import ProformaCore

/// The draft-order use cases: create, update, preview, duplicate, delete, read and search.
public struct DraftOrderService: Sendable {
    let store: any Store
    let clock: any WallClock
    public let invoiceLinks: InvoiceLinks
    let settings: ShopConfigurationCache
    let events: WebhookEvents

    init(store: any Store, clock: any WallClock, invoiceLinks: InvoiceLinks, settings: ShopConfigurationCache,
         events: WebhookEvents) {
        self.store = store
        self.clock = clock
        self.invoiceLinks = invoiceLinks
        self.settings = settings
        self.events = events
    }

    /// Creates a draft named `#D<n>` with the shop's next number. Throws `ValidationErrors`
    /// (paths relative to the input); then nothing is written and no number is used up.
    public func create(shop: ShopID, _ input: DraftOrderInput) async throws -> DraftOrder {
        do {
            return try await create(shop: shop, input, followingPlan: true)
        } catch is StockPlanOutdated {
            // Another draft took units the held stock was planned on: planned again under the levels' locks.
            return try await create(shop: shop, input, followingPlan: false)
        }
    }

    /// A create whose held stock, if any, is taken by the takes planned before the write when
    /// `followingPlan`, or planned under the levels' locks (see `StockKeeper.reserve(newDraft:…)`).
    private func create(shop: ShopID, _ input: DraftOrderInput, followingPlan: Bool) async throws -> DraftOrder {
        // Settings, prices and the customer are read, and the draft built and encoded, before the
        // writes (on SQLite in a snapshot of its own, so that its one writer only writes).
        try await store.write(preparedBy: { session -> PreparedCreate in
            let built = try await build(input, existing: nil, shop: shop, session: session)
            var stock: [StockRequirement] = []
            var takes: [StockTake] = []
            if let until = built.draft.reserveInventoryUntil, until > built.context.now {
                stock = StockKeeper.requirements(for: built.draft.lines, variants: built.context.variants.mapValues(\.variant))
                takes = try await StockKeeper(session: session, shop: shop, now: built.context.now, events: events).plan(stock)
            }
            var draft = built.draft
            draft.invoiceToken = invoiceLinks.issue()
            return PreparedCreate(record: DraftOrderRecord(draft: draft, customer: built.customer), built: built, stock: stock,
                                  takes: takes, subscribers: events.subscribers(of: .draftOrdersCreate, in: built.context.configuration))
        }, isSingleWrite: { prepared in
            // A numbered insert and nothing after it.
            prepared.record.draft.reserveInventoryUntil == nil && Self.isWrittenInOneCall(prepared.record)
                && prepared.subscribers.subscriptions.isEmpty
        }) { session, prepared in
            let (record, built, subscribers) = (prepared.record, prepared.built, prepared.subscribers)
            let now = clock.now()
            // Only held stock can refuse a create once its draft is written, so a draft that
            // holds none is written with its number: on PostgreSQL that spares a statement and
            // a second version of the new row, in every index of the table.
            let saved = try await Self.insert(record, numbered: record.draft.reserveInventoryUntil == nil,
                                              note: ActivityNote(.created, detail: Self.totalText(record.draft), at: now),
                                              shop: shop, session: session)
            let configuration = built.context.configuration
            guard let until = saved.reserveInventoryUntil else {
                try await events.draftOrder(saved, customer: built.customer, to: subscribers, session: session, at: now)
                return saved
            }
            try await StockKeeper(session: session, shop: shop, now: now, events: events, configuration: configuration)
                .reserve(newDraft: saved.id, needing: prepared.stock, until: until, planned: followingPlan ? prepared.takes : nil)
            return try await number(saved, customer: built.customer, to: subscribers, session: session, at: now)
        }
    }

    /// Applies a partial update to the latest version of the draft, atomically: concurrent
    /// updates each see the other's result, so none is lost. With `expectedVersion` the update
    /// is refused when the draft has moved on since the caller read it.
    ///
    /// The draft is built from what was read before the writes (on SQLite in a snapshot, outside
    /// the write transaction), and written only if it has not moved since; SQLite's one writer
    /// then only writes, which for a draft of 499 lines is a fraction of loading, building and
    /// encoding it. A draft that moved is built again from its new version; after a few such
    /// races the update is built under the draft's lock instead, so it always gets through.
    public func update(shop: ShopID, id: DraftOrderID, _ input: DraftOrderInput,
                       expectedVersion: Int64? = nil) async throws -> DraftOrder {
        for _ in 0..<Self.optimisticAttempts {
            let saved = try await store.write(preparedBy: { session in
                try await prepareUpdate(shop: shop, id: id, input, expectedVersion: expectedVersion, locked: false,
                                        session: session)
            }, isSingleWrite: { prepared in
                Self.isWrittenInOneCall(prepared.record) && prepared.subscribers.subscriptions.isEmpty && !prepared.movesHeldStock
            }) { session, prepared -> DraftOrder? in
                guard let saved = try await Self.save(prepared.record, previousVersion: prepared.existing.version,
                                                      note: Self.updateNote(prepared.built), shop: shop, session: session) else {
                    return nil
                }
                try await finishUpdate(saved, prepared, shop: shop, session: session)
                return saved
            }
            if let saved { return saved }
        }
        return try await store.write { session in
            let prepared = try await prepareUpdate(shop: shop, id: id, input, expectedVersion: expectedVersion, locked: true,
                                                   session: session)
            let built = prepared.built
            let saved = try await Self.save(built.draft, customer: built.customer, previousVersion: prepared.existing.version,
                                            note: Self.updateNote(built), shop: shop, session: session)
            try await finishUpdate(saved, prepared, shop: shop, session: session)
            return saved
        }
    }

    /// Reads the draft (`locked`: under its lock), checks it may be edited, and builds the
    /// update, with what must follow its write.
    private func prepareUpdate(shop: ShopID, id: DraftOrderID, _ input: DraftOrderInput, expectedVersion: Int64?,
                               locked: Bool, session: any StoreSession) async throws -> PreparedUpdate {
        guard let existing = try await Self.editable(shop: shop, id: id, input, forUpdate: locked, session: session) else {
            throw Self.notFound
        }
        try Self.checkEditable(existing, expectedVersion: expectedVersion)
        let built = try await build(input, existing: existing, shop: shop, session: session)
        // New lines or a new date: the held units follow the draft. Other edits leave them be.
        let holdsStock = existing.reserveInventoryUntil != nil || built.draft.reserveInventoryUntil != nil
        return PreparedUpdate(
            existing: existing, built: built, record: DraftOrderRecord(draft: built.draft, customer: built.customer),
            subscribers: events.subscribers(of: .draftOrdersUpdate, in: built.context.configuration),
            movesHeldStock: holdsStock && (input.lineItems != nil || !input.reserveInventoryUntil.isUnchanged))
    }

    /// The draft an update starts from. Lines the input replaces are not read: on a 499-line
    /// draft, decoding them was a sixth of the update's time, and nothing after looks at them.
    private static func editable(shop: ShopID, id: DraftOrderID, _ input: DraftOrderInput, forUpdate: Bool,
                                 session: any StoreSession) async throws -> DraftOrder? {
        try await session.draftOrders.draft(shop: shop, id: id, forUpdate: forUpdate, lines: input.lineItems == nil)
    }

    /// Optimistic tries before an update is built under the draft's lock.
    static let optimisticAttempts = 3

    static let notFound = ValidationErrors(field: nil, message: "Draft order not found", code: "NOT_FOUND")

    /// An update's timeline line, written with the draft.
    private static func updateNote(_ built: BuiltDraft) -> ActivityNote {
        ActivityNote(.updated, detail: totalText(built.draft), at: built.context.now)
    }

    /// What follows an update's write in its transaction: the webhook and held stock.
    private func finishUpdate(_ saved: DraftOrder, _ prepared: PreparedUpdate, shop: ShopID,
                              session: any StoreSession) async throws {
        let built = prepared.built
        try await events.draftOrder(saved, customer: built.customer, to: prepared.subscribers, session: session,
                                    at: built.context.now)
        if prepared.movesHeldStock {
            try await StockKeeper(session: session, shop: shop, now: built.context.now, events: events,
                                  configuration: built.context.configuration)
                .reserve(draft: saved.id, lines: saved.lines, until: saved.reserveInventoryUntil)
        }
    }

    /// Calculates what the input describes without saving anything (`draftOrderCalculate`), from
    /// the shop's settings and prices as they are committed.
    public func calculate(shop: ShopID, _ input: DraftOrderInput) async throws -> DraftOrder {
        try await store.readLatest { session in
            try await build(input, existing: nil, shop: shop, session: session).draft
        }
    }

    /// A new open draft with the same lines, customer, addresses, discounts and details.
    public func duplicate(shop: ShopID, id: DraftOrderID) async throws -> DraftOrder {
        try await store.write { session in
            guard let draft = try await session.draftOrders.draft(shop: shop, id: id, forUpdate: false) else {
                throw ValidationErrors(field: ["id"], message: "Draft order not found", code: "NOT_FOUND")
            }
            return try await insertCopy(of: draft, shop: shop, session: session, origin: "Duplicated from \(draft.name)")
        }
    }

    /// A new open draft with an order's lines, prices, customer, addresses, discounts and
    /// details (`draftOrderCreateFromOrder`): how staff re-order or correct an order.
    public func createFromOrder(shop: ShopID, id: OrderID) async throws -> DraftOrder {
        try await store.write { session in
            guard let order = try await session.orders.order(shop: shop, id: id, forUpdate: false) else {
                throw ValidationErrors(field: ["orderId"], message: "Order does not exist", code: "NOT_FOUND")
            }
            return try await insertCopy(of: order.snapshot, shop: shop, session: session, origin: "Created from order \(order.name)")
        }
    }

    private func insertCopy(of source: DraftOrder, shop: ShopID, session: any StoreSession,
                            origin: String) async throws -> DraftOrder {
        var draft = source
        let now = clock.now()
        draft.status = .open
        draft.invoiceSentAt = nil
        draft.completedAt = nil
        draft.orderID = nil
        draft.reserveInventoryUntil = nil
        draft.createdAt = now
        draft.updatedAt = now
        draft.version = 1
        draft.invoiceToken = invoiceLinks.issue()
        // The copy's lines are new lines, numbered when it is written.
        for index in draft.lines.indices { draft.lines[index].id = DraftOrderLineID(0) }
        draft.metafields = draft.metafields.map { metafield in
            var copy = metafield
            copy.id = MetafieldID(0)
            copy.createdAt = now
            copy.updatedAt = now
            return copy
        }
        let customer = try await draft.customerID.asyncFlatMap { try await session.customers.customer(shop: shop, id: $0) }
        // A copy holds no stock, so nothing after its insert can refuse it: it is written with its number.
        let saved = try await Self.insert(DraftOrderRecord(draft: draft, customer: customer), numbered: true,
                                          note: ActivityNote(.duplicated, detail: origin, at: now), shop: shop, session: session)
        try await events.draftOrder(.draftOrdersCreate, saved, customer: customer, shop: shop, session: session, at: now)
        return saved
    }

    /// "Total $12.50", as a timeline line shows it.
    static func totalText(_ draft: DraftOrder) -> String {
        "Total " + draft.calculation.money(draft.calculation.total).displayString
    }

    /// Deletes the draft; returns false when there is none.
    public func delete(shop: ShopID, id: DraftOrderID) async throws -> Bool {
        try await store.write { session in
            guard try await session.draftOrders.draft(shop: shop, id: id, forUpdate: true) != nil else { return false }
            try await Self.delete([id], shop: shop, session: session, events: events, at: clock.now())
            return true
        }
    }

    /// Deletes drafts the caller has locked, with what belongs to them; held stock goes back.
    static func delete(_ ids: [DraftOrderID], shop: ShopID, session: any StoreSession, events: WebhookEvents,
                       at now: Timestamp) async throws {
        try await StockKeeper(session: session, shop: shop, now: now, events: events).release(drafts: ids)
        for id in ids {
            try await session.metafields.deleteAll(shop: shop, ownerType: metafieldOwner, ownerID: id.rawValue)
            _ = try await session.draftOrders.delete(shop: shop, id: id)
            try await events.draftOrderDeleted(id, shop: shop, session: session, at: now)
        }
    }

    public func draft(shop: ShopID, id: DraftOrderID) async throws -> DraftOrder? {
        try await store.read { try await $0.draftOrders.draft(shop: shop, id: id, forUpdate: false) }
    }

    public func drafts(shop: ShopID, matching query: SearchQuery, sortedBy sort: DraftOrderSortKey,
                       page: PageRequest) async throws -> Page<DraftOrder> {
        try await store.readLatest { try await $0.draftOrders.drafts(shop: shop, matching: query, sortedBy: sort, page: page) }
    }

    /// A page of drafts and their customers by id, read with it: listings that show the customer
    /// spare a second read (on PostgreSQL about a fifth of a search page). Like a page alone, it
    /// needs no snapshot: each draft and each customer is read whole by one statement, and a
    /// customer deleted in between shows as none, as it will on the next read.
    public func draftsWithCustomers(shop: ShopID, matching query: SearchQuery, sortedBy sort: DraftOrderSortKey,
                                    page: PageRequest) async throws -> (page: Page<DraftOrder>, customers: [CustomerID: Customer]) {
        try await store.readLatest { session in
            let drafts = try await session.draftOrders.drafts(shop: shop, matching: query, sortedBy: sort, page: page)
            return (drafts, try await session.customers.customersByID(shop: shop, ids: drafts.items.compactMap(\.customerID)))
        }
    }

    public func count(shop: ShopID, matching query: SearchQuery, limit: Int?) async throws -> Int {
        try await store.read { try await $0.draftOrders.countDrafts(shop: shop, matching: query, limit: limit) }
    }

    public func tag(shop: ShopID, handle: String) async throws -> String? {
        try await store.read { try await $0.draftOrders.tag(shop: shop, handle: handle) }
    }

    /// The shop's shipping rates the draft the input describes qualifies for.
    public func shippingOptions(shop: ShopID, _ input: DraftOrderInput) async throws -> [ShippingOption] {
        try await store.read { session in
            var input = input
            input.shippingLine = .unchanged
            if input.lineItems == nil { input.lineItems = [] }
            let context = try await loadContext(input, existing: nil, shop: shop, session: session)
            var draft: DraftOrder
            switch DraftOrderBuilder(context: context).build(input, existing: nil) {
            case .success(let built): draft = built
            case .failure(let errors):
                // Rates only need the address and the items; other problems are not ours to report here.
                guard !(input.lineItems ?? []).isEmpty else { return [] }
                throw errors
            }
            draft.shippingLine = nil
            return ShippingOptions.available(for: draft, rates: context.configuration.shippingRates)
        }
    }

    /// The shop's shipping rates a draft (saved or calculated) qualifies for.
    public func shippingOptions(shop: ShopID, for draft: DraftOrder) async throws -> [ShippingOption] {
        try await store.read { session in
            let rates = try await session.shops.shippingRates(shop: shop)
            return ShippingOptions.available(for: draft, rates: rates)
        }
    }

    // MARK: Internals shared with the other draft use cases

    static let metafieldOwner = "DraftOrder"

    static func checkEditable(_ draft: DraftOrder, expectedVersion: Int64?) throws {
        if let expectedVersion, expectedVersion != draft.version {
            throw ValidationErrors(
                field: ["expectedVersion"],
                message: "The draft order has changed since version \(expectedVersion); it is now at version "
                    + "\(draft.version). Load it again and reapply your change.",
                code: "STALE")
        }
        if draft.status == .completed {
            throw ValidationErrors(field: nil, message: "This draft order has been completed and can no longer be edited",
                                   code: "INVALID")
        }
    }

    func build(_ input: DraftOrderInput, existing: DraftOrder?, shop: ShopID,
               session: any StoreSession) async throws -> BuiltDraft {
        let context = try await loadContext(input, existing: existing, shop: shop, session: session)
        return BuiltDraft(draft: try DraftOrderBuilder(context: context).build(input, existing: existing).get(), context: context)
    }

    /// Reads, in a few batched queries, everything the builder looks up.
    func loadContext(_ input: DraftOrderInput, existing: DraftOrder?, shop: ShopID,
                     session: any StoreSession) async throws -> DraftBuildContext {
        var context = try await loadLookups(input, shop: shop, session: session)
        try await loadExistingCustomer(into: &context, input, existing: existing, shop: shop, session: session)
        return context
    }

    /// An update that leaves the customer alone keeps the draft's: it is looked up with the draft.
    private func loadExistingCustomer(into context: inout DraftBuildContext, _ input: DraftOrderInput,
                                      existing: DraftOrder?, shop: ShopID, session: any StoreSession) async throws {
        if input.customerID.isUnchanged, let customerID = existing?.customerID {
            context.customer = try await session.customers.customer(shop: shop, id: customerID)
        }
    }

    /// What the input itself points at: the shop's settings, the variants of its lines, the
    /// customer it names. An update's existing customer is looked up with the draft.
    func loadLookups(_ input: DraftOrderInput, shop: ShopID, session: any StoreSession) async throws -> DraftBuildContext {
        let variantIDs = Array(Set((input.lineItems ?? []).compactMap(\.variantID)))
        guard let (configuration, variants) = try await settings.lookups(shop: shop, variants: variantIDs, session: session) else {
            throw ServiceError.unknownShop
        }
        let customer = try await input.customerID.value.asyncFlatMap { try await session.customers.customer(shop: shop, id: $0) }
        return DraftBuildContext(configuration: configuration, variants: variants, customer: customer, now: clock.now())
    }

    /// Whether `insert` and `save` write the record with one atomic repository call: they write
    /// its metafields with another.
    static func isWrittenInOneCall(_ record: DraftOrderRecord) -> Bool {
        record.draft.metafields.isEmpty
    }

    /// Writes a new draft with its first timeline line, numbered or not yet
    /// (`number(_:customer:to:session:at:)` does that): the record was made (and encoded) before
    /// the transaction.
    static func insert(_ record: DraftOrderRecord, numbered: Bool, note: ActivityNote, shop: ShopID,
                       session: any StoreSession) async throws -> DraftOrder {
        var saved = try await session.draftOrders.insert(shop: shop, record, numbered: numbered, note: note)
        if !isWrittenInOneCall(record) {
            saved.metafields = try await session.metafields.save(shop: shop, ownerType: Self.metafieldOwner,
                                                                 ownerID: saved.id.rawValue, record.draft.metafields,
                                                                 at: record.draft.updatedAt)
        }
        return saved
    }

    /// Gives a new draft its number and records its `draft_orders/create`, whose payload names
    /// it: the last writes of a create, after everything that can refuse it (held stock), as a
    /// number taken may not come back (see `assignNumber`).
    func number(_ draft: DraftOrder, customer: Customer?, to subscribers: WebhookSubscribers,
                session: any StoreSession, at now: Timestamp) async throws -> DraftOrder {
        var numbered = draft
        numbered.number = try await session.draftOrders.assignNumber(shop: subscribers.shop, draft: draft.id)
        try await events.draftOrder(numbered, customer: customer, to: subscribers, session: session, at: now)
        return numbered
    }

    /// Writes a changed draft over `previousVersion`, which the caller read under a lock.
    static func save(_ draft: DraftOrder, customer: Customer?, previousVersion: Int64, note: ActivityNote? = nil,
                     shop: ShopID, session: any StoreSession) async throws -> DraftOrder {
        guard let saved = try await save(DraftOrderRecord(draft: draft, customer: customer),
                                         previousVersion: previousVersion, note: note, shop: shop, session: session) else {
            throw ValidationErrors(field: nil, message: "The draft order was changed by someone else; try again", code: "STALE")
        }
        return saved
    }

    /// Writes the record as the version after `previousVersion`, with `note` on its timeline;
    /// nil when the draft is no longer there at that version.
    static func save(_ record: DraftOrderRecord, previousVersion: Int64, note: ActivityNote? = nil, shop: ShopID,
                     session: any StoreSession) async throws -> DraftOrder? {
        guard var saved = try await session.draftOrders.update(shop: shop, record, expectedVersion: previousVersion,
                                                               note: note) else {
            return nil
        }
        let draft = record.draft
        if !isWrittenInOneCall(record) {
            saved.metafields = try await session.metafields.save(
                shop: shop, ownerType: Self.metafieldOwner, ownerID: draft.id.rawValue, draft.metafields, at: draft.updatedAt)
        }
        return saved
    }

    /// Saves a change the caller made to a draft it read under lock, as the next version,
    /// stamped `now`: how completion, invoices and bulk edits change a draft outside the builder.
    static func saveChange(_ draft: DraftOrder, customer: Customer?, at now: Timestamp, shop: ShopID,
                           session: any StoreSession, events: WebhookEvents) async throws -> DraftOrder {
        var changed = draft
        changed.version += 1
        changed.updatedAt = now
        let saved = try await save(changed, customer: customer, previousVersion: draft.version, shop: shop, session: session)
        try await events.draftOrder(.draftOrdersUpdate, saved, customer: customer, shop: shop, session: session, at: now)
        return saved
    }

    /// The name lists sort and search drafts by: the customer's, else the billing or shipping name.
    static func customerName(_ draft: DraftOrder, customer: Customer?) -> String {
        customer?.displayName ?? draft.billingAddress?.name ?? draft.shippingAddress?.name ?? draft.email ?? ""
    }
}

extension Optional {
    public func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

/// What a create read and built before its writes.
private struct PreparedCreate: Sendable {
    let record: DraftOrderRecord
    let built: BuiltDraft
    let stock: [StockRequirement]
    /// How `stock` would be taken, as the levels stood when read.
    let takes: [StockTake]
    let subscribers: WebhookSubscribers
}

/// What an update read and built before its write, and what must follow the write.
private struct PreparedUpdate: Sendable {
    let existing: DraftOrder
    let built: BuiltDraft
    let record: DraftOrderRecord
    let subscribers: WebhookSubscribers
    let movesHeldStock: Bool
}

/// A draft the builder made, with what it looked up to make it.
struct BuiltDraft: Sendable {
    let draft: DraftOrder
    let context: DraftBuildContext

    /// The draft's customer, as looked up; nil when the draft has none.
    var customer: Customer? { draft.customerID == nil ? nil : context.customer }
}
