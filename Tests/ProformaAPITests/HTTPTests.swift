import HTTPTypes
import HummingbirdTesting
import NIOCore
import Logging
import ProformaAPI
import ProformaApp
import ProformaServices
import ProformaCore
import ProformaTestSupport
import Testing

@Suite("HTTP surface")
struct HTTPTests {
    static let unauthorized = #"{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}"#

    @Test("missing, wrong and revoked tokens get Shopify's 401", arguments: TestEngine.all)
    func unauthorized(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let body: JSONValue = ["query": "{ shop { name } }"]
            for token in [nil, "pfat_00000000000000000000000000000000", "not-even-a-token"] {
                let response = try await api.post("/admin/api/2025-10/graphql.json", json: body, token: token)
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body) == Self.unauthorized)
            }
            let tokens = try await api.components.services.access.tokens(shop: api.shop.id)
            _ = try await api.components.services.access.revokeToken(shop: api.shop.id, id: tokens[0].id)
            let revoked = try await api.post("/admin/api/2025-10/graphql.json", json: body, token: api.token)
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test("any YYYY-MM or unstable version is served and echoed; others are 404", arguments: TestEngine.all)
    func versions(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            for version in ["2025-10", "2024-01", "unstable"] {
                let response = try await api.post("/admin/api/\(version)/graphql.json", json: ["query": "{ shop { name } }"],
                                                   token: api.token)
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("X-Shopify-API-Version")!] == version)
            }
            for version in ["2025-13", "latest", "25-10"] {
                let response = try await api.post("/admin/api/\(version)/graphql.json", json: ["query": "{ shop { name } }"],
                                                   token: api.token)
                #expect(response.status == .notFound, "\(version)")
            }
        }
    }

    @Test("malformed bodies get 400 with a message", arguments: [TestEngine.sqlite])
    func badBodies(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let headers: HTTPFields = [.contentType: "application/json", HTTPField.Name("X-Shopify-Access-Token")!: api.token]
            let garbage = try await api.client.execute(uri: "/admin/api/2025-10/graphql.json", method: .post, headers: headers,
                                                       body: ByteBuffer(string: "{not json"))
            #expect(garbage.status == .badRequest)
            #expect(String(buffer: garbage.body).contains("Invalid JSON"))
            let missing = try await api.post("/admin/api/2025-10/graphql.json", json: ["variables": [:]], token: api.token)
            #expect(missing.status == .badRequest)
            #expect(String(buffer: missing.body) == #"{"errors":"Parameter 'query' is missing"}"#)
        }
    }

    @Test("a raw application/graphql body is accepted", arguments: [TestEngine.sqlite])
    func rawGraphQL(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let headers: HTTPFields = [.contentType: "application/graphql", HTTPField.Name("X-Shopify-Access-Token")!: api.token]
            let response = try await api.client.execute(uri: "/admin/api/2025-10/graphql.json", method: .post, headers: headers,
                                                        body: ByteBuffer(string: "{ shop { name } }"))
            #expect(String(buffer: response.body).hasPrefix(#"{"data":{"shop":{"name":"Snowdevil"}},"extensions":{"cost":"#))
        }
    }

    @Test("health reports the database", arguments: TestEngine.all)
    func health(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let response = try await api.client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == #"{"status":"ok","database":"ok"}"#)
        }
    }
}
