import HTTPTypes
import Logging
import Hummingbird
import ProformaAPI
import ProformaCore
import ProformaServices

/// How the session cookie is set: `Secure` when the admin is served over https.
public struct SessionCookie: Sendable {
    public static let name = "proforma_session"
    let secure: Bool

    public init(secure: Bool) {
        self.secure = secure
    }

    func set(_ secret: String) -> String {
        "\(Self.name)=\(secret); Path=/staff; HttpOnly; SameSite=Lax\(secure ? "; Secure" : "")"
            + "; Max-Age=\(StaffSessionService.maximumAge / 1000)"
    }

    func clear() -> String {
        "\(Self.name)=; Path=/staff; HttpOnly; SameSite=Lax\(secure ? "; Secure" : ""); Max-Age=0"
    }
}

/// Every admin route behind it needs a live session; a browser without one is sent to sign
/// in. Every post must carry the session's CSRF token (`csrf`), or it is refused with 403
/// before anything runs. What the member does is recorded in their name.
struct StaffSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sessions: StaffSessionService
    let pages: Pages

    func handle(_ request: Request, context: Context,
                next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        guard let secret = request.cookie(SessionCookie.name), let session = try await sessions.session(secret: secret) else {
            if request.method == .get {
                let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return WebResponse.redirect("/staff/login?next=" + queryEscaped(back))
            }
            return WebResponse.text("Your session has ended. Sign in again.", status: .unauthorized)
        }
        // The token is read from the body, so the body is collected here and handed on.
        var request = request
        if request.method != .get && request.method != .head {
            let body = try await request.collectBody(upTo: 1 << 20)
            let form = FormData(encoded: String(buffer: body))
            guard session.isValidCSRFToken(form["csrf"] ?? "") else {
                return pages.render("message", title: "Refused", session: session,
                                    ["message": "This form is out of date or did not come from Proforma. Reload the page and try again."],
                                    status: .forbidden)
            }
        }
        var context = context
        context.staffSession = session
        context.logger[metadataKey: "staff"] = "\(session.member.id)"
        return try await ActingParty.$name.withValue(session.member.email) { try await next(request, context) }
    }
}

/// Signing in and out.
struct LoginController: Sendable {
    let sessions: StaffSessionService
    let pages: Pages
    let cookie: SessionCookie

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("staff/login") { request, _ in
            loginPage(next: request.queryForm["next"] ?? "")
        }
        router.post("staff/login") { request, _ in
            let form = try await FormData.read(request)
            let next = Self.safeNext(form["next"])
            switch try await sessions.signIn(email: form["email"] ?? "", password: form["password"] ?? "") {
            case .signedIn(_, let secret):
                return WebResponse.redirect(next, headers: [.setCookie: cookie.set(secret)])
            case .refused:
                return loginPage(next: next, email: form["email"] ?? "", error: "The email or password is not right.",
                                 status: .unauthorized)
            case .throttled(let seconds):
                var response = loginPage(next: next, email: form["email"] ?? "",
                                         error: "Too many failed attempts. Wait \(seconds) seconds, then try again.",
                                         status: .tooManyRequests)
                response.headers[.retryAfter] = String(seconds)
                return response
            }
        }
        // Signing out takes the session's own token, so no other site can sign a member out.
        router.post("staff/logout") { request, _ in
            let form = try await FormData.read(request)
            if let secret = request.cookie(SessionCookie.name), let session = try await sessions.session(secret: secret),
               session.isValidCSRFToken(form["csrf"] ?? "") {
                try await sessions.signOut(secret: secret)
            }
            return WebResponse.redirect("/staff/login", headers: [.setCookie: cookie.clear()])
        }
    }

    private func loginPage(next: String, email: String = "", error: String? = nil,
                           status: HTTPResponse.Status = .ok) -> Response {
        var view: [String: Any] = ["next": Self.safeNext(next), "email": email]
        if let error { view["error"] = error }
        return pages.render("login", title: "Sign in", session: nil, view, status: status)
    }

    /// Only a path inside the admin: a crafted `next` must not send the member elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/staff/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.hasPrefix("/staff/login") else { return "/staff/drafts" }
        return next
    }
}
