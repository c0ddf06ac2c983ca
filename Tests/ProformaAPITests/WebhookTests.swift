import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProformaAPI
import ProformaApp
import ProformaCore
import ProformaServices
import ProformaTestSupport
import Synchronization
import Testing

@Suite("Webhooks")
struct WebhookTests {
    static func subscribe(_ api: APIHarness, _ topic: String, to url: String) async throws {
        let answer = try await api.graphQL("""
            mutation($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
              webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) { webhookSubscription { id topic } userErrors { field message } } }
            """, variables: ["topic": .string(topic), "sub": ["callbackUrl": .string(url)]])
        #expect(answer["data"]["webhookSubscriptionCreate"]["userErrors"] == [], "\(answer)")
    }

    /// The shop's deliveries, newest first, as a failed expectation should show them.
    static func deliveryLog(_ api: APIHarness) async throws -> String {
        let log = try await api.components.services.webhooks.deliveries(shop: api.shop.id, limit: 20)
        return "\(log.map { ($0.topic, $0.status, $0.attempts, $0.lastStatusCode as Any, $0.lastError ?? "-", $0.nextAttemptAt) })"
    }

    /// Sends what is due, and waits for the server's own worker: done when nothing is in flight,
    /// no delivery could be sent now, and two passes in a row saw the same log.
    ///
    /// "Could be sent now" matters because a worker's claim is invisible until it commits: the
    /// claimed delivery still reads as pending and unlocked, while `deliverNext` skips its
    /// locked row. Under load that window outlasted two passes, and a drain returned before
    /// `orders/paid` went out. A pending delivery that is due and not behind an earlier
    /// pending one of its resource (these tests send every topic to one endpoint) is on its way.
    static func drain(_ api: APIHarness) async throws {
        var previous: [String] = []
        for _ in 0..<500 {
            while try await api.components.webhookDispatcher.deliverNext() {}
            let now = api.components.clock.now()
            let log = try await api.components.services.webhooks.deliveries(shop: api.shop.id, limit: 250)
            let state = log.map { "\($0.id)\($0.status)\($0.attempts)" }
            let pending = log.filter { $0.status == .pending }
            let inFlight = pending.contains { $0.lockedUntil.map { $0 > now } ?? false }
            let sendable = pending.contains { delivery in
                delivery.nextAttemptAt <= now && !pending.contains {
                    $0.resourceKey == delivery.resourceKey && $0.id.rawValue < delivery.id.rawValue
                }
            }
            if !inFlight, !sendable, state == previous { return }
            previous = state
            try await Task.sleep(for: .milliseconds(20))
        }
        let log = try await deliveryLog(api)
        Issue.record("deliveries did not settle: \(log)")
    }

    @Test("changes reach a loopback receiver signed, in order, with the REST JSON of the moment; failures retry with the same id",
          arguments: TestEngine.all)
    func delivery(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                for topic in ["DRAFT_ORDERS_CREATE", "DRAFT_ORDERS_UPDATE", "ORDERS_CREATE", "ORDERS_PAID"] {
                    try await Self.subscribe(api, topic, to: url)
                }
                let created = try await api.rest(.post, "draft_orders.json", json: ["draft_order": [
                    "line_items": [["title": "Tee", "price": "20.00", "quantity": 2]], "note": "first"]])
                let id = try #require(created.body["draft_order"]["id"].int)
                _ = try await api.rest(.put, "draft_orders/\(id).json", json: ["draft_order": ["note": "second"]])
                _ = try await api.rest(.put, "draft_orders/\(id)/complete.json")
                try await Self.drain(api)

                // Events of one resource arrive in order; the server's own worker may interleave resources.
                let got = receiver.all
                let drafts = got.filter { $0.topic.hasPrefix("draft_orders/") }
                let orders = got.filter { $0.topic.hasPrefix("orders/") }
                let sent = try await Self.deliveryLog(api)
                #expect(drafts.map(\.topic) == ["draft_orders/create", "draft_orders/update", "draft_orders/update"], "\(sent)")
                #expect(orders.map(\.topic) == ["orders/create", "orders/paid"], "\(sent)")
                // Each body is the resource as it was when it changed.
                #expect(drafts.map { $0.json["note"].string } == ["first", "second", "second"])
                #expect(drafts.map { $0.json["status"].string } == ["open", "open", "completed"])
                #expect(orders.map { $0.json["name"].string } == ["#1001", "#1001"])
                #expect(orders[0].json["total_price"].string == "42.40")
                // Signed as Shopify signs: base64 HMAC-SHA256 of the body with the shop's secret.
                let secret = try await api.components.services.webhooks.secret(shop: api.shop.id)
                for request in got {
                    let mac = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Array(secret.utf8)))
                    #expect(request.headers[HTTPField.Name("X-Shopify-Hmac-Sha256")!] == Data(mac).base64EncodedString())
                    #expect(request.headers[HTTPField.Name("X-Shopify-Shop-Domain")!] == "snowdevil.test")
                    #expect(request.headers[HTTPField.Name("X-Shopify-API-Version")!] == "2025-07")
                    #expect(request.headers[HTTPField.Name("X-Shopify-Triggered-At")!] != nil)
                    #expect(request.headers[HTTPField.Name("X-Shopify-Event-Id")!] != nil)
                }
                #expect(Set(got.map(\.webhookID)).count == got.count)

                // The receiver fails twice (a 500, then a 404); the delivery waits 10 s, then 20 s.
                receiver.answer(next: [.internalServerError, .notFound])
                _ = try await api.rest(.post, "draft_orders.json", json: ["draft_order": [
                    "line_items": [["title": "Cap", "price": "9.00", "quantity": 1]]]])
                try await Self.drain(api)
                let clock = try #require(api.components.clock as? TestClock)
                clock.advance(seconds: 10)
                try await Self.drain(api)
                #expect(receiver.all.count == got.count + 2)
                clock.advance(seconds: 20)
                try await Self.drain(api)
                let retried = Array(receiver.all.suffix(3))
                #expect(Set(retried.map(\.webhookID)).count == 1, "every attempt of one delivery carries its id")
                let log = try await api.components.services.webhooks.deliveries(shop: api.shop.id, limit: 1)
                #expect(log.first?.status == .delivered)
                #expect(log.first?.attempts == 3)
                #expect(log.first?.lastStatusCode == 200)
            }
        }
    }

    @Test("held, committed and set stock announce inventory_levels/update with the level's new available", arguments: TestEngine.all)
    func inventory(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                try await Self.subscribe(api, "INVENTORY_LEVELS_UPDATE", to: url)
                try await Self.subscribe(api, "DRAFT_ORDERS_DELETE", to: url)
                let boots = try await RESTDraftOrderTests.boots(api)
                let held = try await RESTDraftOrderTests.create(api, [
                    "line_items": [["variant_id": .int(boots[0]), "quantity": 3]], "reserve_inventory_until": "2025-01-02T00:00:00Z"])
                _ = try await api.rest(.delete, "draft_orders/\(held["id"].int ?? 0).json")
                try await Self.drain(api)
                // One level's events in order; the draft's are another resource's.
                let levels = receiver.all.filter { $0.topic == "inventory_levels/update" }
                let log = try await Self.deliveryLog(api)
                #expect(levels.map { $0.json["available"].int } == [17, 20], "\(log)")
                #expect(levels.first?.json["inventory_item_id"] == levels.last?.json["inventory_item_id"])
                #expect(receiver.all.filter { $0.topic == "draft_orders/delete" }.map(\.json) == [["id": .int(held["id"].int ?? 0)]])
            }
        }
    }

    /// Creates and updates find their subscribers among the shop's remembered settings, which
    /// a change to any subscription makes every instance read again.
    @Test("a subscription made, moved or removed is heard by the very next create, held stock and update", arguments: TestEngine.all)
    func subscriptionsAfterSettingsWereRead(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                let boots = try await RESTDraftOrderTests.boots(api)
                let holding: JSONValue = ["line_items": [["variant_id": .int(boots[0]), "quantity": 1]],
                                          "reserve_inventory_until": "2025-01-02T00:00:00Z"]
                // The settings are read, and remembered, before anyone subscribes.
                let early = try await RESTDraftOrderTests.create(api, holding)
                let earlyID = try #require(early["id"].int)
                for topic in ["DRAFT_ORDERS_CREATE", "DRAFT_ORDERS_UPDATE", "INVENTORY_LEVELS_UPDATE"] {
                    try await Self.subscribe(api, topic, to: url)
                }
                _ = try await RESTDraftOrderTests.create(api, holding)
                _ = try await api.rest(.put, "draft_orders/\(earlyID).json", json: ["draft_order": ["note": "heard"]])
                try await Self.drain(api)
                var log = try await Self.deliveryLog(api)
                #expect(receiver.all.map(\.topic).sorted() == ["draft_orders/create", "draft_orders/update", "inventory_levels/update"],
                        "\(log)")

                guard case .array(let hooks)? = try await api.rest(.get, "webhooks.json").body["webhooks"] else {
                    Issue.record("no webhooks listed")
                    return
                }
                let ids = Dictionary(uniqueKeysWithValues: hooks.map { ($0["topic"].string ?? "", $0["id"].int ?? 0) })
                let moved = try await api.rest(.put, "webhooks/\(ids["draft_orders/update"] ?? 0).json",
                                               json: ["webhook": ["fields": ["id", "note"]]])
                #expect(moved.status == .ok, "\(moved.body)")
                for topic in ["draft_orders/create", "inventory_levels/update"] {
                    #expect(try await api.rest(.delete, "webhooks/\(ids[topic] ?? 0).json").status == .ok)
                }
                _ = try await RESTDraftOrderTests.create(api, holding)
                _ = try await api.rest(.put, "draft_orders/\(earlyID).json", json: ["draft_order": ["note": "narrowed"]])
                try await Self.drain(api)
                log = try await Self.deliveryLog(api)
                #expect(receiver.all.count == 4, "\(log)")
                #expect(receiver.all.last?.json == ["id": .int(earlyID), "note": "narrowed"])
            }
        }
    }

    @Test("subscriptions through REST and GraphQL; field lists; the delivery log and redelivery", arguments: [TestEngine.sqlite])
    func management(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                let created = try await api.rest(.post, "webhooks.json", json: ["webhook": [
                    "topic": "draft_orders/create", "address": .string(url), "format": "json", "fields": ["id", "note"]]])
                #expect(created.status == .created, "\(created.body)")
                let webhook = created.body["webhook"] ?? .null
                #expect(webhook["topic"].string == "draft_orders/create")
                #expect(webhook["fields"] == ["id", "note"])
                let twice = try await api.rest(.post, "webhooks.json", json: ["webhook": ["topic": "draft_orders/create", "address": .string(url)]])
                #expect(twice.body == ["errors": ["callback_url": ["Address for this topic has already been taken"]]])
                let badTopic = try await api.rest(.post, "webhooks.json", json: ["webhook": ["topic": "shop/update", "address": .string(url)]])
                #expect(badTopic.status == .unprocessableContent)
                let badAddress = try await api.graphQL("""
                    mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: {callbackUrl: "ftp://x"}) {
                      userErrors { field message } } }
                    """)
                #expect(badAddress["data"]["webhookSubscriptionCreate"]["userErrors"][0]["field"] == ["webhookSubscription", "callbackUrl"])
                let listed = try await api.graphQL("{ webhookSubscriptions(first: 5, topics: [DRAFT_ORDERS_CREATE]) { nodes { id uri includeFields endpoint { ... on WebhookHttpEndpoint { callbackUrl } } } } }")
                #expect(listed["data"]["webhookSubscriptions"]["nodes"][0]["endpoint"]["callbackUrl"].string == url)
                #expect(try await api.rest(.get, "webhooks/count.json").body == ["count": 1])

                _ = try await RESTDraftOrderTests.create(api, ["line_items": [["title": "Tee", "price": "5.00", "quantity": 1]],
                                                               "note": "keep"])
                try await Self.drain(api)
                let first = try #require(receiver.all.first)
                #expect(first.json.objectValue?.keys.sorted() == ["id", "note"])
                #expect(first.json["note"].string == "keep")

                let log = try await api.graphQL("{ webhookDeliveries(first: 5) { id webhookId status attempts lastResponseCode } }")
                let delivery = log["data"]["webhookDeliveries"][0]
                #expect(delivery?["status"].string == "DELIVERED")
                #expect(delivery?["attempts"].int == 1)
                #expect(delivery?["lastResponseCode"].int == 200)
                let again = try await api.graphQL("mutation($id: ID!) { webhookDeliveryRedeliver(id: $id) { webhookDelivery { status } userErrors { message } } }",
                                                  variables: ["id": delivery?["id"] ?? .null])
                #expect(again["data"]["webhookDeliveryRedeliver"]["webhookDelivery"]["status"].string == "PENDING")
                try await Self.drain(api)
                #expect(receiver.all.map(\.webhookID) == [first.webhookID, first.webhookID])

                let id = try #require(webhook["id"].int)
                // A token sees and changes only subscriptions to topics it may read.
                let stockOnly = try await api.components.services.access.createToken(shop: api.shop.id, name: "stock",
                                                                                     scopes: ScopeSet([.readInventory])).secret
                #expect(try await api.rest(.get, "webhooks.json", token: stockOnly).body == ["webhooks": []])
                #expect(try await api.rest(.delete, "webhooks/\(id).json", token: stockOnly).status == .forbidden)
                let denied = try await api.graphQL("mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId } }",
                                                   variables: ["id": webhook["admin_graphql_api_id"] ?? .null], token: stockOnly)
                #expect(denied["errors"][0]["extensions"]["code"].string == "ACCESS_DENIED")
                let moved = try await api.rest(.put, "webhooks/\(id).json", json: ["webhook": ["address": "https://hooks.example.com/in"]])
                #expect(moved.body["webhook"]["address"].string == "https://hooks.example.com/in")
                #expect(try await api.rest(.delete, "webhooks/\(id).json").body == [:])
                #expect(try await api.rest(.get, "webhooks/\(id).json").status == .notFound)
            }
        }
    }

    @Test("a receiver slower than Shopify's 5 s is still heard when the dispatcher's deadline allows it")
    func slowReceiver() async throws {
        try await APIHarness.run(.sqlite) { api in
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                try await Self.subscribe(api, "DRAFT_ORDERS_CREATE", to: url)
                receiver.answer(after: .seconds(6))
                _ = try await RESTDraftOrderTests.create(api, ["line_items": [["title": "Tee", "price": "5.00", "quantity": 1]]])
                try await Self.drain(api)
                let log = try await api.components.services.webhooks.deliveries(shop: api.shop.id, limit: 1)
                let described = try await Self.deliveryLog(api)
                #expect(log.first?.status == .delivered, "\(described)")
                #expect(log.first?.attempts == 1)
            }
        }
    }

    @Test("workers of several instances racing over one outbox send each delivery once", arguments: TestEngine.all)
    func racingWorkers(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                try await Self.subscribe(api, "DRAFT_ORDERS_CREATE", to: url)
                for index in 0..<40 {
                    _ = try await RESTDraftOrderTests.create(api, ["line_items": [["title": .string("Item \(index)"), "price": "1.00", "quantity": 1]]])
                }
                // Six workers, as six instances would run them, plus the server's own.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<6 {
                        group.addTask { while try await api.components.webhookDispatcher.deliverNext() {} }
                    }
                    try await group.waitForAll()
                }
                try await Self.drain(api)
                let ids = receiver.all.map(\.webhookID)
                #expect(ids.count == 40)
                #expect(Set(ids).count == 40)
            }
        }
    }

    @Test("one endpoint gets a resource's events in order across topics; redirects are answers; pending ones are not redelivered",
          arguments: TestEngine.all)
    func orderAndRedirects(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                try await Self.subscribe(api, "DRAFT_ORDERS_CREATE", to: url)
                try await Self.subscribe(api, "DRAFT_ORDERS_UPDATE", to: url)
                // The create fails once; the update of the same draft waits for it.
                receiver.answer(next: [.internalServerError])
                let draft = try await RESTDraftOrderTests.create(api, ["line_items": [["title": "Tee", "price": "5.00", "quantity": 1]]])
                let id = try #require(draft["id"].int)
                _ = try await api.rest(.put, "draft_orders/\(id).json", json: ["draft_order": ["note": "after"]])
                try await Self.drain(api)
                #expect(receiver.all.map(\.topic) == ["draft_orders/create"])
                let pending = try #require(try await api.components.services.webhooks.deliveries(shop: api.shop.id, limit: 5)
                    .first { $0.topic == .draftOrdersCreate })
                await #expect(throws: ValidationErrors.self) {
                    try await api.components.services.webhooks.redeliver(shop: api.shop.id, id: pending.id)
                }
                try #require(api.components.clock as? TestClock).advance(seconds: 10)
                try await Self.drain(api)
                #expect(receiver.all.map(\.topic) == ["draft_orders/create", "draft_orders/create", "draft_orders/update"])

                // A redirect is not followed: the attempt failed with the 307.
                receiver.answer(next: [.temporaryRedirect])
                _ = try await RESTDraftOrderTests.create(api, ["line_items": [["title": "Cap", "price": "5.00", "quantity": 1]]])
                try await Self.drain(api)
                let redirected = try #require(try await api.components.services.webhooks.deliveries(shop: api.shop.id, limit: 1).first)
                #expect(redirected.status == .pending)
                let log = try await Self.deliveryLog(api)
                #expect(redirected.lastStatusCode == 307, "\(log)")
                #expect(receiver.all.count == 4)
            }
        }
    }
}
