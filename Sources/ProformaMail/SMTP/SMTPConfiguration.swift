import Foundation

/// Where and how to reach an SMTP server, from a URL:
/// `smtp://user:pass@host:587?starttls=required`, `smtps://host:465` (TLS from the start).
/// Query options: `starttls` = `required` (default when credentials are given), `opportunistic`
/// or `never`; `tls_verify=false` trusts any certificate (tests only); `ca_file=/path/ca.pem`
/// trusts that authority; `helo=name` sets the EHLO name; `timeout=seconds` (default 30);
/// `auth=plain` or `auth=login` picks the mechanism (default: PLAIN when offered).
public struct SMTPConfiguration: Sendable, Hashable, CustomStringConvertible {
    public enum StartTLS: String, Sendable, Hashable {
        case required, opportunistic, never
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var implicitTLS: Bool
    public var startTLS: StartTLS
    public var verifyCertificates: Bool
    public var certificateAuthorityFile: String?
    public var heloName: String
    public var timeout: Duration
    /// The AUTH mechanism to use; nil prefers PLAIN.
    public var authMechanism: String?

    public init?(url text: String) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "smtp" || scheme == "smtps", let host = url.host, !host.isEmpty else { return nil }
        let options = Dictionary((url.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") }) { $1 }
        self.host = host
        implicitTLS = scheme == "smtps"
        port = url.port ?? (implicitTLS ? 465 : 587)
        username = url.user?.removingPercentEncoding
        password = url.password?.removingPercentEncoding
        if let given = options["starttls"] {
            guard let mode = StartTLS(rawValue: given.lowercased()) else { return nil }
            startTLS = implicitTLS ? .never : mode
        } else {
            startTLS = implicitTLS ? .never : (username == nil ? .opportunistic : .required)
        }
        verifyCertificates = options["tls_verify"].map { $0.lowercased() != "false" } ?? true
        certificateAuthorityFile = options["ca_file"]
        heloName = options["helo"] ?? "proforma.localhost"
        guard let seconds = Int(options["timeout"] ?? "30"), seconds > 0 else { return nil }
        timeout = .seconds(seconds)
        if let mechanism = options["auth"]?.uppercased() {
            guard mechanism == "PLAIN" || mechanism == "LOGIN" else { return nil }
            authMechanism = mechanism
        }
    }

    /// The URL without its password, for logs and errors.
    public var description: String {
        "\(implicitTLS ? "smtps" : "smtp")://\(username.map { $0 + "@" } ?? "")\(host):\(port)"
    }
}

public struct SMTPError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// A 5xx reply: sending the same message again will fail the same way.
    public var isPermanent: Bool

    public var description: String { message }
}
