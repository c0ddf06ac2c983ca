import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProformaAPI
import Synchronization

/// A webhook receiver on loopback: a real HTTP server that records what arrives and answers
/// with the statuses it is told to, in turn (200 once they run out).
public final class WebhookReceiver: Sendable {
    public struct Received: Sendable {
        public var headers: HTTPFields
        public var body: [UInt8]
        public var topic: String { headers[HTTPField.Name("X-Shopify-Topic")!] ?? "" }
        public var webhookID: String { headers[HTTPField.Name("X-Shopify-Webhook-Id")!] ?? "" }
        public var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }
    }

    public init() {}

    let received = Mutex<[Received]>([])
    let answers = Mutex<[HTTPResponse.Status]>([])
    let delay = Mutex<Duration>(.zero)

    public var all: [Received] { received.withLock { $0 } }

    public func answer(next statuses: [HTTPResponse.Status]) { answers.withLock { $0 = statuses } }

    /// Makes every answer from now on wait `pause` after the request has arrived.
    public func answer(after pause: Duration) { delay.withLock { $0 = pause } }

    /// Runs `body` with the receiver listening; `url` is where to subscribe.
    public func run(_ body: @Sendable (_ url: String) async throws -> Void) async throws {
        let router = Router()
        router.post("hooks") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            self.received.withLock { $0.append(Received(headers: request.headers, body: Array(buffer: bytes))) }
            let status = self.answers.withLock { $0.isEmpty ? HTTPResponse.Status.ok : $0.removeFirst() }
            try await Task.sleep(for: self.delay.withLock { $0 })
            // A redirect names somewhere else to go, which a webhook sender must not follow.
            let headers: HTTPFields = status.kind == .redirection ? [.location: "/elsewhere"] : [:]
            return Response(status: status, headers: headers)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port ?? 0)/hooks")
        }
    }
}

