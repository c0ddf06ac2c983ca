import Foundation
import Hummingbird
import ProformaAPI
import ProformaCore
import ProformaServices

/// The drafts list: status tabs, the API's search syntax, a tag filter, sorting, pages, and
/// bulk tagging and deletion (run as the API's bulk jobs).
struct DraftListController: Sendable {
    let services: Services
    let pages: Pages

    static let tabs: [(key: String, label: String)] = [("open", "Open"), ("invoice_sent", "Invoice sent"),
                                                       ("completed", "Completed"), ("all", "All")]
    static let sorts: [(DraftOrderSortKey, String)] = [(.updatedAt, "Last updated"), (.number, "Number"),
                                                       (.totalPrice, "Total"), (.customerName, "Customer")]
    static let notices = ["deleted": "Draft deleted.", "bulk": "The change is running for the selected drafts; reload to see it."]

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("drafts") { request, context in
            try await list(request.queryForm, session: try context.session())
        }
        router.post("drafts/bulk") { request, context in
            let session = try context.session()
            let form = try await FormData.read(request)
            guard let action = DraftOrderBulkJobs.Action(rawValue: form["intent"] ?? "") else {
                return WebResponse.redirect("/staff/drafts")
            }
            if action == .delete, !session.member.role.allows(.deleteDrafts) { return pages.forbidden(session, .deleteDrafts) }
            let ids = form.all("selected").compactMap(Int64.init).map { DraftOrderID($0) }
            guard !ids.isEmpty else { return try await list(FormData(encoded: ""), session: session, error: "Select at least one draft.") }
            do {
                _ = try await services.draftOrderBulkJobs.enqueue(
                    shop: session.member.shopID, action: action, ids: ids, search: nil,
                    tags: (form["tags"] ?? "").split(separator: ",").map { $0.trimmingWhitespace() })
            } catch let errors as ValidationErrors {
                return try await list(FormData(encoded: ""), session: session,
                                      error: errors.errors.map(\.message).joined(separator: " "))
            }
            return WebResponse.redirect("/staff/drafts?done=bulk")
        }
    }

    private func list(_ query: FormData, session: StaffSession, error: String? = nil) async throws -> Response {
        let shop = session.member.shopID
        let status = Self.tabs.contains { $0.key == query["status"] } ? query["status"]! : "open"
        let text = query["q"] ?? ""
        let tag = query.text("tag")
        let sort = DraftOrderSortKey(rawValue: query["sort"] ?? "") ?? .updatedAt
        var search = text
        if status != "all" { search += " status:\(status)" }
        if let tag { search += " tag:\"\(tag.replacingOccurrences(of: "\"", with: ""))\"" }
        let (page, customers) = try await services.draftOrders.draftsWithCustomers(
            shop: shop, matching: SearchQuery(parsing: search), sortedBy: sort,
            page: Paging.request(query, reverse: sort == .updatedAt))
        func link(_ cursor: String, _ direction: String) -> String {
            "/staff/drafts?status=\(status)&q=\(queryEscaped(text))&tag=\(queryEscaped(tag ?? ""))&sort=\(sort.rawValue)&\(direction)=\(cursor)"
        }
        var view: [String: Any] = [
            "status": status, "q": text, "tag": tag ?? "",
            "tabs": Self.tabs.map { ["key": $0.key, "label": $0.label, "current": $0.key == status,
                                     "href": "/staff/drafts?status=\($0.key)"] },
            "sorts": Self.sorts.map { ["value": $0.0.rawValue, "label": $0.1, "selected": $0.0 == sort] },
            "rows": page.items.map { draft in
                ["id": String(draft.id.rawValue), "name": draft.name, "status": draft.status.rawValue,
                 "customer": draft.customerID.flatMap { customers[$0]?.displayName } ?? (draft.email ?? "—"),
                 "tags": draft.tags.joined(separator: ", "), "updated": draft.updatedAt.displayText,
                 "total": moneyText(draft.calculation.total, draft.presentmentCurrency)]
            },
        ]
        view.merge(Paging.links(page, link)) { $1 }
        if let notice = Self.notices[query["done"] ?? ""] { view["notice"] = notice }
        if let error { view["error"] = error }
        return pages.render("drafts", title: "Draft orders", session: session, section: "Drafts", view,
                            status: error == nil ? .ok : .unprocessableContent)
    }
}

/// Cursor pages for the lists: `after` and `before` carry the API's cursors.
enum Paging {
    static let size = 25

    static func request(_ query: FormData, reverse: Bool = false) -> PageRequest {
        if let before = query.text("before").flatMap(Cursor.init(token:)) {
            return PageRequest(last: size, before: before, reverse: reverse)
        }
        return PageRequest(first: size, after: query.text("after").flatMap(Cursor.init(token:)), reverse: reverse)
    }

    static func links<Item>(_ page: Page<Item>, _ link: (String, String) -> String) -> [String: Any] {
        var view: [String: Any] = [:]
        if page.hasNextPage, let last = page.cursors.last { view["next"] = link(last.token, "after") }
        if page.hasPreviousPage, let first = page.cursors.first { view["previous"] = link(first.token, "before") }
        return view
    }
}
