import Foundation
import Logging
import ProformaAPI
import ProformaCore
import ProformaMail
import ProformaServices
import ProformaStore

/// How a `proforma` process is configured. Every setting comes from its command-line flag,
/// else from its environment variable, else from its default (README: Configuration).
public struct AppConfiguration: Sendable {
    public var database: DatabaseURL
    public var host: String
    public var port: Int
    /// The URL customers and integrations reach this server at; invoice links start with it.
    public var publicURL: String
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// Seed the demo shop at start when the database has none.
    public var demo: Bool
    /// The key invoice links are signed with; nil uses the installation's key in the database.
    public var secretKey: [UInt8]?
    /// How invoices are delivered: `.eml` files in a folder, or an SMTP server.
    public var mail: MailSetting = .folder("mail")
    /// The Admin API's per-token leaky buckets; off unless configured.
    public var rateLimits: RateLimits.Settings = .off

    public enum MailSetting: Sendable, Hashable {
        case folder(String)
        case smtp(SMTPConfiguration)

        /// `file:PATH` (relative or absolute) or an `smtp://` / `smtps://` URL.
        init?(parsing text: String) {
            if text.hasPrefix("file:") {
                let path = String(text.dropFirst("file:".count)).replacingOccurrences(of: "^//", with: "", options: .regularExpression)
                guard !path.isEmpty else { return nil }
                self = .folder(path)
            } else if let smtp = SMTPConfiguration(url: text) {
                self = .smtp(smtp)
            } else {
                return nil
            }
        }

        public func makeMailer() -> any Mailer {
            switch self {
            case .folder(let path): FileMailer(directory: URL(fileURLWithPath: path))
            case .smtp(let configuration): SMTPMailer(configuration: configuration)
            }
        }
    }

    public enum LogFormat: String, Sendable, CaseIterable {
        case text, json
    }

    public init(database: DatabaseURL = .default, host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil,
                logLevel: Logger.Level = .info, logFormat: LogFormat = .text, demo: Bool = false) {
        self.database = database
        self.host = host
        self.port = port
        self.publicURL = publicURL ?? "http://\(host):\(port)"
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.demo = demo
    }

    /// The settings, each with its flag, environment variable and default, as documented.
    public enum Setting: String, CaseIterable, Sendable {
        case database = "PROFORMA_DATABASE_URL"
        case host = "PROFORMA_HOST"
        case port = "PROFORMA_PORT"
        case publicURL = "PROFORMA_PUBLIC_URL"
        case logLevel = "PROFORMA_LOG_LEVEL"
        case logFormat = "PROFORMA_LOG_FORMAT"
        case secretKey = "PROFORMA_SECRET_KEY"
        case mailer = "PROFORMA_MAILER"
        case rateLimit = "PROFORMA_RATE_LIMIT"
    }

    /// Flags as given on the command line; nil where the flag was not given.
    public struct Flags: Sendable {
        public var database: String?
        public var host: String?
        public var port: Int?
        public var publicURL: String?
        public var logLevel: String?
        public var logFormat: String?
        public var demo = false
        public var secretKey: String?
        public var mailer: String?
        public var rateLimit: String?

        public init(database: String? = nil, host: String? = nil, port: Int? = nil, publicURL: String? = nil,
                    logLevel: String? = nil, logFormat: String? = nil, demo: Bool = false, secretKey: String? = nil,
                    mailer: String? = nil, rateLimit: String? = nil) {
            self.secretKey = secretKey
            self.mailer = mailer
            self.rateLimit = rateLimit
            self.database = database
            self.host = host
            self.port = port
            self.publicURL = publicURL
            self.logLevel = logLevel
            self.logFormat = logFormat
            self.demo = demo
        }
    }

    /// Resolves flags, then the environment, then defaults; bad values are named in the error.
    public static func resolve(_ flags: Flags, environment: [String: String]) throws(ConfigurationError) -> AppConfiguration {
        func value(_ flag: String?, _ setting: Setting) -> (text: String, source: String)? {
            if let flag { return (flag, "flag") }
            if let text = environment[setting.rawValue], !text.isEmpty { return (text, setting.rawValue) }
            return nil
        }
        var configuration = AppConfiguration()
        if let (text, source) = value(flags.database, .database) {
            do {
                configuration.database = try DatabaseURL(parsing: text)
            } catch {
                throw ConfigurationError(source == "flag" ? "--database" : source, error.description)
            }
        }
        if let (text, source) = value(flags.host, .host) {
            guard !text.isEmpty else { throw ConfigurationError(source == "flag" ? "--host" : source, "must not be empty") }
            configuration.host = text
        }
        if let port = flags.port {
            guard (1...65535).contains(port) else { throw ConfigurationError("--port", "must be between 1 and 65535") }
            configuration.port = port
        } else if let text = environment[Setting.port.rawValue], !text.isEmpty {
            guard let port = Int(text), (1...65535).contains(port) else {
                throw ConfigurationError(Setting.port.rawValue, "must be a port number between 1 and 65535, not \"\(text)\"")
            }
            configuration.port = port
        }
        if let (text, source) = value(flags.publicURL, .publicURL) {
            guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
                throw ConfigurationError(source == "flag" ? "--public-url" : source, "must start with http:// or https://")
            }
            configuration.publicURL = text.hasSuffix("/") ? String(text.dropLast()) : text
        } else {
            configuration.publicURL = "http://\(configuration.host):\(configuration.port)"
        }
        if let (text, source) = value(flags.logLevel, .logLevel) {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(source == "flag" ? "--log-level" : source, "must be one of \(levels)")
            }
            configuration.logLevel = level
        }
        if let (text, source) = value(flags.logFormat, .logFormat) {
            guard let format = LogFormat(rawValue: text.lowercased()) else {
                throw ConfigurationError(source == "flag" ? "--log-format" : source, "must be text or json")
            }
            configuration.logFormat = format
        }
        if let (text, source) = value(flags.secretKey, .secretKey) {
            guard let key = Self.decodeKey(text), key.count >= 32 else {
                throw ConfigurationError(source == "flag" ? "--secret-key" : source,
                                         "must be at least 32 bytes, as hex or base64 (e.g. `openssl rand -hex 32`)")
            }
            configuration.secretKey = key
        }
        if let (text, source) = value(flags.mailer, .mailer) {
            guard let mail = MailSetting(parsing: text) else {
                throw ConfigurationError(source == "flag" ? "--mailer" : source,
                                         "must be file:FOLDER or smtp://user:password@host:port?starttls=required")
            }
            configuration.mail = mail
        }
        if let (text, source) = value(flags.rateLimit, .rateLimit) {
            guard let limits = Self.rateLimits(text) else {
                throw ConfigurationError(source == "flag" ? "--rate-limit" : source,
                                         "must be off, standard, or REST_BUCKET/REST_PER_SECOND,GRAPHQL_POINTS/GRAPHQL_PER_SECOND (e.g. 40/2,1000/50)")
            }
            configuration.rateLimits = limits
        }
        configuration.demo = flags.demo
        return configuration
    }

    /// `off`, `standard`, or `40/2,1000/50`: REST requests per bucket and per second drained, then
    /// GraphQL points and points restored per second.
    static func rateLimits(_ text: String) -> RateLimits.Settings? {
        switch text.lowercased() {
        case "off": return .off
        case "standard", "on": return .standard
        default:
            let limits = text.split(separator: ",").map { part -> LeakyBucket.Limit? in
                let numbers = part.split(separator: "/").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                // Bounded, so that headers and waits stay whole numbers a client can read.
                guard numbers.count == 2, (1...1_000_000_000).contains(numbers[0]), (0.001...1_000_000_000).contains(numbers[1]) else {
                    return nil
                }
                return LeakyBucket.Limit(capacity: numbers[0], leakPerSecond: numbers[1])
            }
            guard limits.count == 2, let rest = limits[0], let graphQL = limits[1] else { return nil }
            return RateLimits.Settings(rest: rest, graphQL: graphQL, isEnforced: true)
        }
    }
}

extension AppConfiguration {
    /// Hex (64+ digits) or base64 key text.
    static func decodeKey(_ text: String) -> [UInt8]? {
        let hexDigits = Array(text.utf8)
        if hexDigits.count % 2 == 0, hexDigits.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }) {
            func value(_ byte: UInt8) -> UInt8 { byte <= 57 ? byte - 48 : (byte | 0x20) - 87 }
            return stride(from: 0, to: hexDigits.count, by: 2).map { value(hexDigits[$0]) << 4 | value(hexDigits[$0 + 1]) }
        }
        return Data(base64Encoded: text).map(Array.init)
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public var setting: String
    public var problem: String

    init(_ setting: String, _ problem: String) {
        self.setting = setting
        self.problem = problem
    }

    public var description: String { "\(setting): \(problem)" }
}
