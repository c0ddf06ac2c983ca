/// A change an integration can subscribe to, with Shopify's topic names: `draft_orders/create`
/// on REST, `DRAFT_ORDERS_CREATE` on GraphQL.
public enum WebhookTopic: String, Sendable, Hashable, CaseIterable, Codable {
    case draftOrdersCreate = "draft_orders/create"
    case draftOrdersUpdate = "draft_orders/update"
    case draftOrdersDelete = "draft_orders/delete"
    case ordersCreate = "orders/create"
    case ordersPaid = "orders/paid"
    case ordersUpdated = "orders/updated"
    case inventoryLevelsUpdate = "inventory_levels/update"

    /// The GraphQL enum value: `DRAFT_ORDERS_CREATE`.
    public var graphQLName: String {
        String(rawValue.uppercased().map { $0 == "/" ? "_" : $0 })
    }

    public init?(graphQLName: String) {
        guard let topic = Self.allCases.first(where: { $0.graphQLName == graphQLName }) else { return nil }
        self = topic
    }

    /// The scope a subscriber needs to learn of these changes.
    public var requiredScope: AccessScope {
        switch self {
        case .draftOrdersCreate, .draftOrdersUpdate, .draftOrdersDelete: .readDraftOrders
        case .ordersCreate, .ordersPaid, .ordersUpdated: .readOrders
        case .inventoryLevelsUpdate: .readInventory
        }
    }
}

public typealias WebhookSubscriptionID = EntityID<WebhookSubscription>

/// Where a shop wants a topic's events POSTed.
public struct WebhookSubscription: Sendable, Hashable {
    public var id: WebhookSubscriptionID
    public var topic: WebhookTopic
    /// An `http` or `https` URL.
    public var callbackURL: String
    /// Top-level keys of the payload to keep; empty keeps all.
    public var includeFields: [String]
    public var apiVersion: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: WebhookSubscriptionID, topic: WebhookTopic, callbackURL: String, includeFields: [String],
                apiVersion: String, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id
        self.topic = topic
        self.callbackURL = callbackURL
        self.includeFields = includeFields
        self.apiVersion = apiVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// When a delivery that failed is tried again: exponential backoff from 10 seconds, at most 6
/// hours apart, for up to 48 hours after the first attempt, as Shopify retries (about 19 tries).
public enum WebhookRetrySchedule {
    public static let firstDelay: Int64 = 10
    public static let longestDelay: Int64 = 6 * 3600
    public static let giveUpAfter: Int64 = 48 * 3600

    /// Seconds to wait after failed attempt number `attempt` (1 for the first), or nil once the
    /// next try would fall past the 48 hours since `firstAttemptAt`.
    public static func delay(afterAttempt attempt: Int, firstAttemptAt: Timestamp, now: Timestamp) -> Int64? {
        let exponent = min(max(attempt - 1, 0), 20)
        let delay = min(firstDelay << Int64(exponent), longestDelay)
        let elapsed = (now.millisecondsSince1970 - firstAttemptAt.millisecondsSince1970) / 1000
        return elapsed + delay > giveUpAfter ? nil : delay
    }
}
