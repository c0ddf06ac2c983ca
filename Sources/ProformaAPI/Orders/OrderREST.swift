import ProformaCore
import ProformaServices

/// `orders.json`: list, count and get in Shopify's REST dialect. An order's lines, discounts,
/// taxes and totals are the completed draft's, so they are written with the draft's shapes.
struct OrderREST {
    let services: Services

    static let filterNames = ["ids", "since_id", "created_at_min", "created_at_max", "updated_at_min", "updated_at_max",
                              "financial_status", "status"]

    func addRoutes(to routes: RESTRoutes) {
        routes.get("orders.json") { rest in
            try rest.require(.readOrders)
            let paging = try RESTPaging(rest, filterNames: Self.filterNames)
            let page = try await services.orders.orders(shop: rest.shopID, matching: try query(paging), sortedBy: .id,
                                                        page: paging.request)
            let customers = try await services.customers.customersByID(shop: rest.shopID,
                                                                       ids: page.items.compactMap(\.snapshot.customerID))
            let fields = rest.fields
            return RESTResponse(body: ["orders": .array(page.items.map { order in
                .object(Self.order(order, customer: order.snapshot.customerID.flatMap { customers[$0] }).only(fields))
            })], link: paging.link(for: page, rest))
        }
        routes.get("orders/count.json") { rest in
            try rest.require(.readOrders)
            let paging = try RESTPaging(rest, filterNames: Self.filterNames)
            let count = try await services.orders.count(shop: rest.shopID, matching: try query(paging), limit: nil)
            return RESTResponse(body: ["count": .int(Int64(count))])
        }
        routes.get("orders/{id}.json") { rest in
            try rest.require(.readOrders)
            guard let order = try await services.orders.order(shop: rest.shopID, id: OrderID(try rest.id())) else {
                throw RESTError.notFound
            }
            let customer = try await services.customers.customersByID(shop: rest.shopID,
                                                                      ids: order.snapshot.customerID.map { [$0] } ?? []).values.first
            return RESTResponse(body: ["order": .object(Self.order(order, customer: customer).only(rest.fields))])
        }
    }

    /// `status` is `open`, `closed`, `cancelled` or `any`: every order here is open until
    /// fulfilment and cancellation exist, so only `closed` and `cancelled` narrow the list.
    private func query(_ paging: RESTPaging) throws -> SearchQuery {
        var terms = try paging.commonTerms()
        if let status = paging.filters["financial_status"], status != "any" {
            terms.append(.term(SearchTerm(field: "financial_status", value: status)))
        }
        if let status = paging.filters["status"], status == "closed" || status == "cancelled" {
            terms.append(.not(.matchAll))
        }
        return .all(terms)
    }

    static func order(_ order: Order, customer: Customer?) -> RESTObject {
        let draft = order.snapshot
        let calculation = order.calculation
        func shop(_ units: Int64) -> RESTValue { RESTShapes.shopMoney(units, calculation) }
        func set(_ units: Int64) -> RESTValue { RESTShapes.moneySet(units, calculation) }
        var fields: RESTObject = [
            "id": .int(order.id.rawValue), "admin_graphql_api_id": RESTShapes.gid("Order", order.id.rawValue),
            "name": .string(order.name), "order_number": .int(order.number), "number": .int(order.number - Order.firstNumber + 1),
            "email": .text(draft.email), "phone": .text(draft.phone), "created_at": .time(order.createdAt),
            "updated_at": .time(order.updatedAt), "processed_at": .time(order.createdAt), "closed_at": nil,
            "cancelled_at": nil, "financial_status": .string(order.financialStatus.rawValue.lowercased()),
            "fulfillment_status": nil, "confirmed": true, "test": .bool(order.transactions.contains { $0.isTest }),
            "currency": .string(calculation.conversion.shopCurrency.rawValue),
            "presentment_currency": .string(calculation.currency.rawValue),
            "taxes_included": .bool(calculation.taxesIncluded), "tax_exempt": .bool(draft.taxExempt),
            "total_price": shop(calculation.total), "subtotal_price": shop(calculation.subtotal),
            "total_tax": shop(calculation.totalTax), "total_discounts": shop(calculation.totalDiscounts),
            "total_line_items_price": shop(calculation.totalLineItemsPrice),
            "total_outstanding": shop(order.totalOutstanding),
            "total_price_set": set(calculation.total), "subtotal_price_set": set(calculation.subtotal),
            "total_tax_set": set(calculation.totalTax), "total_discounts_set": set(calculation.totalDiscounts),
            "total_line_items_price_set": set(calculation.totalLineItemsPrice),
            "total_shipping_price_set": set(calculation.shipping?.price ?? 0),
            "tags": RESTShapes.tags(draft.tags), "note": .text(draft.note),
            "note_attributes": RESTShapes.attributes(draft.customAttributes), "source_name": .string(order.sourceName),
            "po_number": .text(draft.poNumber),
            "payment_gateway_names": .array(Array(Set(order.transactions.map(\.gateway))).sorted().map(RESTValue.string)),
            "billing_address": RESTShapes.address(draft.billingAddress),
            "shipping_address": RESTShapes.address(draft.shippingAddress),
            "tax_lines": RESTShapes.taxLines(calculation.taxLines, calculation),
            "line_items": .array(zip(draft.lines, calculation.lines).map { line, result in
                var fields = DraftOrderRESTShape.line(line, result, calculation)
                fields["admin_graphql_api_id"] = RESTShapes.gid("LineItem", line.id.rawValue)
                fields["total_discount"] = RESTShapes.shopMoney(result.discount, calculation)
                return .object(fields)
            }),
            "shipping_lines": calculation.shipping == nil ? [] : [DraftOrderRESTShape.shippingLine(calculation)],
            "payment_terms": DraftOrderRESTShape.paymentTerms(draft.paymentTerms),
        ]
        fields["customer"] = customer.map { .object(RESTShapes.customer($0)) } ?? .null
        return fields
    }
}
