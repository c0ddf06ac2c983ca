import ProformaCore
import Testing

@Suite("Leaky bucket")
struct LeakyBucketTests {
    @Test("40 requests fit, the 41st waits half a second at 2 per second, draining frees room")
    func rest() {
        var bucket = LeakyBucket(limit: .init(capacity: 40, leakPerSecond: 2), now: 0)
        for index in 1...40 { #expect(bucket.take(1, at: 0) == .allowed(level: Double(index))) }
        #expect(bucket.take(1, at: 0) == .refused(level: 40, retryAfter: 0.5))
        #expect(bucket.take(1, at: 0.5) == .allowed(level: 40))
        #expect(bucket.take(1, at: 0.75) == .refused(level: 39.5, retryAfter: 0.25))
        bucket.drain(at: 100)
        #expect(bucket.level == 0)
    }

    @Test("a cost larger than the bucket is refused for good; time going backwards drains nothing")
    func edges() {
        var bucket = LeakyBucket(limit: .init(capacity: 1000, leakPerSecond: 50), now: 10)
        #expect(bucket.take(1001, at: 10) == .refused(level: 0, retryAfter: .infinity))
        #expect(bucket.take(600, at: 10) == .allowed(level: 600))
        #expect(bucket.take(100, at: 5) == .allowed(level: 700))
        #expect(bucket.take(400, at: 10) == .refused(level: 700, retryAfter: 2))
        #expect(bucket.take(400, at: 12) == .allowed(level: 1000))
    }
}

@Suite("Webhook topics and retries")
struct WebhookRulesTests {
    @Test("topics have Shopify's REST and GraphQL names")
    func topics() {
        #expect(WebhookTopic.draftOrdersCreate.rawValue == "draft_orders/create")
        #expect(WebhookTopic.draftOrdersCreate.graphQLName == "DRAFT_ORDERS_CREATE")
        #expect(WebhookTopic(graphQLName: "INVENTORY_LEVELS_UPDATE") == .inventoryLevelsUpdate)
        #expect(WebhookTopic(graphQLName: "ORDERS_DELETE") == nil)
        #expect(WebhookTopic.ordersPaid.requiredScope == .readOrders)
    }

    @Test("retries back off from 10 s to 6 h apart and stop 48 h after the first attempt: 19 tries")
    func schedule() {
        let start = Timestamp(millisecondsSince1970: 0)
        var now = start
        var delays: [Int64] = []
        while let delay = WebhookRetrySchedule.delay(afterAttempt: delays.count + 1, firstAttemptAt: start, now: now) {
            delays.append(delay)
            now = now.adding(seconds: delay)
        }
        #expect(delays.prefix(4) == [10, 20, 40, 80])
        #expect(delays.max() == Int64(6 * 3600))
        #expect(delays.count + 1 == 19)
        #expect(now.millisecondsSince1970 <= 48 * 3600 * 1000)
    }
}
