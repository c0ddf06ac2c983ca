import Foundation
import Hummingbird
import Mustache
import ProformaAPI
import ProformaCore
import ProformaServices

/// New and open drafts: the editor. Every button posts the whole form with its intent, so a
/// search, an added line or a recalculation never loses what the rep has typed.
struct DraftEditorController: Sendable {
    let services: Services
    let pages: Pages

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("drafts/new") { _, context in
            try await editor(DraftForm(), draft: nil, session: try context.session())
        }
        router.post("drafts/new") { request, context in
            try await handle(try await FormData.read(request), draft: nil, session: try context.session())
        }
        router.get("drafts/:id") { request, context in
            let session = try context.session()
            guard let draft = try await draft(context, session: session) else { return pages.notFound(session) }
            if draft.status == .completed { return try await DraftActions(services: services, pages: pages).completedPage(draft, session: session) }
            return try await editor(DraftForm(draft), draft: draft, session: session, notice: Self.notices[request.queryForm["done"] ?? ""])
        }
        router.post("drafts/:id") { request, context in
            let session = try context.session()
            guard let draft = try await draft(context, session: session) else { return pages.notFound(session) }
            let form = try await FormData.read(request)
            let actions = DraftActions(services: services, pages: pages)
            if let response = try await actions.handle(form, draft: draft, session: session, editor: self) { return response }
            guard draft.status != .completed else { return WebResponse.redirect("/staff/drafts/\(draft.id.rawValue)") }
            return try await handle(form, draft: draft, session: session)
        }
    }

    static let notices = ["created": "Draft saved.", "saved": "Draft saved.", "invoice_sent": "Invoice sent.",
                          "duplicated": "This is a new copy of the draft."]

    private func draft(_ context: AppRequestContext, session: StaffSession) async throws -> DraftOrder? {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { return nil }
        return try await services.draftOrders.draft(shop: session.member.shopID, id: DraftOrderID(id))
    }

    private func handle(_ posted: FormData, draft: DraftOrder?, session: StaffSession) async throws -> Response {
        let shop = session.member.shopID
        var form = DraftForm(posted)
        let intent = posted["intent"] ?? "recalculate"
        var extra = EditorExtras()
        switch intent {
        case "calculate":
            return try await totalsFragment(form, session: session)
        case "save":
            return try await save(form, draft: draft, session: session)
        case "explain":
            extra.explain = true
        case "find_customer":
            let query = posted.text("customer_query") ?? ""
            extra.customerQuery = query
            extra.customers = try await services.customers.customers(
                shop: shop, matching: SearchQuery(parsing: query), sortedBy: .name, page: PageRequest(first: 10)).items
            if extra.customers.isEmpty { extra.searchMessage["customer"] = "No customer matches “\(query)”." }
        case "create_customer":
            var input = CustomerInput()
            let typed = ["first_name": posted["new_customer_first_name"] ?? "", "last_name": posted["new_customer_last_name"] ?? "",
                         "email": posted["new_customer_email"] ?? ""]
            input.firstName = posted.text("new_customer_first_name").map { .set($0) } ?? .unchanged
            input.lastName = posted.text("new_customer_last_name").map { .set($0) } ?? .unchanged
            input.email = posted.text("new_customer_email").map { .set($0) } ?? .unchanged
            do {
                let customer = try await services.customers.create(shop: shop, input)
                choose(customer, into: &form)
            } catch let errors as ValidationErrors {
                extra.errors = FieldErrors(errors) { path in "new_customer_" + Self.snakeCase(path.last ?? "email") }
                extra.newCustomer = typed
            }
        case "find_products":
            let query = posted.text("product_query") ?? ""
            extra.productQuery = query
            extra.variants = try await variantResults(query, shop: shop)
            if extra.variants.isEmpty { extra.searchMessage["product"] = "No product matches “\(query)”." }
        case "add_custom":
            let title = posted.text("custom_title") ?? ""
            let price = posted.text("custom_price") ?? ""
            if title.isEmpty || ExactDecimal(price) == nil {
                extra.errors.byField["custom_item"] = ["Give the custom item a title and a price like 12.50."]
            } else {
                form.lines.append(DraftForm.Line(title: title, price: price, quantity: posted.text("custom_quantity") ?? "1"))
            }
        default:
            if let id = Self.argument(intent, "choose_customer"), let customer = try await services.customers.customer(
                shop: shop, id: CustomerID(id)) {
                choose(customer, into: &form)
            } else if let id = Self.argument(intent, "add_variant") {
                form.lines.append(DraftForm.Line(variantID: id))
            } else if let index = Self.argument(intent, "remove_line"), form.lines.indices.contains(Int(index)) {
                form.lines.remove(at: Int(index))
            }
        }
        return try await editor(form, draft: draft, session: session, extras: extra)
    }

    private func choose(_ customer: Customer, into form: inout DraftForm) {
        form.customerID = customer.id.rawValue
        if form.email.isEmpty { form.email = customer.email ?? "" }
        if form.address.values.allSatisfy(\.isEmpty),
           let address = customer.addresses.first(where: { $0.id == customer.defaultAddressID }) ?? customer.addresses.first {
            form.setAddress(address.address)
        }
    }

    private func save(_ form: DraftForm, draft: DraftOrder?, session: StaffSession) async throws -> Response {
        let shop = session.member.shopID
        do {
            if let draft {
                _ = try await services.draftOrders.update(shop: shop, id: draft.id, form.input, expectedVersion: form.version)
                return WebResponse.redirect("/staff/drafts/\(draft.id.rawValue)?done=saved")
            }
            let saved = try await services.draftOrders.create(shop: shop, form.input)
            return WebResponse.redirect("/staff/drafts/\(saved.id.rawValue)?done=created")
        } catch let errors as ValidationErrors {
            var extra = EditorExtras()
            if errors.errors.contains(where: { $0.code == "STALE" }), let draft {
                // What the rep typed stays on screen; the version moves on only when they choose to save again.
                let current = try await services.draftOrders.draft(shop: shop, id: draft.id)
                extra.conflict = current.map { "\($0.name) was changed by someone else while you were editing "
                    + "(it is now at version \($0.version), total \(moneyText($0.calculation.total, $0.presentmentCurrency))). "
                    + "Your changes are below and were not saved. Save again to replace the other changes, "
                    + "or reload the page to see them." } ?? "This draft was deleted while you were editing."
                var kept = form
                kept.version = current?.version ?? form.version
                return try await editor(kept, draft: current ?? draft, session: session, extras: extra, status: .conflict)
            }
            extra.errors = FieldErrors(errors, fieldName: DraftForm.fieldName)
            return try await editor(form, draft: draft, session: session, extras: extra, status: .unprocessableContent)
        }
    }

    /// Search results: each variant of the matching products, with its stock per location.
    private func variantResults(_ query: String, shop: ShopID) async throws -> [[String: Any]] {
        var products = try await services.catalog.products(shop: shop, matching: SearchQuery(parsing: query), sortedBy: .title,
                                                           page: PageRequest(first: 10)).items
        if products.isEmpty, !query.contains(":") {
            products = try await services.catalog.products(shop: shop, matching: SearchQuery(parsing: "sku:\(query)"),
                                                           sortedBy: .title, page: PageRequest(first: 10)).items
        }
        let variants = products.flatMap { product in product.variants.map { (product, $0) } }
        let levels = try await services.inventory.levels(shop: shop, items: variants.map(\.1.inventoryItem.id))
        let locations = Dictionary(uniqueKeysWithValues: try await services.shops.locations(shop: shop).map { ($0.id, $0.name) })
        return variants.map { product, variant in
            let stock = levels.filter { $0.itemID == variant.inventoryItem.id }
                .map { "\(locations[$0.locationID] ?? "Location"): \($0.available)" }.joined(separator: " · ")
            let options = variant.optionValues.filter { $0 != "Default Title" }.joined(separator: " / ")
            return ["id": String(variant.id.rawValue), "title": product.title + (options.isEmpty ? "" : " — " + options),
                    "sku": variant.sku ?? "", "price": variant.price.displayString, "stock": stock.isEmpty ? "Not stocked" : stock]
        }
    }

    /// The totals panel alone, for the live update.
    private func totalsFragment(_ form: DraftForm, session: StaffSession) async throws -> Response {
        let view = try await EditorView(services: services, shop: session.member.shopID).totals(form)
        return WebResponse.html(pages.library.render(view, withTemplate: "totals") ?? "")
    }

    func editor(_ form: DraftForm, draft: DraftOrder?, session: StaffSession, extras: EditorExtras = EditorExtras(),
                notice: String? = nil, invoice: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        var view = try await EditorView(services: services, shop: session.member.shopID).view(form, extras: extras)
        view["action"] = draft.map { "/staff/drafts/\($0.id.rawValue)" } ?? "/staff/drafts/new"
        if let notice { view["notice"] = notice }
        if let draft {
            view.merge(try await DraftActions(services: services, pages: pages).panel(draft, session: session, invoice: invoice)) { $1 }
        }
        let title = draft.map { "Draft \($0.name)" } ?? "New draft"
        return pages.render("editor", title: title, session: session, section: "Drafts", view, status: status)
    }

    static func argument(_ intent: String, _ name: String) -> Int64? {
        guard intent.hasPrefix(name + ":") else { return nil }
        return Int64(intent.dropFirst(name.count + 1))
    }

    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
    }
}

/// What an editor page shows besides the form: search results, errors, a conflict.
struct EditorExtras {
    var customerQuery = ""
    var customers: [Customer] = []
    var productQuery = ""
    var variants: [[String: Any]] = []
    var searchMessage: [String: String] = [:]
    var newCustomer: [String: String] = [:]
    var errors = FieldErrors()
    var conflict: String?
    var explain = false
}

extension AppRequestContext {
    /// The signed-in member's session; the session middleware guarantees one on admin routes.
    func session() throws -> StaffSession {
        guard let staffSession else { throw HTTPError(.unauthorized) }
        return staffSession
    }
}
