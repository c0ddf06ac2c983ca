import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ProformaCore
import ProformaServices

/// The request context for every route: the Admin API's token once authenticated.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var accessToken: AccessToken?
    /// The signed-in staff member's session, on web admin routes.
    public var staffSession: StaffSession?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

extension HTTPField.Name {
    static let shopifyAccessToken = Self("X-Shopify-Access-Token")!
    static let shopifyAPIVersion = Self("X-Shopify-API-Version")!
}

/// Admin API responses in Shopify's shapes, for the cases every Admin route shares.
enum AdminResponses {
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, version: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let version { headers[.shopifyAPIVersion] = version }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"errors": "message"}`, Shopify's body for 4xx responses outside GraphQL.
    static func error(_ message: String, status: HTTPResponse.Status, version: String? = nil) -> Response {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("errors")
        writer.string(message)
        writer.endObject()
        return json(writer.bytes, status: status, version: version)
    }
}

/// Requires a live `X-Shopify-Access-Token` on every Admin request.
public struct AccessTokenMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let access: AccessService

    public init(access: AccessService) {
        self.access = access
    }

    public func handle(_ request: Request, context: Context,
                       next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        guard let secret = request.headers[.shopifyAccessToken],
              let token = try await access.authenticate(secret: secret) else {
            return AdminResponses.error("[API] Invalid API key or access token (unrecognized login or wrong password)",
                                        status: .unauthorized)
        }
        var context = context
        context.accessToken = token
        context.logger[metadataKey: "shop"] = "\(token.shopID)"
        return try await ActingParty.$name.withValue("API token “\(token.name)”") { try await next(request, context) }
    }
}

/// API versions are `YYYY-MM` or `unstable`; any is accepted and echoed, as every version
/// Proforma serves speaks the same draft-order dialect.
enum APIVersion {
    static func isValid(_ text: String) -> Bool {
        if text == "unstable" { return true }
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]) else { return false }
        return year >= 2000 && (1...12).contains(month)
    }
}

/// `POST /admin/api/{version}/graphql.json`, routed on the `/admin` group.
public struct AdminGraphQLController: Sendable {
    let graphQL: AdminGraphQL
    let services: Services
    let limits: RateLimits
    let logger: Logger

    public static let maximumBodySize = 4 * 1024 * 1024

    public init(graphQL: AdminGraphQL, services: Services, limits: RateLimits, logger: Logger) {
        self.graphQL = graphQL
        self.services = services
        self.limits = limits
        self.logger = logger
    }

    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("api/:version/graphql.json") { request, context in
            try await self.handle(request, context: context)
        }
    }

    func handle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let version = context.parameters.get("version") ?? ""
        guard APIVersion.isValid(version) else { return AdminResponses.error("Not Found", status: .notFound) }
        guard let token = context.accessToken else {
            return AdminResponses.error("[API] Invalid API key or access token (unrecognized login or wrong password)",
                                        status: .unauthorized)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maximumBodySize)
        } catch {
            return AdminResponses.error("Request body too large", status: .contentTooLarge, version: version)
        }
        let query: String
        var variables = GraphQLVariables.none
        var operationName: String?
        // As for REST, a NUL in any string of the body refuses it; parsing says whether one does.
        var bodyHasNUL = false
        if request.headers[.contentType]?.hasPrefix("application/graphql") == true {
            query = String(buffer: body)
        } else {
            guard let document = try? JSONDocument.parse(body.readableBytesView), document.withRoot(\.isObject) else {
                return AdminResponses.error("Invalid JSON in request body", status: .badRequest, version: version)
            }
            bodyHasNUL = document.containsNUL
            let fields = document.withRoot { root in
                (query: root.member("query")?.string, operationName: root.member("operationName")?.string,
                 variables: root.member("variables").map { document.rooted(at: $0) })
            }
            guard let text = fields.query else {
                return AdminResponses.error("Parameter 'query' is missing", status: .badRequest, version: version)
            }
            query = text
            operationName = fields.operationName
            if let sent = fields.variables {
                if let encoded = sent.withRoot(\.string) {
                    // Some clients send the variables as a JSON string, whose escapes the body's parse did not decode.
                    let parsed = try? JSONDocument.parse(Array(encoded.utf8))
                    variables = parsed.flatMap(GraphQLVariables.init(object:)) ?? .none
                    bodyHasNUL = bodyHasNUL || parsed?.containsNUL == true
                } else {
                    variables = GraphQLVariables(object: sent) ?? .none
                }
            }
        }
        // Also a raw NUL in an `application/graphql` body, and the escape in a string literal of the document.
        guard !bodyHasNUL, !query.utf8.contains(0), !query.contains(bytes: #"\u0000"#) else {
            return AdminResponses.error("Strings must not contain NUL characters", status: .badRequest, version: version)
        }
        let adminContext = AdminContext(shopID: token.shopID, scopes: token.scopes, services: services, logger: context.logger)
        let limits = self.limits
        let meter = CostMeter(limit: limits.settings.graphQL) { cost in limits.takeGraphQL(token.id, cost: cost) }
        let response = await graphQL.respond(query: query, variables: variables, operationName: operationName,
                                             context: adminContext, meter: meter)
        return AdminResponses.json(response, version: version)
    }
}
