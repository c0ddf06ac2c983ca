import Foundation
import ProformaAPI
import ProformaTestSupport
import Testing

/// The server process is killed with SIGKILL while completions are in flight, then restarted on the
/// same database. Whatever the kill interrupted, each draft has at most one order, every order is
/// whole (its lines and its one transaction), order numbers have no gaps, and stock adds up.
@Suite("Crash recovery")
struct CrashRecoveryTests {
    static let draftCount = 60
    static let rounds = 3

    @Test("SIGKILL during a burst of completions: no order duplicated or half made, stock adds up", arguments: TestEngine.all)
    func killedDuringCompletions(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        defer { TestDatabases.discard(url) }
        let database = url.argument
        var server = try await ServerProcess(["--demo", "--database", database])
        let token = try #require(server.demoToken)
        let shop = try await CrashShop.prepare(server, token: token)

        for round in 1...Self.rounds {
            let open = try await shop.snapshot(server).openDrafts
            try #require(!open.isEmpty, "round \(round): everything completed before the kill")
            let answered = await shop.completeUntilKilled(open, server: server, killAfter: 5)
            let port = server.port
            server = try await ServerProcess(["--database", database], port: port)
            let snapshot = try await shop.snapshot(server)
            try snapshot.checkInvariants(shop)
            let completed = Set(snapshot.completed.compactMap { $0["id"].string })
            #expect(answered.isSubset(of: completed), "round \(round): a completion answered before the kill was lost")
        }

        // After the restarts every remaining completion goes through, each once.
        for draft in try await shop.snapshot(server).openDrafts {
            let answer = try await shop.complete(draft, server: server)
            #expect(answer["data"]["draftOrderComplete"]["userErrors"] == [], "\(answer)")
        }
        let final = try await shop.snapshot(server)
        try final.checkInvariants(shop)
        #expect(final.completed.count == Self.draftCount)
        #expect(final.orders.count == Self.draftCount)
        _ = await server.stop()
    }
}

/// The server is killed during a burst of draft creations with a webhook subscription, and
/// restarted: every draft that exists reaches the receiver, and nothing else does.
@Suite("Crash recovery of webhooks")
struct WebhookCrashTests {
    @Test("SIGKILL during a burst of changes: every committed change is delivered, none that rolled back", arguments: TestEngine.all)
    func killedDuringChanges(engine: TestEngine) async throws {
        let url = try await TestDatabases.shared.empty(engine)
        defer { TestDatabases.discard(url) }
        let database = url.argument
        let receiver = WebhookReceiver()
        try await receiver.run { url in
            let first = try await ServerProcess(["--demo", "--database", database])
            let token = try #require(first.demoToken)
            let server = first
            let subscribed = try await server.graphQL("""
                mutation($url: URL!) { webhookSubscriptionCreate(topic: DRAFT_ORDERS_CREATE, webhookSubscription: {callbackUrl: $url}) {
                  userErrors { message } } }
                """, variables: ["url": .string(url)], token: token)
            try #require(subscribed["data"]["webhookSubscriptionCreate"]["userErrors"] == [], "\(subscribed)")

            // Creations that roll back (more held than there is) must never be announced.
            let variant = try #require(try await server.graphQL(#"{ productVariants(first: 1, query: "sku:BP-AV30") { nodes { id } } }"#,
                                                                token: token)["data"]["productVariants"]["nodes"][0]["id"])
            let queue = DraftQueue((0..<80).map(String.init))
            let answers = AsyncStream<Void>.makeStream()
            let port = server.port
            async let clients: Void = withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        while let index = await queue.next() {
                            let refused = Int(index)!.isMultiple(of: 5)
                            let input: JSONValue = refused
                                ? ["tags": ["crash"], "lineItems": [["variantId": variant, "quantity": 500]],
                                   "reserveInventoryUntil": "2999-01-01T00:00:00Z"]
                                : ["tags": ["crash"], "lineItems": [["title": .string("Item \(index)"), "originalUnitPrice": "1.00", "quantity": 1]]]
                            guard (try? await server.graphQL("""
                                mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } } }
                                """, variables: ["input": input], token: token)) != nil else { return }
                            answers.continuation.yield()
                        }
                    }
                }
                await group.waitForAll()
                answers.continuation.finish()
            }
            var heard = 0
            for await _ in answers.stream {
                heard += 1
                if heard == 30 { _ = await server.stop(SIGKILL) }
            }
            await clients
            let restarted = try await ServerProcess(["--database", database], port: port)

            let drafts = try await restarted.graphQL(#"{ draftOrders(first: 250, query: "tag:crash") { nodes { legacyResourceId } } }"#,
                                                  token: token)
            let committed = Set((drafts["data"]["draftOrders"]["nodes"].array ?? []).compactMap { $0["legacyResourceId"].string.flatMap(Int.init) })
            try #require(!committed.isEmpty)
            // The restarted server's worker delivers what the killed one had not.
            let deadline = Date().addingTimeInterval(120)
            while Set(receiver.all.compactMap { $0.json["id"].int }) != committed, Date() < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
            let delivered = receiver.all
            #expect(Set(delivered.compactMap { $0.json["id"].int }) == committed)
            #expect(delivered.allSatisfy { $0.json["tags"].string == "crash" && $0.json["line_items"][0]["quantity"].int == 1 })
            // A repeat (sent, then killed before it was recorded) carries its delivery's id.
            let byWebhook = Dictionary(grouping: delivered, by: \.webhookID).mapValues { Set($0.compactMap { $0.json["id"].int }) }
            #expect(byWebhook.values.allSatisfy { $0.count == 1 })
            _ = await restarted.stop()
        }
    }
}

/// A product of three variants with known stock, and tagged drafts for them, half holding stock.
struct CrashShop: Sendable {
    static let stock = 300
    let token: String
    let variants: [String]

    struct Line: Hashable, Sendable {
        var variant: String
        var quantity: Int
    }

    static func prepare(_ server: ServerProcess, token: String) async throws -> CrashShop {
        let locations = try await server.graphQL("{ locations(first: 1) { nodes { id } } }", token: token)
        let location = try #require(locations["data"]["locations"]["nodes"][0]["id"])
        let sizes = ["160", "170", "180"]
        let product = try await server.graphQL("""
            mutation($input: ProductSetInput!) { productSet(input: $input) {
              product { variants(first: 5) { nodes { id } } } userErrors { message } } }
            """, variables: ["input": [
                "title": "Crash Test Skis", "productOptions": [["name": "Length", "values": .array(sizes.map { ["name": .string($0)] })]],
                "variants": .array(sizes.map { size in
                    ["optionValues": [["optionName": "Length", "name": .string(size)]], "price": "450.00",
                     "inventoryQuantities": [["locationId": location, "name": "available", "quantity": .int(stock)]]]
                }),
            ]], token: token)
        let variants = try #require(product["data"]["productSet"]["product"]["variants"]["nodes"].array?.compactMap { $0["id"].string })
        try #require(variants.count == 3, "\(product)")
        let shop = CrashShop(token: token, variants: variants)

        let tomorrow = ISO8601DateFormatter().string(from: Date().addingTimeInterval(86_400))
        for index in 0..<CrashRecoveryTests.draftCount {
            var input: [String: JSONValue] = [
                "tags": ["crash-test"],
                "lineItems": [
                    ["variantId": .string(variants[index % 3]), "quantity": .int(1 + index % 4)],
                    ["variantId": .string(variants[(index + 1) % 3]), "quantity": 1],
                ],
            ]
            if index.isMultiple(of: 2) { input["reserveInventoryUntil"] = .string(tomorrow) }
            let created = try await server.graphQL("""
                mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }
                """, variables: ["input": .object(input)], token: token)
            try #require(created["data"]["draftOrderCreate"]["userErrors"] == [], "\(created)")
        }
        return shop
    }

    func complete(_ draft: String, server: ServerProcess) async throws -> JSONValue {
        try await server.graphQL("""
            mutation($id: ID!) { draftOrderComplete(id: $id) { draftOrder { status } userErrors { message } } }
            """, variables: ["id": .string(draft)], token: token)
    }

    /// Completes the drafts with `inFlight` clients and kills the server with SIGKILL as soon as
    /// `killAfter` have answered, so the requests in flight are cut off wherever they are. Keeping a
    /// few in flight, not all, leaves drafts open for the next round however fast the server is.
    /// Returns the drafts answered as completed.
    func completeUntilKilled(_ drafts: [String], server: ServerProcess, inFlight: Int = 8,
                             killAfter: Int) async -> Set<String> {
        let queue = DraftQueue(drafts)
        let answers = AsyncStream<String?>.makeStream()
        async let clients: Void = withTaskGroup(of: Void.self) { group in
            for _ in 0..<inFlight {
                group.addTask {
                    while let draft = await queue.next() {
                        // No answer: the server is gone.
                        guard let answer = try? await complete(draft, server: server) else { return }
                        let completed = answer["data"]["draftOrderComplete"]["draftOrder"]["status"].string == "COMPLETED"
                        answers.continuation.yield(completed ? draft : nil)
                    }
                }
            }
            await group.waitForAll()
            answers.continuation.finish()
        }
        var completed: Set<String> = []
        var heard = 0
        for await draft in answers.stream {
            heard += 1
            if let draft { completed.insert(draft) }
            if heard == killAfter { _ = await server.stop(SIGKILL) }
        }
        await clients
        return completed
    }

    func snapshot(_ server: ServerProcess) async throws -> CrashSnapshot {
        let lines = "lineItems(first: 5) { nodes { quantity variant { id } } }"
        let drafts = try await server.graphQL("""
            { draftOrders(first: 100, query: "tag:crash-test") { nodes { id status reserveInventoryUntil order { id } \(lines) } } }
            """, token: token)
        let orders = try await server.graphQL("""
            { orders(first: 100, query: "tag:crash-test") { nodes { id name
                totalPriceSet { shopMoney { amount } } transactions { status amountSet { shopMoney { amount } } } \(lines) } }
              allOrders: orders(first: 250) { nodes { name } } }
            """, token: token)
        var levels: [String: [String: Int]] = [:]
        for variant in variants {
            let item = try await server.graphQL("""
                query($id: ID!) { productVariant(id: $id) { inventoryItem { inventoryLevels(first: 5) { nodes {
                  quantities(names: ["available", "reserved", "committed", "on_hand"]) { name quantity } } } } } }
                """, variables: ["id": .string(variant)], token: token)
            var totals: [String: Int] = [:]
            for level in item["data"]["productVariant"]["inventoryItem"]["inventoryLevels"]["nodes"].array ?? [] {
                for quantity in level["quantities"].array ?? [] {
                    totals[quantity["name"].string ?? "", default: 0] += quantity["quantity"].int ?? 0
                }
            }
            levels[variant] = totals
        }
        return CrashSnapshot(drafts: drafts["data"]["draftOrders"]["nodes"].array ?? [],
                             orders: orders["data"]["orders"]["nodes"].array ?? [],
                             allOrderNames: (orders["data"]["allOrders"]["nodes"].array ?? []).compactMap { $0["name"].string },
                             levels: levels)
    }
}

actor DraftQueue {
    private var drafts: [String]
    init(_ drafts: [String]) { self.drafts = drafts.reversed() }
    func next() -> String? { drafts.popLast() }
}

struct CrashSnapshot {
    var drafts: [JSONValue]
    var orders: [JSONValue]
    var allOrderNames: [String]
    var levels: [String: [String: Int]]

    var completed: [JSONValue] { drafts.filter { $0["status"].string == "COMPLETED" } }
    var openDrafts: [String] { drafts.filter { $0["status"].string != "COMPLETED" }.compactMap { $0["id"].string } }

    static func lines(_ node: JSONValue) -> [CrashShop.Line] {
        (node["lineItems"]["nodes"].array ?? []).map {
            CrashShop.Line(variant: $0["variant"]["id"].string ?? "", quantity: $0["quantity"].int ?? 0)
        }
    }

    func checkInvariants(_ shop: CrashShop) throws {
        try #require(drafts.count == CrashRecoveryTests.draftCount)
        // One whole order per completed draft, none for an open one.
        #expect(orders.count == completed.count)
        let ordersByID = Dictionary(orders.map { ($0["id"].string ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        #expect(ordersByID.count == orders.count)
        for draft in drafts {
            let order = draft["order"]["id"].string
            if draft["status"].string == "COMPLETED" {
                let placed = try #require(order.flatMap { ordersByID[$0] }, "completed draft \(draft) has no order")
                #expect(Self.lines(placed) == Self.lines(draft))
                let transactions = placed["transactions"].array ?? []
                #expect(transactions.count == 1, "\(placed)")
                #expect(transactions.first?["status"].string == "SUCCESS")
                #expect(transactions.first?["amountSet"]["shopMoney"]["amount"] == placed["totalPriceSet"]["shopMoney"]["amount"])
            } else {
                #expect(order == nil)
            }
        }
        // Numbers are taken in the completing transaction, so a kill leaves no gap and no repeat.
        let numbers = allOrderNames.compactMap { Int($0.dropFirst()) }.sorted()
        #expect(numbers == Array(1001..<(1001 + allOrderNames.count)), "\(allOrderNames)")

        // Stock adds up: nothing arrives or leaves, ordered units are committed, held units reserved.
        for variant in shop.variants {
            let level = levels[variant] ?? [:]
            let ordered = orders.flatMap(Self.lines).filter { $0.variant == variant }.map(\.quantity).reduce(0, +)
            let held = drafts.filter { $0["status"].string != "COMPLETED" && !($0["reserveInventoryUntil"]?.isNull ?? true) }
                .flatMap(Self.lines).filter { $0.variant == variant }.map(\.quantity).reduce(0, +)
            #expect(level["on_hand"] == CrashShop.stock, "\(variant): \(level)")
            #expect(level["committed"] == ordered, "\(variant): \(level)")
            #expect(level["reserved"] == held, "\(variant): \(level)")
            #expect(level["available"] == CrashShop.stock - ordered - held, "\(variant): \(level)")
        }
    }
}
