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
    /// What rates are chosen by: the destination country, the subtotal in the shop's currency
    /// after discounts, and the weight of the items that ship.
    struct Conditions: Equatable {
        var country: CountryCode
        var subtotal: Int64
        var grams: Int64
        var currency: CurrencyCode
    }

    /// nil when the draft has no shipping address or nothing to ship.
    static func conditions(for draft: DraftOrder) -> Conditions? {
        guard let country = draft.shippingAddress?.country, draft.lines.contains(where: \.requiresShipping) else { return nil }
        var unshipped = draft
        unshipped.shippingLine = nil
        unshipped.recalculate()
        let calculation = unshipped.calculation
        return Conditions(
            country: country, subtotal: calculation.shopMoney(calculation.subtotal).minorUnits,
            grams: draft.lines.filter(\.requiresShipping).reduce(Int64(0)) { $0 + $1.weight.grams * Int64($1.quantity) },
            currency: draft.presentmentCurrency)
    }

    /// Whether an edit changed what rates depend on, so that a chosen rate must be checked again.
    static func conditionsDiffer(_ before: DraftOrder, _ after: DraftOrder) -> Bool {
        conditions(for: before) != conditions(for: after)
    }

    /// The rates whose countries and subtotal and weight conditions the draft meets.
    static func available(for draft: DraftOrder, rates: [ShippingRate]) -> [ShippingOption] {
        guard let conditions = conditions(for: draft) else { return [] }
        let conversion = draft.settings.conversion
        return rates.filter { rate in
            rate.countryCodes.contains(conditions.country)
                && rate.minSubtotal.map { conditions.subtotal >= $0.minorUnits } ?? true
                && rate.maxSubtotal.map { conditions.subtotal <= $0.minorUnits } ?? true
                && rate.minWeightGrams.map { conditions.grams >= $0 } ?? true
                && rate.maxWeightGrams.map { conditions.grams <= $0 } ?? true
        }.map { rate in
            ShippingOption(handle: rate.handle, title: rate.name, price: conversion.convert(rate.price),
                           line: DraftShippingLine(title: rate.name, price: rate.price, rateHandle: rate.handle))
        }
    }
}
