import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ProformaCore
import ProformaServices
import ProformaStore

/// `proforma`: the server and the administrative commands, all in one binary.
public struct ProformaCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "proforma",
        abstract: "Self-hosted draft orders and B2B quotes with a Shopify-compatible Admin API.",
        subcommands: [ServeCommand.self, MigrateCommand.self, DemoCommand.self, TokenCommand.self, StaffCommand.self,
                      WebhookSecretCommand.self, ImportCommand.self, SettingsCommand.self, DevCommand.self])

    public init() {}
}

/// `--database`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "sqlite:PATH or postgres://user[:password]@host[:port]/database (env PROFORMA_DATABASE_URL; default sqlite:proforma.sqlite)",
        valueName: "url"))
    var database: String?

    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        try AppConfiguration.resolve(.init(database: database), environment: environment)
    }
}

/// `--shop`, for commands that act on one shop of a database that may hold several.
struct ShopOption: ParsableArguments {
    @Option(name: .long, help: "The shop's id; may be left out when the database has one shop.")
    var shop: Int64?
}

/// Opens the database, applies pending migrations and hands the wired components to `body`.
func withComponents<T: Sendable>(
    _ options: DatabaseOptions, _ body: @Sendable (AppComponents) async throws -> T
) async throws -> T {
    let configuration = try options.configuration()
    var logger = Logger(label: "proforma")
    logger.logLevel = .warning
    return try await withDatabase(configuration.database, logger: logger) { database in
        let invoiceLinks = try await AppComponents.prepare(database, configuration: configuration)
        return try await body(AppComponents(database: database, invoiceLinks: invoiceLinks))
    }
}

/// Writes to standard error, where messages for people go when standard output is for scripts.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes a line to standard output at once, unbuffered, so that a script reading a pipe
/// sees the server's banner while the server keeps running.
func printNow(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

func printCredentials(_ credentials: DemoSeeder.Credentials, publicURL: String) {
    printNow("""
        Shop:         \(credentials.shopName) (id \(credentials.shopID))
        Admin API:    \(publicURL)/admin/api/2025-10/graphql.json
        Access token: \(credentials.accessToken)
        Staff login:  \(credentials.staffEmail) / \(credentials.staffPassword)
        """)
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Migrate the database and serve the Admin API.")

    @Flag(help: "Seed the demo shop when the database has no shop, and print an access token and a staff login.")
    var demo = false
    @Option(help: "Interface to listen on (env PROFORMA_HOST; default 127.0.0.1).")
    var host: String?
    @Option(help: "Port to listen on (env PROFORMA_PORT; default 8080).")
    var port: Int?
    @Option(name: .customLong("public-url"), help: "URL clients reach this server at (env PROFORMA_PUBLIC_URL).")
    var publicURL: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env PROFORMA_LOG_LEVEL).")
    var logLevel: String?
    @Option(name: .customLong("log-format"), help: "text or json (env PROFORMA_LOG_FORMAT).")
    var logFormat: String?
    @Option(name: .customLong("secret-key"), help: "Key signing invoice links, 32+ bytes as hex or base64 (env PROFORMA_SECRET_KEY).")
    var secretKey: String?
    @Option(help: "Where invoices go: file:FOLDER (default file:mail) or smtp://user:pass@host:587?starttls=required (env PROFORMA_MAILER).")
    var mailer: String?
    @Option(name: .customLong("rate-limit"),
            help: "Per-token Admin API limits: off (default), standard (REST 40/2, GraphQL 1000/50) or e.g. 40/2,1000/50 (env PROFORMA_RATE_LIMIT).")
    var rateLimit: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = try AppConfiguration.resolve(
            .init(database: database.database, host: host, port: port, publicURL: publicURL, logLevel: logLevel,
                  logFormat: logFormat, demo: demo, secretKey: secretKey, mailer: mailer, rateLimit: rateLimit),
            environment: ProcessInfo.processInfo.environment)
        LogSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let logger = Logger(label: "proforma")
        logger.info("opening database", metadata: ["database": "\(configuration.database)"])
        // Migrate on a connection of its own; the server's pools start with the server.
        let invoiceLinks = try await withDatabase(configuration.database, logger: logger) { database in
            try await AppComponents.prepare(database, configuration: configuration)
        }
        let components = AppComponents(database: try await Database.open(configuration.database, logger: logger),
                                       invoiceLinks: invoiceLinks, mailer: configuration.mail.makeMailer())
        let publicURL = configuration.publicURL
        // The process's metrics, for /metrics; bootstrapped once, here, as swift-metrics requires.
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let app = try buildApplication(configuration, components: components, logger: logger, metrics: metrics) { credentials in
            printNow("Proforma is serving at \(publicURL)")
            if let credentials {
                printCredentials(credentials, publicURL: publicURL)
                printNow("Staff admin:  \(publicURL)/staff")
            } else {
                printNow("Admin API:    \(publicURL)/admin/api/2025-10/graphql.json")
                printNow("Create an access token with: proforma token create --scopes all")
            }
        }
        try await app.runService()
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations (safe to run again, and concurrently).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = try database.configuration()
        var logger = Logger(label: "proforma")
        logger.logLevel = .warning
        let applied = try await withDatabase(configuration.database, logger: logger) { database in
            try await Migrator(database: database).migrate(now: SystemWallClock().now().millisecondsSince1970)
        }
        if applied.isEmpty {
            print("The database is up to date (schema version \(Migrator.latestVersion)).")
        } else {
            print("Applied migrations \(applied.map(String.init).joined(separator: ", ")); schema version \(Migrator.latestVersion).")
        }
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Seed the demo shop into a database that has no shop yet.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let credentials = try await withComponents(database) { components in
            try await DemoSeeder(components: components).seed()
        }
        printCredentials(credentials, publicURL: try database.configuration().publicURL)
    }
}
