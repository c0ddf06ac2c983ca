import Foundation
import ProformaCore

/// Renders a resource as its REST JSON, the body of the webhooks about it. The REST adapter
/// implements it, so that a webhook carries exactly what `GET …/draft_orders/{id}.json` would.
public protocol WebhookPayloadRenderer: Sendable {
    func draftOrder(_ draft: DraftOrder, customer: Customer?, invoiceURL: String?) -> String
    func order(_ order: Order, customer: Customer?) -> String
    func inventoryLevel(_ level: InventoryLevel) -> String
}

/// Records the webhooks a change causes, inside the change's own transaction: the change and
/// its events commit or roll back together, so a webhook is never sent for a change that did
/// not happen, nor lost for one that did.
public struct WebhookEvents: Sendable {
    let renderer: any WebhookPayloadRenderer
    let links: InvoiceLinks

    func publish(_ topic: WebhookTopic, resourceKey: String, shop: ShopID, session: any StoreSession, at now: Timestamp,
                 payload: () -> String) async throws {
        try await publish(await subscribers(of: topic, shop: shop, session: session), resourceKey: resourceKey,
                          session: session, at: now, payload: payload)
    }

    /// Who gets `topic`, looked up ahead of the write whose event it is, so that nothing waits
    /// for the database while the write's locks (held stock, SQLite's draft counter) are held.
    func subscribers(of topic: WebhookTopic, shop: ShopID, session: any StoreSession) async throws -> WebhookSubscribers {
        WebhookSubscribers(topic: topic, shop: shop, subscriptions: try await session.webhooks.subscriptions(shop: shop, topic: topic))
    }

    /// Who gets `topic`, from the settings the caller's change was built from: every change to a
    /// subscription moves the settings version, so each subscription committed before those
    /// settings were read is among them. (The query above can miss one committed after it ran
    /// and before the change commits; this widens that window by the change's build.)
    func subscribers(of topic: WebhookTopic, in configuration: ShopConfiguration) -> WebhookSubscribers {
        WebhookSubscribers(topic: topic, shop: configuration.shop.id,
                           subscriptions: configuration.webhookSubscriptions.filter { $0.topic == topic })
    }

    func publish(_ subscribers: WebhookSubscribers, resourceKey: String, session: any StoreSession, at now: Timestamp,
                 payload: () -> String) async throws {
        guard !subscribers.subscriptions.isEmpty else { return }
        try await session.webhooks.publish(shop: subscribers.shop, topic: subscribers.topic, resourceKey: resourceKey,
                                           payload: payload(), to: subscribers.subscriptions, at: now)
    }

    func draftOrder(_ topic: WebhookTopic, _ draft: DraftOrder, customer: Customer?, shop: ShopID,
                    session: any StoreSession, at now: Timestamp) async throws {
        try await draftOrder(draft, customer: customer, to: await subscribers(of: topic, shop: shop, session: session),
                             session: session, at: now)
    }

    func draftOrder(_ draft: DraftOrder, customer: Customer?, to subscribers: WebhookSubscribers,
                    session: any StoreSession, at now: Timestamp) async throws {
        try await publish(subscribers, resourceKey: "draft_order/\(draft.id.rawValue)", session: session, at: now) {
            renderer.draftOrder(draft, customer: customer,
                                invoiceURL: draft.invoiceToken.flatMap { links.url(shop: subscribers.shop, token: $0) })
        }
    }

    /// `draft_orders/delete` carries only the id, as Shopify's does.
    func draftOrderDeleted(_ id: DraftOrderID, shop: ShopID, session: any StoreSession, at now: Timestamp) async throws {
        try await publish(.draftOrdersDelete, resourceKey: "draft_order/\(id.rawValue)", shop: shop, session: session, at: now) {
            #"{"id":\#(id.rawValue)}"#
        }
    }

    /// `inventory_levels/update` for each level of `before` whose `available` is not what it was.
    func inventoryLevels(changedFrom before: [InventoryLevel], shop: ShopID, session: any StoreSession,
                         at now: Timestamp) async throws {
        guard !before.isEmpty else { return }
        try await inventoryLevels(changedFrom: before, to: await subscribers(of: .inventoryLevelsUpdate, shop: shop, session: session),
                                  session: session, at: now)
    }

    /// The same, to subscribers the caller looked up before it locked the levels. With none, the
    /// levels are not read again: the caller holds their locks until commit.
    func inventoryLevels(changedFrom before: [InventoryLevel], to subscribers: WebhookSubscribers,
                         session: any StoreSession, at now: Timestamp) async throws {
        guard !before.isEmpty, !subscribers.subscriptions.isEmpty else { return }
        let shop = subscribers.shop
        let was = Dictionary(before.map { ("\($0.itemID.rawValue)-\($0.locationID.rawValue)", $0.available) },
                             uniquingKeysWith: { first, _ in first })
        for level in try await session.inventory.levels(shop: shop, items: Array(Set(before.map(\.itemID)))) {
            let key = "\(level.itemID.rawValue)-\(level.locationID.rawValue)"
            guard let available = was[key], available != level.available else { continue }
            try await publish(subscribers, resourceKey: "inventory_level/\(key)", session: session, at: now) {
                renderer.inventoryLevel(level)
            }
        }
    }

    func order(_ topics: [WebhookTopic], _ order: Order, customer: Customer?, shop: ShopID,
               session: any StoreSession, at now: Timestamp) async throws {
        for topic in topics {
            try await publish(topic, resourceKey: "order/\(order.id.rawValue)", shop: shop, session: session, at: now) {
                renderer.order(order, customer: customer)
            }
        }
    }
}

/// Subscriptions, the delivery log and redelivery.
public struct WebhookService: Sendable {
    let store: any Store
    let clock: any WallClock
    /// The API version subscriptions speak when they name none.
    public static let defaultAPIVersion = "2025-07"

    public init(store: any Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    public struct SubscriptionInput: Sendable {
        public var topic: WebhookTopic?
        public var callbackURL: String?
        public var includeFields: [String]?
        public var apiVersion: String?

        public init(topic: WebhookTopic? = nil, callbackURL: String? = nil, includeFields: [String]? = nil,
                    apiVersion: String? = nil) {
            self.topic = topic
            self.callbackURL = callbackURL
            self.includeFields = includeFields
            self.apiVersion = apiVersion
        }
    }

    public func subscriptions(shop: ShopID, topic: WebhookTopic? = nil) async throws -> [WebhookSubscription] {
        try await store.read { try await $0.webhooks.subscriptions(shop: shop, topic: topic) }
    }

    public func subscription(shop: ShopID, id: WebhookSubscriptionID) async throws -> WebhookSubscription? {
        try await store.read { try await $0.webhooks.subscription(shop: shop, id: id) }
    }

    public func create(shop: ShopID, _ input: SubscriptionInput) async throws -> WebhookSubscription {
        var errors = ValidationErrors()
        if input.topic == nil { errors.add(["topic"], "Topic can't be blank", code: "BLANK") }
        let url = Self.validatedURL(input.callbackURL, errors: &errors)
        try errors.throwIfAny()
        let now = clock.now()
        let subscription = WebhookSubscription(
            id: WebhookSubscriptionID(0), topic: input.topic!, callbackURL: url!, includeFields: input.includeFields ?? [],
            apiVersion: input.apiVersion ?? Self.defaultAPIVersion, createdAt: now, updatedAt: now)
        let secret = RandomToken.hex(bytes: 32)
        return try await store.write { session in
            // Deliveries are signed from the first one on.
            _ = try await session.webhooks.secret(shop: shop, creating: secret)
            if try await session.webhooks.subscriptions(shop: shop, topic: subscription.topic)
                .contains(where: { $0.callbackURL == subscription.callbackURL }) {
                throw ValidationErrors(field: ["callbackUrl"], message: "Address for this topic has already been taken", code: "TAKEN")
            }
            return try await session.webhooks.insertSubscription(shop: shop, subscription)
        }
    }

    /// Changes the address, fields or version; the topic stays.
    public func update(shop: ShopID, id: WebhookSubscriptionID, _ input: SubscriptionInput) async throws -> WebhookSubscription {
        var errors = ValidationErrors()
        let url = input.callbackURL == nil ? nil : Self.validatedURL(input.callbackURL, errors: &errors)
        try errors.throwIfAny()
        return try await store.write { session in
            guard var subscription = try await session.webhooks.subscription(shop: shop, id: id) else {
                throw ValidationErrors(field: ["id"], message: "Webhook subscription does not exist", code: "NOT_FOUND")
            }
            if let url { subscription.callbackURL = url }
            if let fields = input.includeFields { subscription.includeFields = fields }
            if let version = input.apiVersion { subscription.apiVersion = version }
            subscription.updatedAt = clock.now()
            try await session.webhooks.updateSubscription(shop: shop, subscription)
            return subscription
        }
    }

    public func delete(shop: ShopID, id: WebhookSubscriptionID) async throws -> Bool {
        try await store.write { try await $0.webhooks.deleteSubscription(shop: shop, id: id) }
    }

    /// The newest deliveries first, with their attempts, last answer and next try.
    public func deliveries(shop: ShopID, subscription: WebhookSubscriptionID? = nil, limit: Int = 50) async throws -> [WebhookDelivery] {
        try await store.read { try await $0.webhooks.deliveries(shop: shop, subscription: subscription, limit: min(max(limit, 1), 250)) }
    }

    /// Sends a delivered or failed delivery again, with the same webhook id.
    public func redeliver(shop: ShopID, id: WebhookDeliveryID) async throws -> WebhookDelivery {
        try await store.write { session in
            guard try await session.webhooks.delivery(shop: shop, id: id) != nil else {
                throw ValidationErrors(field: ["id"], message: "Webhook delivery does not exist", code: "NOT_FOUND")
            }
            guard try await session.webhooks.redeliver(shop: shop, id: id, at: clock.now()),
                  let delivery = try await session.webhooks.delivery(shop: shop, id: id) else {
                throw ValidationErrors(field: ["id"], message: "Webhook delivery is still on its way", code: "INVALID")
            }
            return delivery
        }
    }

    /// The key webhooks of the shop are signed with (`X-Shopify-Hmac-Sha256`), made on first use.
    public func secret(shop: ShopID) async throws -> String {
        let candidate = RandomToken.hex(bytes: 32)
        return try await store.write { try await $0.webhooks.secret(shop: shop, creating: candidate) }
    }

    static func validatedURL(_ text: String?, errors: inout ValidationErrors) -> String? {
        let trimmed = text?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty, trimmed.count <= 2048 else {
            errors.add(["callbackUrl"], "Address is invalid: use an http or https URL", code: "INVALID")
            return nil
        }
        return trimmed
    }
}

/// The subscriptions to one topic of one shop, as `WebhookEvents.subscribers(of:…)` found them.
struct WebhookSubscribers: Sendable {
    let topic: WebhookTopic
    let shop: ShopID
    let subscriptions: [WebhookSubscription]
}
