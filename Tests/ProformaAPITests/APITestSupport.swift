import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ProformaAPI
import ProformaApp
import ProformaCore
import ProformaMail
import ProformaServices
import ProformaStore
import ProformaTestSupport

/// An in-process server on a fresh database with one shop and a token, driven through
/// HummingbirdTesting's router client.
struct APIHarness: Sendable {
    let client: any TestClientProtocol
    let shop: Shop
    let token: String
    let components: AppComponents
    /// Where the server's file mailer writes.
    let mailFolder: URL

    /// Runs `body` against the app; the shop has the fixture settings and a token with `scopes`.
    static func run(_ engine: TestEngine, scopes: ScopeSet = .all, rateLimits: RateLimits.Settings = .off,
                    _ body: @Sendable (APIHarness) async throws -> Void) async throws {
        let url = try await TestDatabases.shared.fresh(engine)
        defer { TestDatabases.discard(url) }
        var logger = Logger(label: "api-test")
        logger.logLevel = .warning
        let configuration = {
            var configuration = AppConfiguration(database: url, publicURL: "https://quotes.snowdevil.test")
            configuration.rateLimits = rateLimits
            return configuration
        }()
        let invoiceLinks = try await withDatabase(url, logger: logger) { database in
            try await AppComponents.prepare(database, configuration: configuration)
        }
        let mailFolder = FileManager.default.temporaryDirectory.appendingPathComponent("proforma-mail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: mailFolder) }
        let components = AppComponents(database: try await Database.open(url, logger: logger), invoiceLinks: invoiceLinks,
                                       clock: TestClock(), passwordHasher: PlainTestHasher(),
                                       mailer: FileMailer(directory: mailFolder),
                                       // Under a full parallel run a loopback receiver has answered after more than 5 s.
                                       webhookTimeout: .seconds(30))
        let app = try buildApplication(configuration, components: components, logger: logger)
        try await app.test(.router) { client in
            let shop = try await components.services.shops.apply(Fixtures.settings, to: nil)
            let token = try await components.services.access.createToken(shop: shop.id, name: "test", scopes: scopes).secret
            try await body(APIHarness(client: client, shop: shop, token: token, components: components, mailFolder: mailFolder))
        }
    }

    /// Posts a GraphQL request and returns the HTTP status and the decoded body.
    @discardableResult
    func graphQL(_ query: String, variables: [String: JSONValue] = [:], operationName: String? = nil, token: String? = nil,
                 version: String = "2025-10") async throws -> JSONValue {
        var body: [String: JSONValue] = ["query": .string(query)]
        if !variables.isEmpty { body["variables"] = .object(variables) }
        if let operationName { body["operationName"] = .string(operationName) }
        let response = try await post("/admin/api/\(version)/graphql.json", json: .object(body), token: token ?? self.token)
        guard response.status == .ok else { throw HarnessError("HTTP \(response.status.code): \(String(buffer: response.body))") }
        return try JSONValue.parse(response.body.readableBytesView)
    }

    func post(_ path: String, json: JSONValue, token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[HTTPField.Name("X-Shopify-Access-Token")!] = token }
        var writer = JSONWriter()
        writer.write(json)
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: writer.bytes))
    }

    /// A REST Admin call: `path` is relative to `/admin/api/2025-07/` unless it starts with `/`.
    /// Returns the status, the headers and the decoded body (`null` when empty).
    @discardableResult
    func rest(_ method: HTTPRequest.Method, _ path: String, json: JSONValue? = nil, token: String? = nil,
              contentType: String = "application/json", rawBody: String? = nil) async throws -> RESTAnswer {
        var headers: HTTPFields = [.contentType: contentType]
        headers[HTTPField.Name("X-Shopify-Access-Token")!] = token ?? self.token
        var body: ByteBuffer?
        if let json {
            var writer = JSONWriter()
            writer.write(json)
            body = ByteBuffer(bytes: writer.bytes)
        } else if let rawBody {
            body = ByteBuffer(string: rawBody)
        }
        let uri = path.hasPrefix("/") ? path : "/admin/api/2025-07/" + path
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        let decoded = response.body.readableBytes == 0 ? JSONValue.null : try JSONValue.parse(response.body.readableBytesView)
        return RESTAnswer(status: response.status, headers: response.headers, body: decoded)
    }
}

struct RESTAnswer {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: JSONValue
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
