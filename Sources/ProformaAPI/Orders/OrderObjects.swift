import ProformaCore
import ProformaServices

/// `Order`: amounts come from the draft the order was placed from, frozen at that moment.
struct OrderObject: AdminObject {
    let typeName = "Order"
    let order: Order
    var draft: DraftOrder { order.snapshot }
    var calculation: DraftCalculation { order.calculation }

    init(_ order: Order) {
        self.order = order
    }

    private func bag(_ units: Int64) -> AdminValue { .object(MoneyBagObject(units: units, calculation: calculation)) }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
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
        case "email": return .optional(draft.email)
        case "phone": return .optional(draft.phone)
        case "note": return .optional(draft.note)
        case "poNumber": return .optional(draft.poNumber)
        case "tags": return .strings(draft.tags)
        case "customAttributes": return .objects(draft.customAttributes.map(AttributeObject.init))
        case "sourceName": return .string(order.sourceName)
        case "customer":
            guard let id = draft.customerID, let customer = try await context.loader.customer(id) else { return .null }
            return .object(CustomerObject(customer))
        case "billingAddress": return .optional(draft.billingAddress.map { address($0, kind: 1) })
        case "shippingAddress": return .optional(draft.shippingAddress.map { address($0, kind: 2) })
        case "currencyCode": return .string(calculation.conversion.shopCurrency.rawValue)
        case "presentmentCurrencyCode": return .string(calculation.currency.rawValue)
        case "taxesIncluded": return .bool(calculation.taxesIncluded)
        case "taxExempt": return .bool(draft.taxExempt)
        case "lineItems":
            let objects = zip(draft.lines, calculation.lines).map { line, result in
                DraftLineObject(line: line, result: result, calculation: calculation, typeName: "LineItem")
            }
            let indexed = Array(objects.enumerated())
            let page = PageSlicer.page(indexed, key: { Int64($0.offset) }, id: { draft.lines[$0.offset].id.rawValue },
                                       request: try ConnectionObject.pageRequest(field))
            return .object(ConnectionObject("LineItemConnection", page: page) { $0.element })
        case "shippingLine":
            guard let line = calculation.shipping else { return .null }
            return .object(ShippingLineObject(draft: draft, line: line))
        case "taxLines": return TaxLineObject.list(calculation.taxLines, calculation: calculation)
        case "subtotalPriceSet", "currentSubtotalPriceSet": return bag(calculation.subtotal)
        case "totalPriceSet", "currentTotalPriceSet": return bag(calculation.total)
        case "totalTaxSet", "currentTotalTaxSet": return bag(calculation.totalTax)
        case "totalDiscountsSet": return bag(calculation.totalDiscounts)
        case "totalShippingPriceSet": return bag(calculation.shipping?.price ?? 0)
        case "totalOutstandingSet": return bag(order.totalOutstanding)
        case "totalReceivedSet": return bag(order.totalReceived)
        case "transactions":
            let shown = field["first"]?.int.map { Array(order.transactions.prefix(max(0, $0))) } ?? order.transactions
            return .objects(shown.map { OrderTransactionObject(transaction: $0, calculation: calculation) })
        case "paymentGatewayNames":
            var names: [String] = []
            for transaction in order.transactions where !names.contains(transaction.gateway) { names.append(transaction.gateway) }
            return .strings(names)
        case "paymentTerms":
            guard let terms = draft.paymentTerms, let template = PaymentTermsTemplate.template(id: terms.templateID) else {
                return .null
            }
            return .object(PaymentTermsObject(draft: draft, terms: terms, template: template))
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
