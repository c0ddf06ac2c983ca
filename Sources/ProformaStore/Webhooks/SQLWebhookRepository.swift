import Foundation
import ProformaCore
import ProformaServices
import SQLKit

struct SQLWebhookRepository: WebhookRepository {
    let context: SQLContext

    private static func subscription(from row: any SQLRow) throws -> WebhookSubscription {
        WebhookSubscription(
            id: WebhookSubscriptionID(try row.int64("id")),
            topic: WebhookTopic(rawValue: try row.string("topic")) ?? .draftOrdersUpdate,
            callbackURL: try row.string("callback_url"), includeFields: try row.json("include_fields", as: [String].self),
            apiVersion: try row.string("api_version"), createdAt: try row.timestamp("created_at"),
            updatedAt: try row.timestamp("updated_at"))
    }

    private static func delivery(from row: any SQLRow) throws -> WebhookDelivery {
        WebhookDelivery(
            id: WebhookDeliveryID(try row.int64("id")), shopID: ShopID(try row.int64("shop_id")),
            subscriptionID: WebhookSubscriptionID(try row.int64("subscription_id")), eventID: try row.int64("event_id"),
            topic: WebhookTopic(rawValue: try row.string("topic")) ?? .draftOrdersUpdate,
            resourceKey: try row.string("resource_key"), webhookID: try row.string("webhook_id"),
            status: WebhookDelivery.Status(rawValue: try row.string("status")) ?? .failed, attempts: try row.int("attempts"),
            nextAttemptAt: try row.timestamp("next_attempt_at"), lockedUntil: try row.optionalTimestamp("locked_until"),
            firstAttemptAt: try row.optionalTimestamp("first_attempt_at"),
            lastStatusCode: try row.optionalInt64("last_status_code").map(Int.init), lastError: try row.optionalString("last_error"),
            deliveredAt: try row.optionalTimestamp("delivered_at"), createdAt: try row.timestamp("created_at"))
    }

    func subscriptions(shop: ShopID, topic: WebhookTopic?) async throws -> [WebhookSubscription] {
        let filter: SQLQueryString = topic.map { " AND topic = \(bind: $0.rawValue)" } ?? ""
        return try await context.all("SELECT * FROM webhook_subscriptions WHERE shop_id = \(bind: shop.rawValue)" + filter
                                     + " ORDER BY id").map(Self.subscription(from:))
    }

    func subscription(shop: ShopID, id: WebhookSubscriptionID) async throws -> WebhookSubscription? {
        try await context.first("""
            SELECT * FROM webhook_subscriptions WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)
            """).map(Self.subscription(from:))
    }

    func insertSubscription(shop: ShopID, _ subscription: WebhookSubscription) async throws -> WebhookSubscription {
        let id = try await context.insertReturningID("""
            INSERT INTO webhook_subscriptions (shop_id, topic, callback_url, include_fields, api_version, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: subscription.topic.rawValue), \(bind: subscription.callbackURL),
                    \(bind: StoredJSON.encode(subscription.includeFields)), \(bind: subscription.apiVersion),
                    \(bind: subscription.createdAt.stored), \(bind: subscription.updatedAt.stored))
            """)
        try await context.settingsChanged(shop)
        var saved = subscription
        saved.id = WebhookSubscriptionID(id)
        return saved
    }

    func updateSubscription(shop: ShopID, _ subscription: WebhookSubscription) async throws {
        try await context.run("""
            UPDATE webhook_subscriptions SET callback_url = \(bind: subscription.callbackURL),
                include_fields = \(bind: StoredJSON.encode(subscription.includeFields)),
                api_version = \(bind: subscription.apiVersion), updated_at = \(bind: subscription.updatedAt.stored)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: subscription.id.rawValue)
            """)
        try await context.settingsChanged(shop)
    }

    func deleteSubscription(shop: ShopID, id: WebhookSubscriptionID) async throws -> Bool {
        let deleted = try await context.first("""
            DELETE FROM webhook_subscriptions WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue) RETURNING id
            """) != nil
        if deleted { try await context.settingsChanged(shop) }
        return deleted
    }

    func publish(shop: ShopID, topic: WebhookTopic, resourceKey: String, payload: String,
                 to subscriptions: [WebhookSubscription], at time: Timestamp) async throws {
        guard !subscriptions.isEmpty else { return }
        let parts = resourceKey.split(separator: "/")
        let event = try await context.insertReturningID("""
            INSERT INTO events (shop_id, topic, subject_type, subject_id, payload, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: topic.rawValue), \(bind: String(parts.first ?? "")),
                    \(bind: Int64(parts.last ?? "") ?? 0), \(bind: payload), \(bind: time.stored))
            """)
        let rows = subscriptions.map { subscription -> SQLQueryString in
            """
            (\(bind: shop.rawValue), \(bind: subscription.id.rawValue), \(bind: event), \(bind: topic.rawValue),
             \(bind: subscription.callbackURL), \(bind: resourceKey), \(bind: UUID().uuidString.lowercased()), 'PENDING', 0,
             \(bind: time.stored), \(bind: time.stored), \(bind: time.stored))
            """
        }
        try await context.run("""
            INSERT INTO webhook_deliveries (shop_id, subscription_id, event_id, topic, endpoint, resource_key, webhook_id,
                                            status, attempts, next_attempt_at, created_at, updated_at)
            VALUES
            """ + rows.joined(separator: ", "))
    }

    func claimDelivery(at time: Timestamp, leaseUntil: Timestamp) async throws -> ClaimedWebhookDelivery? {
        // SQLite runs write transactions one at a time, so the plain subquery is enough there.
        let skipLocked: SQLQueryString = context.kind == .postgres ? " FOR UPDATE OF d SKIP LOCKED" : ""
        let candidate: SQLQueryString = """
            SELECT d.shop_id, d.id FROM webhook_deliveries d
            WHERE d.status = 'PENDING' AND d.next_attempt_at <= \(bind: time.stored)
              AND (d.locked_until IS NULL OR d.locked_until < \(bind: time.stored))
              AND NOT EXISTS (
                SELECT 1 FROM webhook_deliveries e
                WHERE e.status = 'PENDING' AND e.shop_id = d.shop_id AND e.endpoint = d.endpoint
                  AND e.resource_key = d.resource_key AND e.id < d.id)
            ORDER BY d.next_attempt_at, d.id LIMIT 1
            """ + skipLocked
        guard let row = try await context.first("""
            UPDATE webhook_deliveries SET attempts = attempts + 1, locked_until = \(bind: leaseUntil.stored),
                first_attempt_at = COALESCE(first_attempt_at, \(bind: time.stored)), updated_at = \(bind: time.stored)
            WHERE (shop_id, id) = (
            """ + candidate + ") RETURNING *") else { return nil }
        let delivery = try Self.delivery(from: row)
        guard let details = try await context.first("""
            SELECT s.callback_url, s.api_version, s.include_fields, e.payload, e.created_at AS event_created_at,
                   sh.domain, sh.webhook_secret
            FROM webhook_subscriptions s, events e, shops sh
            WHERE s.shop_id = \(bind: delivery.shopID.rawValue) AND s.id = \(bind: delivery.subscriptionID.rawValue)
              AND e.shop_id = s.shop_id AND e.id = \(bind: delivery.eventID) AND sh.id = s.shop_id
            """) else { return nil }
        return ClaimedWebhookDelivery(
            delivery: delivery, callbackURL: try details.string("callback_url"), apiVersion: try details.string("api_version"),
            payload: try details.string("payload"), eventCreatedAt: try details.timestamp("event_created_at"),
            shopDomain: try details.optionalString("domain") ?? "", secret: try details.optionalString("webhook_secret") ?? "",
            includeFields: try details.json("include_fields", as: [String].self))
    }

    func record(_ delivery: WebhookDeliveryID, shop: ShopID, attempt: Int, _ outcome: WebhookAttemptOutcome,
                at time: Timestamp) async throws {
        let change: SQLQueryString
        switch outcome {
        case .delivered(let code):
            change = "status = 'DELIVERED', delivered_at = \(bind: time.stored), last_status_code = \(bind: code), last_error = NULL"
        case .failed(let code, let error, let retryAt?):
            change = "next_attempt_at = \(bind: retryAt.stored), last_status_code = \(bind: code.map(Int64.init)), last_error = \(bind: error)"
        case .failed(let code, let error, nil):
            change = "status = 'FAILED', last_status_code = \(bind: code.map(Int64.init)), last_error = \(bind: error)"
        }
        try await context.run("UPDATE webhook_deliveries SET " + change + """
            , locked_until = NULL, updated_at = \(bind: time.stored)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: delivery.rawValue) AND attempts = \(bind: attempt)
              AND status = 'PENDING'
            """)
    }

    func deliveries(shop: ShopID, subscription: WebhookSubscriptionID?, limit: Int) async throws -> [WebhookDelivery] {
        let filter: SQLQueryString = subscription.map { " AND subscription_id = \(bind: $0.rawValue)" } ?? ""
        return try await context.all("SELECT * FROM webhook_deliveries WHERE shop_id = \(bind: shop.rawValue)" + filter
                                     + " ORDER BY id DESC LIMIT \(literal: limit)").map(Self.delivery(from:))
    }

    func delivery(shop: ShopID, id: WebhookDeliveryID) async throws -> WebhookDelivery? {
        try await context.first("""
            SELECT * FROM webhook_deliveries WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)
            """).map(Self.delivery(from:))
    }

    func pendingCount() async throws -> Int {
        try await context.first("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'PENDING'")?.int("n") ?? 0
    }

    func redeliver(shop: ShopID, id: WebhookDeliveryID, at time: Timestamp) async throws -> Bool {
        try await context.first("""
            UPDATE webhook_deliveries SET status = 'PENDING', next_attempt_at = \(bind: time.stored), locked_until = NULL,
                attempts = 0, first_attempt_at = NULL, updated_at = \(bind: time.stored)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue) AND status <> 'PENDING' RETURNING id
            """) != nil
    }

    func secret(shop: ShopID, creating candidate: String) async throws -> String {
        try await context.run("""
            UPDATE shops SET webhook_secret = \(bind: candidate) WHERE id = \(bind: shop.rawValue) AND webhook_secret IS NULL
            """)
        return try await context.first("SELECT webhook_secret FROM shops WHERE id = \(bind: shop.rawValue)")?
            .optionalString("webhook_secret") ?? candidate
    }
}
