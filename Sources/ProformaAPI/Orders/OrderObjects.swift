import ProformaCore
import ProformaServices

/// `Order`: amounts come from the draft the order was placed from, frozen at that moment.
struct OrderObject: AdminObject {
    let typeName = "Order"
    let order: Order
    /// Made once per object, as for `DraftOrderObject`.
    let details: DraftDetailFields
    var draft: DraftOrder { details.draft }
    var calculation: DraftCalculation { order.calculation }

    init(_ order: Order) {
        self.order = order
        self.details = DraftDetailFields(draft: order.snapshot)
    }

    private func bag(_ units: Int64) -> AdminValue { .object(MoneyBagObject(units: units, calculation: calculation)) }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        if let shared = try await details.resolve(field, context: context) { return shared }
        switch field.name {
        case "id": return .string(GlobalID.make("Order", order.id))
        case "legacyResourceId": return .string(String(order.id.rawValue))
        case "name": return .string(order.name)
        case "createdAt", "processedAt": return .string(order.createdAt.iso8601)
        case "updatedAt": return .string(order.updatedAt.iso8601)
        case "displayFinancialStatus": return .string(order.financialStatus.rawValue)
        case "fullyPaid": return .bool(order.totalOutstanding == 0)
        case "canMarkAsPaid": return .bool(order.financialStatus != .paid && order.totalOutstanding > 0)
        case "test": return .bool(order.transactions.contains { $0.isTest })
        case "confirmed": return .bool(true)
        case "note": return .optional(draft.note)
        case "sourceName": return .string(order.sourceName)
        case "billingAddress": return .optional(draft.billingAddress.map { address($0, kind: 1) })
        case "shippingAddress": return .optional(draft.shippingAddress.map { address($0, kind: 2) })
        case "lineItems": return try details.lineItems(field, typeName: "LineItem")
        case "totalOutstandingSet": return bag(order.totalOutstanding)
        case "totalReceivedSet": return bag(order.totalReceived)
        case "transactions":
            let shown = field["first"]?.int.map { Array(order.transactions.prefix(max(0, $0))) } ?? order.transactions
            return .objects(shown.map { OrderTransactionObject(transaction: $0, calculation: calculation) })
        case "paymentGatewayNames":
            var names: [String] = []
            for transaction in order.transactions where !names.contains(transaction.gateway) { names.append(transaction.gateway) }
            return .strings(names)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }

    private func address(_ address: MailingAddress, kind: Int64) -> MailingAddressObject {
        MailingAddressObject(address: address,
                             id: GlobalID.make("MailingAddress", order.id.rawValue * 10 + kind, query: "model_name=Address"))
    }
}

struct OrderTransactionObject: AdminObject {
    let typeName = "OrderTransaction"
    let transaction: OrderTransaction
    let calculation: DraftCalculation

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .string(GlobalID.make("OrderTransaction", transaction.id))
        case "kind": .string(transaction.kind.rawValue)
        case "status": .string(transaction.status.rawValue)
        case "gateway", "formattedGateway": .string(transaction.gateway)
        case "amountSet": .object(MoneyBagObject(units: transaction.amount.minorUnits, calculation: calculation))
        case "test": .bool(transaction.isTest)
        case "authorizationCode": .optional(transaction.authorizationCode)
        case "createdAt", "processedAt": .string(transaction.createdAt.iso8601)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}
