import ProformaCore

/// The shop's shipping rates a draft qualifies for.
public struct ShippingOption: Sendable, Hashable {
    public var handle: String
    public var title: String
    /// In the draft's presentment currency.
    public var price: Money
    /// The shipping line the draft gets when this option is chosen.
    public var line: DraftShippingLine
}

enum ShippingOptions {
    /// A rate's handle: stable for as long as the rate exists.
    static func handle(_ rate: ShippingRate) -> String {
        "proforma-rate-\(rate.id?.rawValue ?? 0)"
    }

    /// Rates whose countries include the shipping address's and whose subtotal and weight
    /// conditions the draft meets (subtotal in the shop's currency, after discounts; weight of
    /// the items that ship). A draft without a shipping address or shippable items has none.
    static func available(for draft: DraftOrder, rates: [ShippingRate]) -> [ShippingOption] {
        guard let country = draft.shippingAddress?.country, draft.lines.contains(where: \.requiresShipping) else { return [] }
        var unshipped = draft
        unshipped.shippingLine = nil
        unshipped.recalculate()
        let calculation = unshipped.calculation
        let subtotal = calculation.shopMoney(calculation.subtotal).minorUnits
        let grams = draft.lines.filter(\.requiresShipping).reduce(Int64(0)) { $0 + $1.weight.grams * Int64($1.quantity) }
        return rates.filter { rate in
            rate.countryCodes.contains(country)
                && rate.minSubtotal.map { subtotal >= $0.minorUnits } ?? true
                && rate.maxSubtotal.map { subtotal <= $0.minorUnits } ?? true
                && rate.minWeightGrams.map { grams >= $0 } ?? true
                && rate.maxWeightGrams.map { grams <= $0 } ?? true
        }.map { rate in
            let handle = handle(rate)
            return ShippingOption(handle: handle, title: rate.name, price: calculation.conversion.convert(rate.price),
                                  line: DraftShippingLine(title: rate.name, price: rate.price, rateHandle: handle))
        }
    }
}
