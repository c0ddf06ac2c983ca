import ProformaCore
import ProformaServices

/// Webhook subscriptions in the Admin schema: `webhookSubscriptionCreate`, `…Update`,
/// `…Delete`, `webhookSubscription(s)` and `webhookSubscriptionsCount`.
enum WebhookSchema {
    static var sdl: String {
        """
        enum WebhookSubscriptionTopic { \(WebhookTopic.allCases.map(\.graphQLName).joined(separator: " ")) }
        enum WebhookSubscriptionFormat { JSON XML }

        type WebhookHttpEndpoint {
          callbackUrl: URL!
        }

        union WebhookSubscriptionEndpoint = WebhookHttpEndpoint

        type WebhookSubscription implements Node {
          id: ID!
          legacyResourceId: UnsignedInt64!
          topic: WebhookSubscriptionTopic!
          format: WebhookSubscriptionFormat!
          includeFields: [String!]!
          metafieldNamespaces: [String!]!
          apiVersion: ApiVersion!
          callbackUrl: URL!
          uri: String!
          endpoint: WebhookSubscriptionEndpoint!
          createdAt: DateTime!
          updatedAt: DateTime!
        }

        type ApiVersion {
          handle: String!
          displayName: String!
          supported: Boolean!
        }

        type WebhookSubscriptionConnection {
          edges: [WebhookSubscriptionEdge!]!
          nodes: [WebhookSubscription!]!
          pageInfo: PageInfo!
        }

        type WebhookSubscriptionEdge {
          cursor: String!
          node: WebhookSubscription!
        }

        input WebhookSubscriptionInput {
          callbackUrl: URL
          uri: String
          format: WebhookSubscriptionFormat
          includeFields: [String!]
          metafieldNamespaces: [String!]
        }

        type WebhookSubscriptionCreatePayload {
          webhookSubscription: WebhookSubscription
          userErrors: [UserError!]!
        }

        type WebhookSubscriptionUpdatePayload {
          webhookSubscription: WebhookSubscription
          userErrors: [UserError!]!
        }

        "Proforma's own: one event on its way to one subscription, with its attempts."
        type WebhookDelivery implements Node {
          id: ID!
          webhookId: String!
          topic: WebhookSubscriptionTopic!
          status: WebhookDeliveryStatus!
          attempts: Int!
          lastResponseCode: Int
          lastError: String
          nextAttemptAt: DateTime
          deliveredAt: DateTime
          createdAt: DateTime!
          subscriptionId: ID!
        }

        enum WebhookDeliveryStatus { PENDING DELIVERED FAILED }

        type WebhookDeliveryRedeliverPayload {
          webhookDelivery: WebhookDelivery
          userErrors: [UserError!]!
        }

        type WebhookSubscriptionDeletePayload {
          deletedWebhookSubscriptionId: ID
          userErrors: [UserError!]!
        }
        """
    }

    static let queries = """
          webhookSubscription(id: ID!): WebhookSubscription
          webhookSubscriptions(first: Int, after: String, last: Int, before: String, reverse: Boolean = false,
                               topics: [WebhookSubscriptionTopic!], callbackUrl: URL, uri: String): WebhookSubscriptionConnection!
          webhookSubscriptionsCount(query: String, limit: Int = 10000): Count
          webhookDeliveries(subscriptionId: ID, first: Int = 50): [WebhookDelivery!]!
        """

    static let mutations = """
          webhookSubscriptionCreate(topic: WebhookSubscriptionTopic!, webhookSubscription: WebhookSubscriptionInput!): WebhookSubscriptionCreatePayload
          webhookSubscriptionUpdate(id: ID!, webhookSubscription: WebhookSubscriptionInput!): WebhookSubscriptionUpdatePayload
          webhookSubscriptionDelete(id: ID!): WebhookSubscriptionDeletePayload
          webhookDeliveryRedeliver(id: ID!): WebhookDeliveryRedeliverPayload
        """

    static let queryResolvers: [String: RootResolver] = [
        "webhookSubscription": { field, context in
            guard let id: WebhookSubscriptionID = GlobalID.optionalID(field["id"]?.string ?? "", "WebhookSubscription") else {
                return .null
            }
            guard let found = try await context.services.webhooks.subscription(shop: context.shopID, id: id),
                  context.scopes.allows(found.topic.requiredScope) else { return .null }
            return .object(WebhookSubscriptionObject(found))
        },
        "webhookSubscriptions": { field, context in
            let topics = Set((field["topics"]?.list ?? []).compactMap { $0.string.flatMap(WebhookTopic.init(graphQLName:)) })
            let address = field["uri"]?.string ?? field["callbackUrl"]?.string
            let all = try await context.services.webhooks.subscriptions(shop: context.shopID).filter { subscription in
                context.scopes.allows(subscription.topic.requiredScope)
                    && (topics.isEmpty || topics.contains(subscription.topic)) && (address == nil || subscription.callbackURL == address)
            }
            let page = PageSlicer.page(all, key: \.id.rawValue, id: \.id.rawValue, request: try ConnectionObject.pageRequest(field))
            return .object(ConnectionObject("WebhookSubscriptionConnection", page: page) { WebhookSubscriptionObject($0) })
        },
        "webhookDeliveries": { field, context in
            let subscription: WebhookSubscriptionID? = field["subscriptionId"]?.string.flatMap {
                GlobalID.optionalID($0, "WebhookSubscription")
            }
            let deliveries = try await context.services.webhooks.deliveries(shop: context.shopID, subscription: subscription,
                                                                            limit: field["first"]?.int ?? 50)
                .filter { context.scopes.allows($0.topic.requiredScope) }
            return .list(deliveries.map { .object(WebhookDeliveryObject(delivery: $0)) })
        },
        "webhookSubscriptionsCount": { field, context in
            let count = try await context.services.webhooks.subscriptions(shop: context.shopID)
                .filter { context.scopes.allows($0.topic.requiredScope) }.count
            return .object(CountObject(count: count, limit: try CountObject.limit(field)))
        },
    ]

    static let mutationResolvers: [String: RootResolver] = [
        "webhookSubscriptionCreate": { field, context in
            let topic = field["topic"]?.string.flatMap(WebhookTopic.init(graphQLName:))
            if let topic { try context.require(topic.requiredScope, for: "webhookSubscriptionCreate") }
            let input = Self.input(field["webhookSubscription"], topic: topic)
            return await payload("WebhookSubscriptionCreatePayload") {
                try await context.services.webhooks.create(shop: context.shopID, input)
            }
        },
        "webhookSubscriptionUpdate": { field, context in
            let input = Self.input(field["webhookSubscription"], topic: nil)
            let id = try await Self.writable(field, context, for: "webhookSubscriptionUpdate")
            return await payload("WebhookSubscriptionUpdatePayload") {
                guard let id else {
                    throw ValidationErrors(field: ["id"], message: "Webhook subscription does not exist", code: "NOT_FOUND")
                }
                return try await context.services.webhooks.update(shop: context.shopID, id: id, input)
            }
        },
        "webhookDeliveryRedeliver": { field, context in
            var errors = ValidationErrors()
            var delivery: WebhookDelivery?
            if let id: WebhookDeliveryID = GlobalID.optionalID(field["id"]?.string ?? "", "WebhookDelivery") {
                do {
                    delivery = try await context.services.webhooks.redeliver(shop: context.shopID, id: id)
                } catch let failure as ValidationErrors {
                    errors = failure
                }
            } else {
                errors.add(["id"], "Webhook delivery does not exist", code: "NOT_FOUND")
            }
            return .object(PayloadObject(typeName: "WebhookDeliveryRedeliverPayload", fields: [
                "webhookDelivery": .optional(delivery.map { WebhookDeliveryObject(delivery: $0) }),
                "userErrors": UserErrorObject.list(errors, under: nil),
            ]))
        },
        "webhookSubscriptionDelete": { field, context in
            let text = field["id"]?.string ?? ""
            let id = try await Self.writable(field, context, for: "webhookSubscriptionDelete")
            var deleted = false
            if let id { deleted = try await context.services.webhooks.delete(shop: context.shopID, id: id) }
            return .object(PayloadObject(typeName: "WebhookSubscriptionDeletePayload", fields: [
                "deletedWebhookSubscriptionId": deleted ? .string(text) : .null,
                "userErrors": UserErrorObject.list(
                    deleted ? ValidationErrors() : ValidationErrors(field: ["id"], message: "Webhook subscription does not exist"),
                    under: nil),
            ]))
        },
    ]

    /// The subscription the field names, refused unless the token may read its topic; nil when
    /// there is none.
    static func writable(_ field: FieldRequest, _ context: AdminContext, for name: String) async throws -> WebhookSubscriptionID? {
        guard let id: WebhookSubscriptionID = GlobalID.optionalID(field["id"]?.string ?? "", "WebhookSubscription"),
              let found = try await context.services.webhooks.subscription(shop: context.shopID, id: id) else { return nil }
        try context.require(found.topic.requiredScope, for: name)
        return found.id
    }

    static func input(_ value: InputValue?, topic: WebhookTopic?) -> WebhookService.SubscriptionInput {
        WebhookService.SubscriptionInput(topic: topic, callbackURL: value?["uri"]?.string ?? value?["callbackUrl"]?.string,
                                         includeFields: value?["includeFields"]?.strings)
    }

    private static func payload(_ typeName: String, _ work: () async throws -> WebhookSubscription) async -> AdminValue {
        var errors = ValidationErrors()
        var subscription: WebhookSubscription?
        do {
            subscription = try await work()
        } catch let failure as ValidationErrors {
            errors = failure
        } catch {
            errors = ValidationErrors(field: nil, message: "Internal error")
        }
        return .object(PayloadObject(typeName: typeName, fields: [
            "webhookSubscription": .optional(subscription.map(WebhookSubscriptionObject.init)),
            "userErrors": UserErrorObject.list(errors, under: "webhookSubscription"),
        ]))
    }
}

struct WebhookSubscriptionObject: AdminObject {
    let typeName = "WebhookSubscription"
    let subscription: WebhookSubscription

    init(_ subscription: WebhookSubscription) {
        self.subscription = subscription
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .string("gid://shopify/WebhookSubscription/\(subscription.id.rawValue)")
        case "legacyResourceId": .string(String(subscription.id.rawValue))
        case "topic": .string(subscription.topic.graphQLName)
        case "format": .string("JSON")
        case "includeFields": .list(subscription.includeFields.map { .string($0) })
        case "metafieldNamespaces": .list([])
        case "apiVersion": .object(PayloadObject(typeName: "ApiVersion", fields: [
            "handle": .string(subscription.apiVersion), "displayName": .string(subscription.apiVersion), "supported": .bool(true),
        ]))
        case "callbackUrl", "uri": .string(subscription.callbackURL)
        case "endpoint": .object(PayloadObject(typeName: "WebhookHttpEndpoint", fields: ["callbackUrl": .string(subscription.callbackURL)]))
        case "createdAt": .string(subscription.createdAt.iso8601)
        case "updatedAt": .string(subscription.updatedAt.iso8601)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct WebhookDeliveryObject: AdminObject {
    let typeName = "WebhookDelivery"
    let delivery: WebhookDelivery

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .string("gid://shopify/WebhookDelivery/\(delivery.id.rawValue)")
        case "webhookId": .string(delivery.webhookID)
        case "topic": .string(delivery.topic.graphQLName)
        case "status": .string(delivery.status.rawValue)
        case "attempts": .int(delivery.attempts)
        case "lastResponseCode": .optional(delivery.lastStatusCode)
        case "lastError": .optional(delivery.lastError)
        case "nextAttemptAt": delivery.status == .pending ? .string(delivery.nextAttemptAt.iso8601) : .null
        case "deliveredAt": .optional(delivery.deliveredAt?.iso8601)
        case "createdAt": .string(delivery.createdAt.iso8601)
        case "subscriptionId": .string("gid://shopify/WebhookSubscription/\(delivery.subscriptionID.rawValue)")
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}
