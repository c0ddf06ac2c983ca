import ProformaCore
import Synchronization

/// How a draft is to be completed.
public struct CompletionRequest: Sendable, Hashable {
    /// The gateway that took (or will take) the money; nil records the payment as `manual`.
    public var paymentGatewayID: PaymentGatewayID?
    /// Place the order without payment: it is payment-pending (as it is for drafts with terms).
    public var paymentPending: Bool
    public var sourceName: String?
    /// What the customer pays with; staff completing a draft record a manual payment.
    public var payment: PaymentMethod
    /// Names this attempt: a retry with the same key charges nothing more.
    public var idempotencyKey: String?
    /// The draft version the payer saw; a draft edited since is refused, never charged.
    public var expectedVersion: Int64?

    public init(paymentGatewayID: PaymentGatewayID? = nil, paymentPending: Bool = false, sourceName: String? = nil,
                payment: PaymentMethod = .manual, idempotencyKey: String? = nil, expectedVersion: Int64? = nil) {
        self.paymentGatewayID = paymentGatewayID
        self.paymentPending = paymentPending
        self.sourceName = sourceName
        self.payment = payment
        self.idempotencyKey = idempotencyKey
        self.expectedVersion = expectedVersion
    }
}

/// A completed draft and the order it became.
public struct Completion: Sendable, Hashable {
    public var draft: DraftOrder
    public var order: Order
    /// The draft had been completed before this call, which changed nothing.
    public var wasAlreadyCompleted: Bool
}

/// Placing orders from drafts, and reading and paying them.
public struct OrderService: Sendable {
    let store: any Store
    let clock: any WallClock
    let settings: ShopConfigurationCache
    let gateways: PaymentGateways
    let events: WebhookEvents

    init(store: any Store, clock: any WallClock, settings: ShopConfigurationCache, gateways: PaymentGateways = PaymentGateways(),
         events: WebhookEvents) {
        self.store = store
        self.clock = clock
        self.settings = settings
        self.gateways = gateways
        self.events = events
    }

    /// Turns the draft into an order, once: the draft is locked first, so any number of
    /// concurrent or repeated calls make one order and one charge, and every later call gets
    /// that order back. Stock is committed and the payment taken in the same transaction, so
    /// a refused payment or a missing unit leaves everything as it was.
    public func complete(shop: ShopID, draft id: DraftOrderID, _ request: CompletionRequest) async throws -> Completion {
        // A write the store runs again (see `Store`) must charge the version the first attempt
        // charged, under the same key, or refuse: an edit that lands in between is stale.
        let version = Mutex<Int64?>(request.expectedVersion)
        return try await store.write { session in
            guard var draft = try await session.draftOrders.draft(shop: shop, id: id, forUpdate: true) else {
                throw ValidationErrors(field: ["id"], message: "Draft order not found", code: "NOT_FOUND")
            }
            if draft.status == .completed {
                guard let order = try await session.orders.order(shop: shop, draft: id) else {
                    throw ValidationErrors(field: ["id"], message: "This draft order has been completed", code: "INVALID")
                }
                return Completion(draft: draft, order: order, wasAlreadyCompleted: true)
            }
            if let expected = version.withLock({ $0 }), expected != draft.version {
                throw ValidationErrors(field: nil, message: "The order was changed while you were paying. Check the new total "
                                       + "and pay again.", code: "STALE")
            }
            guard !draft.lines.isEmpty else {
                throw ValidationErrors(field: ["lineItems"], message: "Add at least one line item before completing the draft order",
                                       code: "INVALID")
            }
            version.withLock { $0 = draft.version }
            let now = clock.now()
            let gateway = try await chooseGateway(request.paymentGatewayID, shop: shop, session: session)
            try await StockKeeper(session: session, shop: shop, now: now, events: events).commit(draft: id, lines: draft.lines)

            let pending = request.paymentPending || draft.paymentTerms != nil
            var transactions: [OrderTransaction] = []
            if !pending {
                transactions.append(try await charge(draft, gateway: gateway, request: request, at: now))
            }
            let number = try await session.orders.nextNumber(shop: shop)
            let customer = try await draft.customerID.asyncFlatMap { try await session.customers.customer(shop: shop, id: $0) }
            let order = Order(id: OrderID(0), number: number, draftOrderID: id, financialStatus: pending ? .pending : .paid,
                              sourceName: request.sourceName ?? draft.sourceName ?? "shopify_draft_order", snapshot: draft,
                              transactions: transactions, createdAt: now, updatedAt: now)
            let saved = try await session.orders.insert(
                shop: shop, OrderRecord(order: order, customerName: DraftOrderService.customerName(draft, customer: customer)))

            draft.status = .completed
            draft.completedAt = now
            draft.orderID = saved.id.rawValue
            let completed = try await DraftOrderService.saveChange(draft, customer: customer, at: now, shop: shop, session: session,
                                                                   events: events)
            try await events.order(pending ? [.ordersCreate] : [.ordersCreate, .ordersPaid], saved, customer: customer,
                                   shop: shop, session: session, at: now)
            let outcome = pending ? "payment pending" : "paid through \(gateway.name)"
            try await session.recordActivity(.completed, on: .draftOrder(id), detail: "Order \(saved.name), \(outcome)",
                                             shop: shop, at: now)
            try await session.recordActivity(.created, on: .order(saved.id), detail: "From draft \(draft.name), \(outcome)",
                                             shop: shop, at: now)
            return Completion(draft: completed, order: saved, wasAlreadyCompleted: false)
        }
    }

    /// The named gateway, or the built-in manual one.
    private func chooseGateway(_ id: PaymentGatewayID?, shop: ShopID, session: any StoreSession) async throws -> any PaymentGateway {
        guard let id else { return ManualGateway(account: PaymentGatewayAccount(name: "manual", kind: .manual)) }
        guard let configuration = try await settings.configuration(shop: shop, session: session) else {
            throw ServiceError.unknownShop
        }
        guard let account = configuration.paymentGateways.first(where: { $0.id == id }) else {
            throw ValidationErrors(field: nil, message: "Invalid payment gateway", code: "INVALID")
        }
        return gateways.gateway(for: account)
    }

    /// Charges the draft's total; a refusal throws, rolling back the whole completion.
    private func charge(_ draft: DraftOrder, gateway: any PaymentGateway, request: CompletionRequest,
                        at now: Timestamp) async throws -> OrderTransaction {
        let amount = Money(minorUnits: draft.calculation.total, currency: draft.presentmentCurrency)
        let key = request.idempotencyKey ?? "draft-\(draft.id.rawValue)-v\(draft.version)"
        switch try await gateway.charge(PaymentRequest(amount: amount, method: request.payment, idempotencyKey: key)) {
        case .succeeded(let code):
            return OrderTransaction(id: OrderTransactionID(0), kind: .sale, status: .success, gateway: gateway.name,
                                    amount: amount, isTest: gateway.isTest, authorizationCode: code, idempotencyKey: key,
                                    createdAt: now)
        case .declined(let message):
            throw ValidationErrors(field: ["payment"], message: message, code: "PAYMENT_DECLINED")
        case .failed(let message):
            throw ValidationErrors(field: ["payment"], message: message, code: "PAYMENT_FAILED")
        }
    }

    /// Records the rest of a pending order's total as received by hand (`orderMarkAsPaid`).
    public func markAsPaid(shop: ShopID, id: OrderID) async throws -> Order {
        try await store.write { session in
            guard var order = try await session.orders.order(shop: shop, id: id, forUpdate: true) else {
                throw ValidationErrors(field: ["input", "id"], message: "Order does not exist", code: "NOT_FOUND")
            }
            guard order.financialStatus != .paid, order.totalOutstanding > 0 else {
                throw ValidationErrors(field: ["input", "id"], message: "Order cannot be marked as paid", code: "INVALID")
            }
            let now = clock.now()
            let transaction = OrderTransaction(
                id: OrderTransactionID(0), kind: .sale, status: .success, gateway: "manual",
                amount: Money(minorUnits: order.totalOutstanding, currency: order.snapshot.presentmentCurrency),
                isTest: false, authorizationCode: nil, idempotencyKey: nil, createdAt: now)
            order.transactions.append(try await session.orders.addTransaction(
                shop: shop, order: id, transaction, financialStatus: .paid, at: now))
            order.financialStatus = .paid
            order.updatedAt = now
            let customer = try await order.snapshot.customerID.asyncFlatMap { try await session.customers.customer(shop: shop, id: $0) }
            try await events.order([.ordersPaid, .ordersUpdated], order, customer: customer, shop: shop, session: session, at: now)
            try await session.recordActivity(.markedAsPaid, on: .order(id), detail: transaction.amount.displayString,
                                             shop: shop, at: now)
            return order
        }
    }

    /// The order a completed draft became.
    public func order(shop: ShopID, draft id: DraftOrderID) async throws -> Order? {
        try await store.read { try await $0.orders.order(shop: shop, draft: id) }
    }

    public func order(shop: ShopID, id: OrderID) async throws -> Order? {
        try await store.read { try await $0.orders.order(shop: shop, id: id, forUpdate: false) }
    }

    public func orders(shop: ShopID, matching query: SearchQuery, sortedBy sort: OrderSortKey,
                       page: PageRequest) async throws -> Page<Order> {
        try await store.read { try await $0.orders.orders(shop: shop, matching: query, sortedBy: sort, page: page) }
    }

    public func count(shop: ShopID, matching query: SearchQuery, limit: Int?) async throws -> Int {
        try await store.read { try await $0.orders.countOrders(shop: shop, matching: query, limit: limit) }
    }
}
