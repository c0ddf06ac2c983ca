import Crypto
import Foundation
import Metrics
import Synchronization
import ProformaCore

/// Sends one webhook request. Implementations POST `body` to `url` with `headers`, give up
/// after `timeout`, and return the response's status code; a transport failure throws.
public protocol WebhookTransport: Sendable {
    func post(_ url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async throws -> Int
}

/// Takes due deliveries from the outbox and sends them, outside any transaction: at least once,
/// signed as Shopify signs, retried on the schedule until delivered or 48 hours have passed.
public struct WebhookDispatcher: Sendable {
    let store: any Store
    let clock: any WallClock
    let transport: any WebhookTransport
    /// How long a receiver has to answer: Shopify's 5 seconds unless a test, on a machine too
    /// busy to answer a loopback request that fast, gives it longer.
    let timeout: Duration
    public static let defaultTimeout: Duration = .seconds(5)
    /// How long a claimed delivery is held before another worker may take it over.
    static let lease: Int64 = 60

    public init(store: any Store, clock: any WallClock, transport: any WebhookTransport,
                timeout: Duration = Self.defaultTimeout) {
        precondition(timeout < .seconds(Self.lease), "an attempt must end within its lease")
        self.store = store
        self.clock = clock
        self.transport = transport
        self.timeout = timeout
    }

    /// Sends the next due delivery; returns false when none was due.
    public func deliverNext() async throws -> Bool {
        let now = clock.now()
        guard let claimed = try await store.write({ try await $0.webhooks.claimDelivery(at: now, leaseUntil: now.adding(seconds: Self.lease)) })
        else { return false }
        let delivery = claimed.delivery
        let body = Self.body(claimed.payload, fields: claimed.includeFields)
        var statusCode: Int?
        var failure: String?
        let started = ContinuousClock.now
        do {
            let code = try await Self.withDeadline(timeout) {
                try await transport.post(claimed.callbackURL, headers: Self.headers(claimed, body: body), body: body,
                                         timeout: timeout)
            }
            statusCode = code
            if !(200..<300).contains(code) { failure = "HTTP \(code)" }
        } catch {
            failure = "\(error)"
        }
        Timer(label: "proforma_webhook_delivery_seconds", dimensions: [("topic", delivery.topic.rawValue)])
            .record(duration: started.duration(to: .now))
        let finished = clock.now()
        let outcome: WebhookAttemptOutcome
        if let failure {
            let retry = WebhookRetrySchedule.delay(afterAttempt: delivery.attempts, firstAttemptAt: delivery.firstAttemptAt ?? now,
                                                   now: finished).map { finished.adding(seconds: $0) }
            outcome = .failed(statusCode: statusCode, error: String(failure.prefix(500)), retryAt: retry)
        } else {
            outcome = .delivered(statusCode: statusCode ?? 200)
        }
        try await store.write {
            try await $0.webhooks.record(delivery.id, shop: delivery.shopID, attempt: delivery.attempts, outcome, at: finished)
        }
        let result = switch outcome {
        case .delivered: "delivered"
        case .failed(_, _, _?): "retried"
        case .failed(_, _, nil): "failed"
        }
        Counter(label: "proforma_webhook_deliveries_total", dimensions: [("outcome", result)]).increment()
        return true
    }

    struct DeadlinePassed: Error, CustomStringConvertible {
        var limit: Duration
        var description: String { "no answer within \(limit)" }
    }

    /// The transport's answer, or `DeadlinePassed` once `limit` has gone by, whatever the
    /// transport does (redirects, slow bodies, a request that ignores cancellation): the answer
    /// does not wait for the work to end, so an attempt never outlives its lease.
    static func withDeadline<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let outcome = FirstOutcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.waiter = continuation
            let worker = Task {
                do { outcome.settle(.success(try await work())) } catch { outcome.settle(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: limit)
                worker.cancel()
                outcome.settle(.failure(DeadlinePassed(limit: limit)))
            }
        }
    }

    /// Deliveries waiting to go out, for the queue-depth gauge.
    public func queueDepth() async throws -> Int {
        try await store.read { try await $0.webhooks.pendingCount() }
    }

    /// The payload, cut to the subscription's top-level fields when it names some.
    static func body(_ payload: String, fields: [String]) -> [UInt8] {
        guard !fields.isEmpty, let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
              let cut = try? JSONSerialization.data(withJSONObject: object.filter { fields.contains($0.key) }, options: [.sortedKeys])
        else { return Array(payload.utf8) }
        return Array(cut)
    }

    /// Shopify's headers, with the signature over the exact body bytes.
    static func headers(_ claimed: ClaimedWebhookDelivery, body: [UInt8]) -> [(String, String)] {
        [
            ("Content-Type", "application/json"),
            ("User-Agent", "Proforma-Webhooks"),
            ("X-Shopify-Topic", claimed.delivery.topic.rawValue),
            ("X-Shopify-Shop-Domain", claimed.shopDomain),
            ("X-Shopify-API-Version", claimed.apiVersion),
            ("X-Shopify-Webhook-Id", claimed.delivery.webhookID),
            ("X-Shopify-Event-Id", String(claimed.delivery.eventID)),
            ("X-Shopify-Triggered-At", claimed.eventCreatedAt.iso8601),
            ("X-Shopify-Hmac-Sha256", signature(body, secret: claimed.secret)),
        ]
    }

    /// Base64 of HMAC-SHA256 over the body, keyed with the shop's secret: what receivers check.
    public static func signature(_ body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return Data(mac).base64EncodedString()
    }
}

/// Resumes a continuation with whichever result comes first; later ones are dropped.
final class FirstOutcome<T: Sendable>: Sendable {
    private let state = Mutex<(waiter: CheckedContinuation<T, any Error>?, done: Bool)>((nil, false))

    var waiter: CheckedContinuation<T, any Error>? {
        get { state.withLock { $0.waiter } }
        set { state.withLock { $0.waiter = newValue } }
    }

    func settle(_ result: Result<T, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<T, any Error>? in
            guard !state.done else { return nil }
            state.done = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }
}
