/// One step of a calculation: what it concerns, its amount, and the numbers behind it. The
/// numbers are kept rather than sentences so that tracing costs almost nothing while
/// calculating; `description` words them for staff when someone asks.
public struct TraceStep: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case price = "PRICE"
        case lineDiscount = "LINE_DISCOUNT"
        case orderDiscount = "ORDER_DISCOUNT"
        case allocation = "ALLOCATION"
        case shipping = "SHIPPING"
        case tax = "TAX"
        case total = "TOTAL"
    }

    public enum Subject: Sendable, Hashable {
        case line(index: Int, title: String)
        case order
        case shipping
    }

    public enum PriceSource: String, Sendable, Hashable {
        case catalog, custom, override
    }

    public enum Detail: Sendable, Hashable {
        /// `unit × quantity`; `converted` is the shop-currency price when it was converted.
        case price(source: PriceSource, unit: Int64, quantity: Int64, converted: Money?, rate: ExactDecimal?)
        case percentDiscount(name: String?, percent: ExactDecimal, base: Int64)
        /// Per unit × quantity on a line (quantity nil on the order); `cap` when it was capped there.
        case fixedDiscount(name: String?, amount: Int64, quantity: Int64?, cap: Int64?)
        case allocation(weight: Int64, total: Int64)
        case shipping(title: String, fromRate: Bool)
        case tax(name: String, rate: ExactDecimal, country: String, province: String?, base: Int64, included: Bool,
                 place: String, source: TaxAddressSource)
        case exempt
        case total(subtotal: Int64, shipping: Int64, tax: Int64, taxesIncluded: Bool)
    }

    public var kind: Kind
    public var subject: Subject
    /// The step's amount in presentment minor units (negative for discounts).
    public var amount: Int64
    public var detail: Detail

    public var subjectDescription: String {
        switch subject {
        case .line(let index, let title): "Line \(index + 1) (\(title))"
        case .order: "Order"
        case .shipping: "Shipping"
        }
    }

    /// The step in words, amounts in `currency`.
    public func description(currency: CurrencyCode) -> String {
        func money(_ units: Int64) -> String { Money(minorUnits: units, currency: currency).description }
        func named(_ name: String?) -> String { name.map { "'\($0)'" } ?? "discount" }
        switch detail {
        case .price(let source, let unit, let quantity, let converted, let rate):
            let origin = switch source {
            case .catalog: "catalog price"
            case .custom: "custom price"
            case .override: "locked price (price override)"
            }
            let conversion = converted.map { " \($0) converted at \(rate?.normalized.description ?? "1")" } ?? ""
            return "\(origin)\(conversion): \(money(unit)) × \(quantity) = \(money(amount))"
        case .percentDiscount(let name, let percent, let base):
            return "\(named(name)) \(percent.normalized)% of \(money(base)) = \(money(-amount))"
        case .fixedDiscount(let name, let value, let quantity, let cap):
            var text = "\(named(name)) \(money(value))"
            if let quantity { text += " per unit × \(quantity)" }
            if let cap { text += ", capped at \(quantity == nil ? "the lines'" : "the line's") \(money(cap))" }
            return text + " = \(money(-amount))"
        case .allocation(let weight, let total):
            return "share of the order discount, in proportion to \(money(weight)) of \(money(total)) (largest remainder)"
                + " = \(money(-amount))"
        case .shipping(let title, let fromRate):
            return "\(fromRate ? "shipping rate" : "custom shipping") '\(title)' = \(money(amount))"
        case .tax(let name, let rate, let country, let province, let base, let included, let place, let source):
            let percent = (rate.multipliedExactly(by: .hundred) ?? rate).normalized
            let rule = province.map { "\(country)-\($0)" } ?? "\(country)-wide"
            let how = included ? "included in \(money(base))" : "of \(money(base))"
            return "\(name) \(percent)% (\(rule) rule) \(how), at \(place) from the \(source.description) = \(money(amount))"
        case .exempt:
            return "tax-exempt: no taxes charged"
        case .total(let subtotal, let shipping, let tax, let included):
            let taxes = included ? " (taxes of \(money(tax)) included)" : " + taxes \(money(tax))"
            return "subtotal \(money(subtotal)) + shipping \(money(shipping))\(taxes) = \(money(amount))"
        }
    }
}
