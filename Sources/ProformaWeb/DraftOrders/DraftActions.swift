import Foundation
import Hummingbird
import ProformaAPI
import ProformaCore
import ProformaServices

/// What staff do with a saved draft besides editing it: send the invoice, take the payment,
/// duplicate, delete. Each action checks the member's role on the server.
struct DraftActions {
    let services: Services
    let pages: Pages

    /// The response to an action intent, or nil when the intent is the editor's.
    func handle(_ form: FormData, draft: DraftOrder, session: StaffSession,
                editor: DraftEditorController) async throws -> Response? {
        let shop = session.member.shopID
        let path = "/staff/drafts/\(draft.id.rawValue)"
        switch form["intent"] ?? "" {
        case "preview_invoice", "send_invoice":
            let email = EmailInput(to: form.text("invoice_to"), subject: form.text("invoice_subject"),
                                   customMessage: form.text("invoice_message"))
            var extras = EditorExtras()
            var invoice: [String: Any] = ["to": form["invoice_to"] ?? "", "subject": form["invoice_subject"] ?? "",
                                          "message": form["invoice_message"] ?? ""]
            if form["intent"] == "preview_invoice" {
                let preview = try await services.invoices.preview(shop: shop, id: draft.id, email)
                invoice["preview"] = ["subject": preview.subject, "text": preview.text]
            } else {
                let sending = try await services.invoices.send(shop: shop, id: draft.id, email)
                if sending.errors.isEmpty {
                    return WebResponse.redirect(path + "?done=invoice_sent")
                }
                invoice["error"] = sending.errors.errors.map(\.message).joined(separator: " ")
                extras.errors.general.append("The invoice was not sent.")
            }
            return try await editor.editor(DraftForm(draft), draft: draft, session: session, extras: extras,
                                           invoice: invoice, status: invoice["error"] == nil ? .ok : .unprocessableContent)
        case "mark_paid", "complete_pending":
            let pending = form["intent"] == "complete_pending"
            let permission: StaffPermission = pending ? .completePaymentPending : .markAsPaid
            guard session.member.role.allows(permission) else { return pages.forbidden(session, permission) }
            let gateway = form.text("gateway").flatMap(Int64.init).map { PaymentGatewayID($0) }
            do {
                _ = try await services.orders.complete(shop: shop, draft: draft.id, CompletionRequest(
                    paymentGatewayID: pending ? nil : gateway, paymentPending: pending, expectedVersion: form.text("version").flatMap(Int64.init)))
                return WebResponse.redirect(path)
            } catch let errors as ValidationErrors {
                var extras = EditorExtras()
                extras.errors.general = errors.errors.map(\.message)
                return try await editor.editor(DraftForm(draft), draft: draft, session: session, extras: extras,
                                               status: .unprocessableContent)
            }
        case "duplicate":
            let copy = try await services.draftOrders.duplicate(shop: shop, id: draft.id)
            return WebResponse.redirect("/staff/drafts/\(copy.id.rawValue)?done=duplicated")
        case "delete":
            guard session.member.role.allows(.deleteDrafts) else { return pages.forbidden(session, .deleteDrafts) }
            _ = try await services.draftOrders.delete(shop: shop, id: draft.id)
            return WebResponse.redirect("/staff/drafts?done=deleted")
        default:
            return nil
        }
    }

    /// The panel beside the editor: invoice, link, payment, other actions and the timeline.
    func panel(_ draft: DraftOrder, session: StaffSession, invoice: [String: Any] = [:]) async throws -> [String: Any] {
        let shop = session.member.shopID
        let gateways = try await services.shops.configuration(shop: shop)?.paymentGateways ?? []
        var invoiceView = invoice
        if invoiceView.isEmpty {
            let customer = try await draft.customerID.asyncFlatMap { try await services.customers.customer(shop: shop, id: $0) }
            invoiceView = ["to": draft.email ?? customer?.email ?? "", "subject": "Draft Order \(draft.name)", "message": ""]
        }
        let role = session.member.role
        return [
            "draft": ["id": String(draft.id.rawValue), "name": draft.name, "status": draft.status.rawValue,
                      "link": draft.invoiceToken.flatMap { services.draftOrders.invoiceLinks.url(shop: shop, token: $0) } ?? "",
                      "reserved": draft.reserveInventoryUntil?.displayText ?? ""],
            "invoice": invoiceView,
            "gateways": gateways.compactMap { gateway in gateway.id.map { ["id": String($0.rawValue), "name": gateway.name] } },
            "canMarkPaid": role.allows(.markAsPaid), "canCompletePending": role.allows(.completePaymentPending),
            "canDelete": role.allows(.deleteDrafts),
            "timeline": try await timeline(.draftOrder(draft.id), shop: shop),
        ]
    }

    func timeline(_ subject: ActivitySubject, shop: ShopID) async throws -> [[String: String]] {
        try await services.activities.timeline(shop: shop, of: subject).map { activity in
            ["when": activity.createdAt.displayText, "who": activity.actor,
             "what": activity.action.rawValue.replacingOccurrences(of: "_", with: " ").capitalizedFirst,
             "detail": activity.detail ?? ""]
        }
    }

    /// A completed draft: what it was, and the order it became.
    func completedPage(_ draft: DraftOrder, session: StaffSession) async throws -> Response {
        let shop = session.member.shopID
        let order = try await services.orders.order(shop: shop, draft: draft.id)
        var view: [String: Any] = [
            "draft": ["name": draft.name, "status": draft.status.rawValue],
            "summary": SummaryView.view(draft),
            "timeline": try await timeline(.draftOrder(draft.id), shop: shop),
        ]
        if let order { view["order"] = ["id": String(order.id.rawValue), "name": order.name] }
        return pages.render("completedDraft", title: "Draft \(draft.name)", session: session, section: "Drafts", view)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// A draft's or order's lines and amounts, read-only.
enum SummaryView {
    static func view(_ draft: DraftOrder) -> [String: Any] {
        let summary = DraftSummary(draft)
        var view: [String: Any] = [
            "lines": summary.lines.map { ["name": $0.name, "quantity": String($0.quantity), "unitPrice": $0.unitPrice,
                                          "total": $0.total, "discount": $0.discountTitle ?? ""] },
            "subtotal": summary.subtotal,
            "taxes": summary.taxes.map { ["label": $0.label, "amount": $0.amount] },
            "total": summary.total,
        ]
        // Mustache shows a section for any value present, so absent ones stay out of the view.
        if let discount = summary.orderDiscount { view["discount"] = ["label": discount.label, "amount": discount.amount] }
        if let shipping = summary.shipping { view["shipping"] = ["label": shipping.label, "amount": shipping.amount] }
        return view
    }
}
