import Hummingbird
import ProformaAPI
import ProformaServices

/// The staff web admin at `/staff`: server-rendered pages over the same services (and the
/// same calculator) as the Admin API.
public struct StaffAdmin: Sendable {
    let services: Services
    let cookie: SessionCookie
    let pages = Pages()

    /// `secureCookies` when the admin is served over https (the public URL says so).
    public init(services: Services, secureCookies: Bool) {
        self.services = services
        self.cookie = SessionCookie(secure: secureCookies)
    }

    public func addRoutes(to router: Router<AppRequestContext>) {
        Assets.addRoutes(to: router)
        router.get("staff") { _, _ in WebResponse.redirect("/staff/drafts") }
        LoginController(sessions: services.staffSessions, pages: pages, cookie: cookie).addRoutes(to: router)
        let group = router.group("staff").add(middleware: StaffSessionMiddleware(sessions: services.staffSessions, pages: pages))
        DraftListController(services: services, pages: pages).addRoutes(to: group)
        DraftEditorController(services: services, pages: pages).addRoutes(to: group)
        RecordPages(services: services, pages: pages).addRoutes(to: group)
        SettingsController(services: services, pages: pages).addRoutes(to: group)
    }
}
