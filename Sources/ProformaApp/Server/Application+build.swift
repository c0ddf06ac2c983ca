import Hummingbird
import NIOCore
import Logging
import ProformaAPI
import ProformaCore
import ProformaMail
import ProformaServices
import ProformaStore
import ProformaWeb
import Prometheus
import Synchronization

/// The pieces a running Proforma is made of, wired once and shared by the server, the CLI
/// commands and the tests.
public struct AppComponents: Sendable {
    public let database: Database
    public let store: SQLStore
    public let clock: any WallClock
    public let services: Services
    public let webhookDispatcher: WebhookDispatcher

    public init(database: Database, invoiceLinks: InvoiceLinks, clock: any WallClock = SystemWallClock(),
                passwordHasher: any PasswordHasher = BcryptPasswordHasher(),
                mailer: any Mailer = AppConfiguration.MailSetting.folder("mail").makeMailer(),
                webhookTransport: any WebhookTransport = HTTPClientWebhookTransport(),
                webhookTimeout: Duration = WebhookDispatcher.defaultTimeout) {
        self.database = database
        self.store = SQLStore(database: database)
        self.clock = clock
        self.services = Services(store: store, clock: clock, passwordHasher: passwordHasher, invoiceLinks: invoiceLinks,
                                 invoiceRenderer: MustacheInvoiceRenderer(), mailer: mailer,
                                 mailerFactory: SMTPMailerFactory(), webhookPayloads: RESTWebhookPayloads())
        self.webhookDispatcher = WebhookDispatcher(store: store, clock: clock, transport: webhookTransport,
                                                   timeout: webhookTimeout)
    }

    /// Applies pending migrations and settles the key invoice links are signed with: the
    /// configured one, else the installation's own, kept in the database.
    public static func prepare(_ database: Database, configuration: AppConfiguration,
                               clock: any WallClock = SystemWallClock()) async throws -> InvoiceLinks {
        try await Migrator(database: database).migrate(now: clock.now().millisecondsSince1970)
        let secretKey: [UInt8] = if let configured = configuration.secretKey {
            configured
        } else {
            try await InstanceSettings.secretKey(database)
        }
        return InvoiceLinks(publicURL: configuration.publicURL, secretKey: secretKey)
    }
}

/// Builds the HTTP application: routes, middleware and the services it runs (the database
/// pools and the job runner). With `demo`, the demo shop is seeded before requests are served.
/// `onReady` runs once the server accepts connections, so that whoever reads what it prints
/// can connect at once.
public func buildApplication(
    _ configuration: AppConfiguration, components: AppComponents, logger: Logger,
    metrics: PrometheusCollectorRegistry? = nil,
    onReady: @escaping @Sendable (DemoSeeder.Credentials?) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let router = try buildRouter(components: components, rateLimits: configuration.rateLimits, metrics: metrics, logger: logger)
    let seeded = SeededCredentials()
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Proforma"),
        onServerRunning: { _ in await onReady(seeded.value.withLock { $0 }) },
        logger: logger)
    app.addServices(DatabaseService(database: components.database), JobRunnerService(services: components.services, logger: logger),
                    ReservationExpiryService(inventory: components.services.inventory, logger: logger),
                    WebhookDeliveryService(dispatcher: components.webhookDispatcher, logger: logger))
    app.beforeServerStarts {
        if configuration.demo {
            let credentials = try await DemoSeeder(components: components).seedIfEmpty()
            seeded.value.withLock { $0 = credentials }
        }
    }
    return app
}

/// What the demo seeding hands to the banner, from before the server starts to once it runs.
private final class SeededCredentials: Sendable {
    let value = Mutex<DemoSeeder.Credentials?>(nil)
}

/// The routes, separate from the server so that tests can drive them in-process.
public func buildRouter(components: AppComponents, rateLimits: RateLimits.Settings = .off,
                        metrics: PrometheusCollectorRegistry? = nil, logger: Logger) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    // Request counts and latencies go to whatever metrics backend the process bootstrapped.
    router.add(middleware: MetricsMiddleware())
    if let metrics {
        // Prometheus' text format; readable without a token, like /health: restrict it at the proxy.
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
    }
    router.add(middleware: AdminNotFoundMiddleware())
    HealthController(store: components.store).addRoutes(to: router)
    CheckoutController(checkout: components.services.checkout, links: components.services.draftOrders.invoiceLinks)
        .addRoutes(to: router)
    StaffAdmin(services: components.services,
               secureCookies: components.services.draftOrders.invoiceLinks.publicURL.lowercased().hasPrefix("https:"))
        .addRoutes(to: router)
    let admin = router.group("admin").add(middleware: AccessTokenMiddleware(access: components.services.access))
    let limits = RateLimits(rateLimits)
    AdminGraphQLController(graphQL: try AdminGraphQL(logger: logger), services: components.services, limits: limits,
                           logger: logger)
        .addRoutes(to: admin)
    let rest = AdminRESTController(services: components.services,
                                   baseURL: components.services.draftOrders.invoiceLinks.publicURL, limits: limits)
    rest.addOpenAPIRoute(to: router)
    rest.addRoutes(to: admin)
    return router
}
