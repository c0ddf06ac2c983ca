import ProformaCore

public typealias WebhookDeliveryID = EntityID<WebhookDelivery>

/// One event on its way to one subscription, with its delivery log.
public struct WebhookDelivery: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case pending = "PENDING"
        case delivered = "DELIVERED"
        case failed = "FAILED"
    }

    public var id: WebhookDeliveryID
    public var shopID: ShopID
    public var subscriptionID: WebhookSubscriptionID
    public var eventID: Int64
    public var topic: WebhookTopic
    /// The resource the event is about (`draft_order/12`): its events go out in order.
    public var resourceKey: String
    /// The same on every attempt of this delivery (`X-Shopify-Webhook-Id`).
    public var webhookID: String
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Timestamp
    /// Set while a worker is sending it.
    public var lockedUntil: Timestamp?
    public var firstAttemptAt: Timestamp?
    public var lastStatusCode: Int?
    public var lastError: String?
    public var deliveredAt: Timestamp?
    public var createdAt: Timestamp

    public init(id: WebhookDeliveryID, shopID: ShopID, subscriptionID: WebhookSubscriptionID, eventID: Int64,
                topic: WebhookTopic, resourceKey: String, webhookID: String, status: Status, attempts: Int,
                nextAttemptAt: Timestamp, lockedUntil: Timestamp? = nil, firstAttemptAt: Timestamp?, lastStatusCode: Int?,
                lastError: String?,
                deliveredAt: Timestamp?, createdAt: Timestamp) {
        self.id = id
        self.shopID = shopID
        self.subscriptionID = subscriptionID
        self.eventID = eventID
        self.topic = topic
        self.resourceKey = resourceKey
        self.webhookID = webhookID
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lockedUntil = lockedUntil
        self.firstAttemptAt = firstAttemptAt
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.deliveredAt = deliveredAt
        self.createdAt = createdAt
    }
}

/// A delivery claimed by a worker, with what it needs to make the request.
public struct ClaimedWebhookDelivery: Sendable {
    public var delivery: WebhookDelivery
    public var callbackURL: String
    public var apiVersion: String
    /// The event's body, the resource's REST JSON when it changed.
    public var payload: String
    public var eventCreatedAt: Timestamp
    public var shopDomain: String
    public var secret: String
    /// The subscription's `includeFields`; empty sends the whole payload.
    public var includeFields: [String]

    public init(delivery: WebhookDelivery, callbackURL: String, apiVersion: String, payload: String,
                eventCreatedAt: Timestamp, shopDomain: String, secret: String, includeFields: [String]) {
        self.includeFields = includeFields
        self.delivery = delivery
        self.callbackURL = callbackURL
        self.apiVersion = apiVersion
        self.payload = payload
        self.eventCreatedAt = eventCreatedAt
        self.shopDomain = shopDomain
        self.secret = secret
    }
}

/// What happened to one attempt.
public enum WebhookAttemptOutcome: Sendable, Hashable {
    case delivered(statusCode: Int)
    /// Not delivered; tried again at `retryAt`, or given up when nil.
    case failed(statusCode: Int?, error: String, retryAt: Timestamp?)
}

/// Subscriptions, the events outbox and deliveries.
///
/// Invariants the implementation keeps: a delivery is claimed by one worker at a time (on
/// PostgreSQL `FOR UPDATE SKIP LOCKED`; SQLite has one writer), and never while an earlier
/// delivery of the same resource to the same endpoint is still pending.
public protocol WebhookRepository {
    func subscriptions(shop: ShopID, topic: WebhookTopic?) async throws -> [WebhookSubscription]
    func subscription(shop: ShopID, id: WebhookSubscriptionID) async throws -> WebhookSubscription?
    func insertSubscription(shop: ShopID, _ subscription: WebhookSubscription) async throws -> WebhookSubscription
    func updateSubscription(shop: ShopID, _ subscription: WebhookSubscription) async throws
    func deleteSubscription(shop: ShopID, id: WebhookSubscriptionID) async throws -> Bool

    /// Records the event and a pending delivery of it for each subscription.
    func publish(shop: ShopID, topic: WebhookTopic, resourceKey: String, payload: String,
                 to subscriptions: [WebhookSubscription], at time: Timestamp) async throws
    func claimDelivery(at time: Timestamp, leaseUntil: Timestamp) async throws -> ClaimedWebhookDelivery?
    /// Records the outcome of attempt number `attempt`; ignored when the delivery has moved on
    /// since (its lease ran out and another worker took it, or it was redelivered).
    func record(_ delivery: WebhookDeliveryID, shop: ShopID, attempt: Int, _ outcome: WebhookAttemptOutcome,
                at time: Timestamp) async throws
    func deliveries(shop: ShopID, subscription: WebhookSubscriptionID?, limit: Int) async throws -> [WebhookDelivery]
    func delivery(shop: ShopID, id: WebhookDeliveryID) async throws -> WebhookDelivery?
    /// Deliveries not yet delivered nor given up, in every shop.
    func pendingCount() async throws -> Int
    /// Queues a delivered or failed delivery again now, with the same webhook id; false for one
    /// still pending (it is on its way already).
    func redeliver(shop: ShopID, id: WebhookDeliveryID, at time: Timestamp) async throws -> Bool

    /// The shop's signing secret, made and stored on first use.
    func secret(shop: ShopID, creating: String) async throws -> String
}
