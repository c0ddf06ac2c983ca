import AsyncHTTPClient
import Logging
import Metrics
import NIOCore
import NIOHTTP1
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

/// Webhook requests over AsyncHTTPClient (SwiftNIO): no redirects followed, a hard deadline,
/// and cancellation that really stops the request. URLSession on Linux could not promise any
/// of the three: a request it was asked to cancel could hold a worker thread until it ended.
public struct HTTPClientWebhookTransport: WebhookTransport {
    /// One client for the process, like the event loops it runs on: it lives as long as the
    /// process, so it is never shut down (and never deinitialized unshut).
    ///
    /// The caller's `timeout` bounds the whole request, connecting included. The client's own
    /// limits stand back (no read timeout, a connect timeout no deadline reaches): a shorter one
    /// would cut off an answer the dispatcher was told to wait for.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(60), read: nil))
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public init() {}

    public func post(_ url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await Self.client.execute(request, timeout: .nanoseconds(timeout.components.seconds * 1_000_000_000))
        // The answer's body is not needed; reading a little releases the connection.
        _ = try? await response.body.collect(upTo: 64 * 1024)
        return Int(response.status.code)
    }
}
