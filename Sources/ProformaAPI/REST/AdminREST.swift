import Hummingbird
import NIOCore
import ProformaServices

/// The REST Admin API: Shopify's paths, root keys and JSON shapes for draft orders and the
/// resources they lean on, on `/admin/api/{version}/…` and the legacy `/admin/…`.
public struct AdminRESTController: Sendable {
    let services: Services
    let baseURL: String
    let limits: RateLimits

    /// `baseURL` is where clients reach the server; `Link` headers point there.
    public init(services: Services, baseURL: String, limits: RateLimits) {
        self.services = services
        self.baseURL = baseURL
        self.limits = limits
    }

    /// `GET /admin/api/openapi.json`, readable without a token: the description of every route
    /// below, for client generators and API checkers.
    public func addOpenAPIRoute(to router: Router<AppRequestContext>) {
        let document = OpenAPIDocument.document(serverURL: baseURL).bytes
        router.get("admin/api/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
    }

    /// Adds the routes to the `/admin` group, which authenticates the token.
    public func addRoutes(to admin: RouterGroup<AppRequestContext>) {
        let routes = RESTRoutes(group: admin, baseURL: baseURL, limits: limits)
        DraftOrderREST(services: services).addRoutes(to: routes)
        CustomerREST(services: services).addRoutes(to: routes)
        CatalogREST(services: services).addRoutes(to: routes)
        OrderREST(services: services).addRoutes(to: routes)
        ShopREST(services: services).addRoutes(to: routes)
        WebhookREST(services: services).addRoutes(to: routes)
    }
}

/// Unknown paths under `/admin` answer Shopify's JSON 404 rather than an empty one, so that
/// clients parse them like any other missing record.
public struct AdminNotFoundMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context,
                       next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && request.uri.path.hasPrefix("/admin/") {
            return RESTError.notFound.response
        }
    }
}
