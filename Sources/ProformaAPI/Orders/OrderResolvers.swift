import ProformaCore
import ProformaServices

/// The order root fields, and the mutations that turn drafts into orders and back.
enum OrderResolvers {
    static let queries: [String: RootResolver] = [
        "order": { field, context in
            try context.require(.readOrders, for: "order")
            let id: OrderID = try GlobalID.id(field["id"]?.string ?? "", "Order")
            guard let order = try await context.services.orders.order(shop: context.shopID, id: id) else { return .null }
            context.loader.register([order.snapshot])
            return .object(OrderObject(order))
        },
        "orders": { field, context in
            try context.require(.readOrders, for: "orders")
            let page = try await context.services.orders.orders(
                shop: context.shopID, matching: SearchQuery(parsing: field["query"]?.string ?? ""),
                sortedBy: ConnectionObject.sortKey(field, default: OrderSortKey.id),
                page: try ConnectionObject.pageRequest(field))
            context.loader.register(page.items.map(\.snapshot))
            return .object(ConnectionObject("OrderConnection", page: page) { OrderObject($0) })
        },
        "ordersCount": { field, context in
            try context.require(.readOrders, for: "ordersCount")
            let limit = try CountObject.limit(field)
            let count = try await context.services.orders.count(
                shop: context.shopID, matching: SearchQuery(parsing: field["query"]?.string ?? ""), limit: limit)
            return .object(CountObject(count: count, limit: limit))
        },
    ]

    static let mutations: [String: RootResolver] = [
        "draftOrderComplete": { field, context in
            try context.require(.writeDraftOrders, for: "draftOrderComplete")
            let typeName = "DraftOrderCompletePayload"
            guard let id: DraftOrderID = field["id"]?.string.flatMap({ GlobalID.optionalID($0, "DraftOrder") }) else {
                return draftPayload(typeName, nil, ValidationErrors(field: ["id"], message: "Draft order not found"))
            }
            var gateway: PaymentGatewayID?
            if let text = field["paymentGatewayId"]?.string {
                guard let given: PaymentGatewayID = GlobalID.optionalID(text, "PaymentGateway") else {
                    return draftPayload(typeName, nil, ValidationErrors(field: nil, message: "Invalid payment gateway"))
                }
                gateway = given
            }
            let request = CompletionRequest(paymentGatewayID: gateway, paymentPending: field["paymentPending"]?.bool ?? false,
                                            sourceName: field["sourceName"]?.string)
            do {
                let completion = try await context.services.orders.complete(shop: context.shopID, draft: id, request)
                context.loader.register([completion.draft])
                return draftPayload(typeName, completion.draft, ValidationErrors())
            } catch let errors as ValidationErrors {
                return draftPayload(typeName, nil, errors)
            }
        },
        "draftOrderCreateFromOrder": { field, context in
            try context.require(.writeDraftOrders, for: "draftOrderCreateFromOrder")
            try context.require(.readOrders, for: "draftOrderCreateFromOrder")
            let typeName = "DraftOrderCreateFromOrderPayload"
            guard let id: OrderID = field["orderId"]?.string.flatMap({ GlobalID.optionalID($0, "Order") }) else {
                return draftPayload(typeName, nil, ValidationErrors(field: ["orderId"], message: "Order does not exist"))
            }
            do {
                let draft = try await context.services.draftOrders.createFromOrder(shop: context.shopID, id: id)
                context.loader.register([draft])
                return draftPayload(typeName, draft, ValidationErrors())
            } catch let errors as ValidationErrors {
                return draftPayload(typeName, nil, errors)
            }
        },
        "orderMarkAsPaid": { field, context in
            try context.require(.writeOrders, for: "orderMarkAsPaid")
            func payload(_ order: Order?, _ errors: ValidationErrors) -> AdminValue {
                .object(PayloadObject(typeName: "OrderMarkAsPaidPayload", fields: [
                    "order": .optional(order.map { OrderObject($0) }), "userErrors": UserErrorObject.list(errors, under: nil),
                ]))
            }
            guard let id: OrderID = field["input"]?["id"]?.string.flatMap({ GlobalID.optionalID($0, "Order") }) else {
                return payload(nil, ValidationErrors(field: ["input", "id"], message: "Order does not exist"))
            }
            do {
                return payload(try await context.services.orders.markAsPaid(shop: context.shopID, id: id), ValidationErrors())
            } catch let errors as ValidationErrors {
                return payload(nil, errors)
            }
        },
    ]

    private static func draftPayload(_ typeName: String, _ draft: DraftOrder?, _ errors: ValidationErrors) -> AdminValue {
        .object(PayloadObject(typeName: typeName, fields: [
            "draftOrder": .optional(draft.map { DraftOrderObject($0) }), "userErrors": UserErrorObject.list(errors, under: nil),
        ]))
    }
}
