import Foundation
import HTTPTypes
import ProformaCore
import ProformaServices

/// `draft_orders.json` and its members in Shopify's REST dialect. Every path goes through
/// the same use cases as GraphQL; this only translates.
struct DraftOrderREST {
    let services: Services

    func addRoutes(to routes: RESTRoutes) {
        routes.get("draft_orders.json") { try await list($0) }
        routes.get("draft_orders/count.json") { try await count($0) }
        routes.post("draft_orders.json") { try await create($0) }
        routes.get("draft_orders/{id}.json") { rest in
            try rest.require(.readDraftOrders)
            return try await respond(try await draft(rest), rest, fields: rest.fields)
        }
        routes.put("draft_orders/{id}.json") { try await update($0) }
        routes.delete("draft_orders/{id}.json") { rest in
            try rest.require(.writeDraftOrders)
            guard try await services.draftOrders.delete(shop: rest.shopID, id: DraftOrderID(try rest.id())) else {
                throw RESTError.notFound
            }
            return RESTResponse(body: [:])
        }
        routes.post("draft_orders/{id}/send_invoice.json") { try await sendInvoice($0) }
        routes.put("draft_orders/{id}/complete.json") { try await complete($0) }
    }

    static let filterNames = ["ids", "since_id", "status", "created_at_min", "created_at_max", "updated_at_min", "updated_at_max"]

    private func list(_ rest: RESTRequest) async throws -> RESTResponse {
        try rest.require(.readDraftOrders)
        let paging = try RESTPaging(rest, filterNames: Self.filterNames)
        let (page, customers) = try await services.draftOrders.draftsWithCustomers(
            shop: rest.shopID, matching: try query(paging), sortedBy: .id, page: paging.request)
        let fields = rest.fields
        let drafts = page.items.map { draft in
            RESTValue.object(shape(draft, customer: draft.customerID.flatMap { customers[$0] }, rest).only(fields))
        }
        return RESTResponse(body: ["draft_orders": .array(drafts)], link: paging.link(for: page, rest))
    }

    private func count(_ rest: RESTRequest) async throws -> RESTResponse {
        try rest.require(.readDraftOrders)
        let paging = try RESTPaging(rest, filterNames: Self.filterNames)
        let count = try await services.draftOrders.count(shop: rest.shopID, matching: try query(paging), limit: nil)
        return RESTResponse(body: ["count": .int(Int64(count))])
    }

    private func query(_ paging: RESTPaging) throws -> SearchQuery {
        var terms = try paging.commonTerms()
        if let status = paging.filters["status"] {
            guard ["open", "invoice_sent", "completed"].contains(status) else {
                throw RESTError(status: .badRequest, message: ["status": ["must be open, invoice_sent or completed"]])
            }
            terms.append(.term(SearchTerm(field: "status", value: status)))
        }
        return .all(terms)
    }

    private func create(_ rest: RESTRequest) async throws -> RESTResponse {
        try rest.require(.writeDraftOrders)
        let input = DraftOrderRESTInput.decode(try rest.object("draft_order"))
        let draft = try await services.draftOrders.create(shop: rest.shopID, input)
        var response = try await respond(draft, rest)
        response.status = .created
        return response
    }

    private func update(_ rest: RESTRequest) async throws -> RESTResponse {
        try rest.require(.writeDraftOrders)
        let id = DraftOrderID(try rest.id())
        let input = DraftOrderRESTInput.decode(try rest.object("draft_order"))
        return try await respond(try await services.draftOrders.update(shop: rest.shopID, id: id, input), rest)
    }

    private func sendInvoice(_ rest: RESTRequest) async throws -> RESTResponse {
        try rest.require(.writeDraftOrders)
        let id = DraftOrderID(try rest.id())
        let body = try rest.object("draft_order_invoice", required: false)
        let bcc: [String] = switch body["bcc"] {
        case .array(let items): items.compactMap(\.stringValue)
        case .string(let one): [one]
        default: []
        }
        let email = EmailInput(to: body["to"]?.stringValue, from: body["from"]?.stringValue, bcc: bcc,
                               subject: body["subject"]?.stringValue, customMessage: body["custom_message"]?.stringValue)
        let sending = try await services.invoices.send(shop: rest.shopID, id: id, email)
        try sending.errors.throwIfAny()
        let sent = sending.email
        // The default sender is the shop, named as Shopify names it.
        var from = sent?.from
        if email.from == nil, let address = from, let shop = try await services.shops.shop(rest.shopID) {
            let name = shop.name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            from = "\"\(name)\" <\(address)>"
        }
        return RESTResponse(body: ["draft_order_invoice": [
            "to": .text(sent?.to.first), "from": .text(from), "subject": .text(sent?.subject),
            "custom_message": .string(email.customMessage ?? ""), "bcc": .array((sent?.bcc ?? []).map(RESTValue.string)),
        ]])
    }

    /// `payment_pending` and `payment_gateway_id` come in the query, the body is empty.
    private func complete(_ rest: RESTRequest) async throws -> RESTResponse {
        try rest.require(.writeDraftOrders)
        let id = DraftOrderID(try rest.id())
        var request = CompletionRequest(paymentPending: ["true", "1"].contains(rest.query["payment_pending"]?.lowercased() ?? ""))
        if let gateway = rest.query["payment_gateway_id"], !gateway.isEmpty {
            guard let number = Int64(gateway.split(separator: "/").last ?? "") else {
                throw ValidationErrors(field: nil, message: "Invalid payment gateway", code: "INVALID")
            }
            request.paymentGatewayID = PaymentGatewayID(number)
        }
        let completion = try await services.orders.complete(shop: rest.shopID, draft: id, request)
        return try await respond(completion.draft, rest)
    }

    private func draft(_ rest: RESTRequest) async throws -> DraftOrder {
        guard let draft = try await services.draftOrders.draft(shop: rest.shopID, id: DraftOrderID(try rest.id())) else {
            throw RESTError.notFound
        }
        return draft
    }

    private func respond(_ draft: DraftOrder, _ rest: RESTRequest, fields: Set<String> = []) async throws -> RESTResponse {
        let customer = try await services.customers.customersByID(shop: rest.shopID, ids: draft.customerID.map { [$0] } ?? [])
            .values.first
        return RESTResponse(body: ["draft_order": .object(shape(draft, customer: customer, rest).only(fields))])
    }

    private func shape(_ draft: DraftOrder, customer: Customer?, _ rest: RESTRequest) -> RESTObject {
        let url = draft.invoiceToken.flatMap { services.draftOrders.invoiceLinks.url(shop: rest.shopID, token: $0) }
        return DraftOrderRESTShape.draftOrder(draft, customer: customer, invoiceURL: url)
    }
}
