import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ProformaAPI

/// A running Proforma server, reached over HTTP as any client would: the address and Admin API
/// token come from PROFORMA_BENCH_URL and PROFORMA_BENCH_TOKEN (set by `bench/run`).
struct LiveServer: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let url: String
    let token: String
    let client: HTTPClient

    /// Runs `body` with a client that keeps up to `connections` connections open to the server.
    static func withServer<Result: Sendable>(connections: Int = 8, _ body: (LiveServer) async throws -> Result) async throws -> Result {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["PROFORMA_BENCH_URL"], let token = environment["PROFORMA_BENCH_TOKEN"] else {
            throw Failure(description: "set PROFORMA_BENCH_URL and PROFORMA_BENCH_TOKEN (bench/run does)")
        }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await body(LiveServer(url: url, token: token, client: client))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Sends a GraphQL request and returns its `data`, with how long the answer took; any
    /// GraphQL error is thrown.
    func graphQL(_ query: String, variables: [String: JSONValue] = [:]) async throws -> (data: JSONValue, elapsed: Duration) {
        var request = HTTPClientRequest(url: url + "/admin/api/2025-10/graphql.json")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Shopify-Access-Token", value: token)
        let body = JSONValue.object(["query": .string(query), "variables": .object(variables)]).jsonText
        request.body = .bytes(ByteBuffer(string: body))
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        let elapsed = clock.now - start
        let json = try JSONValue.parse(bytes.readableBytesView)
        guard response.status == .ok, json["errors"] == nil, let data = json["data"] else {
            throw Failure(description: "HTTP \(response.status): \(json.jsonText.prefix(500))")
        }
        return (data, elapsed)
    }
}

extension JSONValue {
    /// Follows a path of object keys and array indexes.
    subscript(path path: Any...) -> JSONValue? {
        var value: JSONValue? = self
        for step in path {
            switch (value, step) {
            case (.object(let object), let key as String): value = object[key]
            case (.array(let array), let index as Int) where array.indices.contains(index): value = array[index]
            default: return nil
            }
        }
        return value
    }
}

extension JSONValue {
    var arrayValue: [JSONValue]? {
        if case .array(let array) = self { array } else { nil }
    }
}
