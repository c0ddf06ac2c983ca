import Hummingbird
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

    /// Adds the routes to the `/admin` group, which authenticates the token.
    public func addRoutes(to admin: RouterGroup<AppRequestContext>) {
        let routes = RESTRoutes(group: admin, baseURL: baseURL, limits: limits)
        DraftOrderREST(services: services).addRoutes(to: routes)
        CustomerREST(services: services).addRoutes(to: routes)
        CatalogREST(services: services).addRoutes(to: routes)
        OrderREST(services: services).addRoutes(to: routes)
    }
}
