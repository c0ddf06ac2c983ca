import HTTPTypes
import ProformaCore
import ProformaServices

/// `webhooks.json`: subscriptions in Shopify's REST dialect.
struct WebhookREST {
    let services: Services

    func addRoutes(to routes: RESTRoutes) {
        routes.get("webhooks.json") { rest in
            var subscriptions = try await readable(rest)
            if let topic = rest.query["topic"] { subscriptions.removeAll { $0.topic.rawValue != topic } }
            if let address = rest.query["address"] { subscriptions.removeAll { $0.callbackURL != address } }
            let fields = rest.fields
            return RESTResponse(body: ["webhooks": .array(subscriptions.map { .object(Self.webhook($0).only(fields)) })])
        }
        routes.get("webhooks/count.json") { rest in
            var subscriptions = try await readable(rest)
            if let topic = rest.query["topic"] { subscriptions.removeAll { $0.topic.rawValue != topic } }
            return RESTResponse(body: ["count": .int(Int64(subscriptions.count))])
        }
        routes.get("webhooks/{id}.json") { rest in
            RESTResponse(body: ["webhook": .object(Self.webhook(try await subscription(rest)).only(rest.fields))])
        }
        routes.post("webhooks.json") { rest in
            let object = try rest.object("webhook")
            let topic = try object["topic"]?.stringValue.map { name in
                guard let topic = WebhookTopic(rawValue: name) else {
                    throw RESTError(status: .unprocessableContent, message: ["topic": ["Invalid topic specified: \(name)"]])
                }
                return topic
            }
            if let topic { try rest.require(topic.requiredScope) }
            let created = try await services.webhooks.create(shop: rest.shopID, Self.input(object, topic: topic))
            return RESTResponse(status: .created, body: ["webhook": .object(Self.webhook(created))])
        }
        routes.put("webhooks/{id}.json") { rest in
            let id = try await subscription(rest).id
            let updated = try await services.webhooks.update(shop: rest.shopID, id: id, Self.input(try rest.object("webhook"), topic: nil))
            return RESTResponse(body: ["webhook": .object(Self.webhook(updated))])
        }
        routes.delete("webhooks/{id}.json") { rest in
            guard try await services.webhooks.delete(shop: rest.shopID, id: try await subscription(rest).id) else {
                throw RESTError.notFound
            }
            return RESTResponse(body: [:])
        }
    }

    /// The shop's subscriptions to topics this token may read: a token sees and changes only
    /// what it could subscribe to itself.
    private func readable(_ rest: RESTRequest) async throws -> [WebhookSubscription] {
        try await services.webhooks.subscriptions(shop: rest.shopID).filter { rest.scopes.allows($0.topic.requiredScope) }
    }

    private func subscription(_ rest: RESTRequest) async throws -> WebhookSubscription {
        guard let found = try await services.webhooks.subscription(shop: rest.shopID, id: WebhookSubscriptionID(try rest.id())) else {
            throw RESTError.notFound
        }
        try rest.require(found.topic.requiredScope)
        return found
    }

    static func input(_ object: [String: JSONValue], topic: WebhookTopic?) -> WebhookService.SubscriptionInput {
        let fields: [String]? = switch object["fields"] {
        case .array(let items)?: items.compactMap(\.stringValue)
        default: nil
        }
        return WebhookService.SubscriptionInput(topic: topic, callbackURL: object["address"]?.stringValue, includeFields: fields,
                                                apiVersion: object["api_version"]?.stringValue)
    }

    static func webhook(_ subscription: WebhookSubscription) -> RESTObject {
        [
            "id": .int(subscription.id.rawValue), "address": .string(subscription.callbackURL),
            "topic": .string(subscription.topic.rawValue), "created_at": .time(subscription.createdAt),
            "updated_at": .time(subscription.updatedAt), "format": "json",
            "fields": .array(subscription.includeFields.map(RESTValue.string)), "metafield_namespaces": [],
            "api_version": .string(subscription.apiVersion), "private_metafield_namespaces": [],
            "admin_graphql_api_id": RESTShapes.gid("WebhookSubscription", subscription.id.rawValue),
        ]
    }
}
