import Foundation
import Hummingbird
import Mustache
import ProformaCore
import ProformaServices

/// Renders the admin's pages: each template fills the layout's `content` block. Values go
/// through `{{…}}`, which escapes them; no template uses the unescaped forms.
struct Pages: Sendable {
    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        // Compiled-in templates: a parse error is a bug every page test catches.
        for (name, template) in PageTemplates.all {
            try! library.register(template, named: name)
        }
        self.library = library
    }

    /// The page, with what the layout needs: the signed-in member, navigation and the form token.
    func render(_ template: String, title: String, session: StaffSession?, section: String = "",
                _ view: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        var view = view
        view["pageTitle"] = title
        if let session {
            view["staff"] = ["email": session.member.email, "role": session.member.role.rawValue]
            view["csrf"] = session.csrfToken
            view["isAdmin"] = session.member.role == .admin
            view["nav"] = Self.sections.map { ["href": $0.href, "label": $0.label, "current": $0.label == section] }
        }
        return WebResponse.html(library.render(view, withTemplate: template) ?? "", status: status)
    }

    func forbidden(_ session: StaffSession, _ permission: StaffPermission) -> Response {
        render("message", title: "Not allowed", session: session,
               ["message": "Your role (\(session.member.role.rawValue)) may not do this: "
                    + permission.rawValue.replacingOccurrences(of: "_", with: " ") + ". Ask an admin."],
               status: .forbidden)
    }

    func notFound(_ session: StaffSession?) -> Response {
        render("message", title: "Not found", session: session, ["message": "There is nothing here."], status: .notFound)
    }

    static let sections: [(href: String, label: String)] = [
        ("/staff/drafts", "Drafts"), ("/staff/orders", "Orders"), ("/staff/customers", "Customers"),
        ("/staff/settings", "Settings"),
    ]
}

/// Money for people, in the record's currency.
func moneyText(_ units: Int64, _ currency: CurrencyCode) -> String {
    Money(minorUnits: units, currency: currency).displayString
}

/// A rate stored as a fraction, for people: "13%".
func percentText(_ rate: ExactDecimal) -> String {
    (rate.multipliedExactly(by: ExactDecimal(100))?.normalized.description ?? rate.description) + "%"
}
