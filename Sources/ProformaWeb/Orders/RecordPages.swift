import Hummingbird
import ProformaAPI
import ProformaCore
import ProformaServices

/// Orders and customers, read-only.
struct RecordPages: Sendable {
    let services: Services
    let pages: Pages

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("orders") { request, context in
            let session = try context.session()
            let query = request.queryForm
            let text = query["q"] ?? ""
            let page = try await services.orders.orders(shop: session.member.shopID, matching: SearchQuery(parsing: text),
                                                        sortedBy: .createdAt, page: Paging.request(query, reverse: true))
            let customers = try await services.customers.customersByID(
                shop: session.member.shopID, ids: page.items.compactMap(\.snapshot.customerID))
            var view: [String: Any] = [
                "q": text,
                "rows": page.items.map { order in
                    ["id": String(order.id.rawValue), "name": order.name, "status": order.financialStatus.rawValue,
                     "customer": order.snapshot.customerID.flatMap { customers[$0]?.displayName } ?? (order.snapshot.email ?? "—"),
                     "created": order.createdAt.displayText,
                     "total": moneyText(order.calculation.total, order.snapshot.presentmentCurrency)]
                },
            ]
            view.merge(Paging.links(page) { "/staff/orders?q=\(queryEscaped(text))&\($1)=\($0)" }) { $1 }
            return pages.render("orders", title: "Orders", session: session, section: "Orders", view)
        }
        router.get("orders/:id") { _, context in
            let session = try context.session()
            let shop = session.member.shopID
            guard let id = context.parameters.get("id").flatMap(Int64.init),
                  let order = try await services.orders.order(shop: shop, id: OrderID(id)) else { return pages.notFound(session) }
            var view: [String: Any] = [
                "name": order.name, "status": order.financialStatus.rawValue, "created": order.createdAt.displayText,
                "summary": SummaryView.view(order.snapshot),
                "transactions": order.transactions.map { ["gateway": $0.gateway, "status": $0.status.rawValue,
                                                          "amount": $0.amount.displayString] },
                "timeline": try await DraftActions(services: services, pages: pages).timeline(.order(order.id), shop: shop),
            ]
            if let draft = order.draftOrderID {
                view["draftID"] = String(draft.rawValue)
                view["draftName"] = order.snapshot.name
            }
            if let customerID = order.snapshot.customerID,
               let customer = try await services.customers.customer(shop: shop, id: customerID) {
                view["customer"] = ["id": String(customerID.rawValue), "name": customer.displayName]
            }
            return pages.render("order", title: "Order \(order.name)", session: session, section: "Orders", view)
        }
        router.get("customers") { request, context in
            let session = try context.session()
            let query = request.queryForm
            let text = query["q"] ?? ""
            let page = try await services.customers.customers(shop: session.member.shopID, matching: SearchQuery(parsing: text),
                                                              sortedBy: .name, page: Paging.request(query))
            var view: [String: Any] = [
                "q": text,
                "rows": page.items.map { ["id": String($0.id.rawValue), "name": $0.displayName, "email": $0.email ?? "",
                                          "tags": $0.tags.joined(separator: ", ")] },
            ]
            view.merge(Paging.links(page) { "/staff/customers?q=\(queryEscaped(text))&\($1)=\($0)" }) { $1 }
            return pages.render("customers", title: "Customers", session: session, section: "Customers", view)
        }
        router.get("customers/:id") { _, context in
            let session = try context.session()
            let shop = session.member.shopID
            guard let id = context.parameters.get("id").flatMap(Int64.init),
                  let customer = try await services.customers.customer(shop: shop, id: CustomerID(id)) else {
                return pages.notFound(session)
            }
            let mine = SearchQuery(parsing: "customer_id:\(id)")
            let drafts = try await services.draftOrders.drafts(shop: shop, matching: mine, sortedBy: .updatedAt,
                                                               page: PageRequest(first: 50, reverse: true)).items
            let orders = try await services.orders.orders(shop: shop, matching: mine, sortedBy: .createdAt,
                                                          page: PageRequest(first: 50, reverse: true)).items
            let address = customer.addresses.first { $0.id == customer.defaultAddressID }?.address
            var view: [String: Any] = [
                "name": customer.displayName, "email": customer.email ?? "", "taxExempt": customer.taxExempt,
                "drafts": drafts.map { ["id": String($0.id.rawValue), "name": $0.name, "status": $0.status.rawValue,
                                        "total": moneyText($0.calculation.total, $0.presentmentCurrency)] },
                "orders": orders.map { ["id": String($0.id.rawValue), "name": $0.name, "status": $0.financialStatus.rawValue,
                                        "total": moneyText($0.calculation.total, $0.snapshot.presentmentCurrency)] },
            ]
            if let phone = customer.phone { view["phone"] = phone }
            if let address {
                view["address"] = [address.address1, address.city, address.provinceCode, address.zip, address.countryCode]
                    .compactMap { $0 }.joined(separator: ", ")
            }
            return pages.render("customer", title: customer.displayName, session: session, section: "Customers", view)
        }
    }
}
