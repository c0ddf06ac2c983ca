/// A draft's amounts as people read them, in its presentment currency: what invoices and the
/// checkout page show. Built from the calculation, never worked out again.
public struct DraftSummary: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var name: String
        public var sku: String?
        public var quantity: Int
        public var unitPrice: String
        public var total: String
        /// Before the line's discount, when it has one.
        public var originalTotal: String?
        public var discountTitle: String?
    }

    public struct Amount: Sendable, Hashable {
        public var label: String
        public var amount: String
    }

    public var name: String
    public var lines: [Line]
    public var subtotal: String
    public var orderDiscount: Amount?
    public var shipping: Amount?
    public var taxes: [Amount]
    public var taxesIncluded: Bool
    public var total: String
    public var currency: String

    public init(_ draft: DraftOrder) {
        let calculation = draft.calculation
        func text(_ units: Int64) -> String { calculation.money(units).displayString }
        name = draft.name
        lines = zip(draft.lines, calculation.lines).map { line, result in
            Line(name: line.name, sku: line.sku, quantity: line.quantity, unitPrice: text(result.unitPrice),
                 total: text(result.discountedTotal),
                 originalTotal: result.discount > 0 ? text(result.originalTotal) : nil,
                 discountTitle: result.discount > 0 ? (line.appliedDiscount?.title ?? "Discount") : nil)
        }
        // Before the order discount, which is shown under it: the lines add up to what is shown.
        subtotal = text(calculation.lineItemsSubtotal)
        orderDiscount = calculation.orderDiscount > 0
            ? Amount(label: draft.appliedDiscount?.title ?? "Discount", amount: "-" + text(calculation.orderDiscount)) : nil
        shipping = calculation.shipping.map { Amount(label: $0.title, amount: text($0.price)) }
        taxes = calculation.taxLines.map { Amount(label: "\($0.title) \($0.rate.percentText)", amount: text($0.amount)) }
        taxesIncluded = calculation.taxesIncluded
        total = text(calculation.total)
        currency = calculation.currency.rawValue
    }
}

extension ExactDecimal {
    /// "6%", "13%", "9.975%".
    var percentText: String {
        let percent = scale >= 2 ? ExactDecimal(significand: significand, scale: scale - 2)
            : ExactDecimal(significand: significand * (scale == 1 ? 10 : 100), scale: 0)
        return percent.normalized.description + "%"
    }
}
