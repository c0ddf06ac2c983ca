import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Metrics
import ProformaServices
import ServiceLifecycle

/// Sends webhooks from the outbox. Every instance runs one, with a few lanes; claims are
/// exclusive, so any number of lanes and instances share the work without sending one attempt
/// twice at once, and an endpoint still gets each resource's events in order.
public struct WebhookDeliveryService: Service {
    let dispatcher: WebhookDispatcher
    let interval: Duration
    let logger: Logger

    public init(dispatcher: WebhookDispatcher, interval: Duration = .seconds(1), logger: Logger) {
        self.dispatcher = dispatcher
        self.interval = interval
        self.logger = logger
    }

    /// Deliveries sent at once by this instance: a slow endpoint holds up one of them, not all.
    static let concurrency = 4

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for lane in 0..<Self.concurrency {
                    group.addTask { await loop(reportsQueueDepth: lane == 0) }
                }
            }
        }
    }

    private func loop(reportsQueueDepth: Bool) async {
        while !Task.isCancelled {
            do {
                // Stopping ends the loop between deliveries, not only when the queue runs dry.
                while !Task.isCancelled, try await dispatcher.deliverNext() {}
                if reportsQueueDepth { Gauge(label: "proforma_webhook_queue_depth").record(try await dispatcher.queueDepth()) }
            } catch {
                if !Task.isCancelled { logger.error("sending webhooks failed", metadata: ["error": "\(error)"]) }
            }
            try? await Task.sleep(for: interval)
        }
    }
}

/// Webhook requests over URLSession: no redirects followed, no cookies, a hard timeout.
/// `@unchecked Sendable`: the session is set once, in `init`, and URLSession is thread-safe.
public final class URLSessionWebhookTransport: NSObject, WebhookTransport, URLSessionTaskDelegate, @unchecked Sendable {
    private var session: URLSession!

    override public init() {
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = 5
        configuration.timeoutIntervalForResource = 5
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    public func post(_ url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async throws -> Int {
        guard let target = URL(string: url) else { throw URLError(.badURL) }
        var request = URLRequest(url: target)
        request.httpMethod = "POST"
        request.timeoutInterval = Double(timeout.components.seconds)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = Data(body)
        let (_, response) = try await session.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// A redirect is an answer, not a delivery: Shopify does not follow them either. (The
    /// completion-handler form is the one swift-corelibs-foundation calls.)
    public func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                           newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
