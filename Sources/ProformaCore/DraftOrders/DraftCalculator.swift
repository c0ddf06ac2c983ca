/// Everything the calculator needs about a draft, already resolved: catalog prices looked
/// up, the customer's exemption known, the shipping rate chosen.
public struct CalculationInput: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public enum Price: Sendable, Hashable {
            /// The variant's catalog price, in the shop's currency; converted and rounded.
            case catalog(Money)
            /// A custom line's price in the presentment currency (`originalUnitPriceWithCurrency`).
            case custom(Money)
            /// A custom line's price in the shop's currency (the legacy `originalUnitPrice`).
            case legacyCustom(Money)
            /// A locked price (`priceOverride`), in the presentment currency or the shop's.
            case override(Money)

            /// The unit price in the presentment currency (rule 1 of DESIGN.md §3).
            public func unitPrice(_ conversion: CurrencyConversion) -> Money {
                switch self {
                case .catalog(let money), .legacyCustom(let money): conversion.convertPrice(money)
                case .custom(let money): money
                case .override(let money):
                    money.currency == conversion.presentmentCurrency ? money : conversion.convert(money)
                }
            }
        }

        public var title: String
        public var price: Price
        public var quantity: Int
        public var discount: AppliedDiscount?
        public var taxable: Bool
        public var requiresShipping: Bool
        public var grams: Int64

        public init(title: String, price: Price, quantity: Int, discount: AppliedDiscount? = nil, taxable: Bool = true,
                    requiresShipping: Bool = true, grams: Int64 = 0) {
            self.title = title
            self.price = price
            self.quantity = quantity
            self.discount = discount
            self.taxable = taxable
            self.requiresShipping = requiresShipping
            self.grams = grams
        }
    }

    public enum Shipping: Sendable, Hashable {
        /// A shipping line priced in the presentment currency, or in the shop's (converted
        /// without price rounding); `handle` names the shipping rate it came from, if any.
        case line(title: String, price: Money, handle: String?)

        public static func custom(title: String, price: Money) -> Shipping { .line(title: title, price: price, handle: nil) }
    }

    public var conversion: CurrencyConversion
    public var taxesIncluded: Bool
    public var lines: [Line]
    public var orderDiscount: AppliedDiscount?
    public var shipping: Shipping?
    public var taxRates: [TaxRate]
    public var shippingAddress: MailingAddress?
    public var billingAddress: MailingAddress?
    public var shopAddress: MailingAddress?
    /// Set when the draft or its customer is tax-exempt.
    public var taxExempt: Bool

    public init(conversion: CurrencyConversion, taxesIncluded: Bool = false, lines: [Line],
                orderDiscount: AppliedDiscount? = nil, shipping: Shipping? = nil, taxRates: [TaxRate] = [],
                shippingAddress: MailingAddress? = nil, billingAddress: MailingAddress? = nil,
                shopAddress: MailingAddress? = nil, taxExempt: Bool = false) {
        self.conversion = conversion
        self.taxesIncluded = taxesIncluded
        self.lines = lines
        self.orderDiscount = orderDiscount
        self.shipping = shipping
        self.taxRates = taxRates
        self.shippingAddress = shippingAddress
        self.billingAddress = billingAddress
        self.shopAddress = shopAddress
        self.taxExempt = taxExempt
    }
}

/// The one calculation every path (preview, save, invoice, checkout, completion) uses:
/// prices → line discounts → order discount and its allocation → shipping → taxes → totals,
/// by the rules of DESIGN.md §3. Amounts are presentment-currency minor units.
public enum DraftCalculator {
    /// With `tracing`, the result also lists every step with the numbers behind it (`trace`);
    /// without, `trace` is empty, which spares every save and read thousands of steps nobody reads.
    public static func calculate(_ input: CalculationInput, tracing: Bool = false) -> DraftCalculation {
        var trace: [TraceStep]? = tracing ? [] : nil
        trace?.reserveCapacity(input.lines.count * 4 + 4)
        let conversion = input.conversion

        // 1–2. Unit prices, line totals and line discounts.
        var lines: [DraftCalculation.Line] = []
        lines.reserveCapacity(input.lines.count)
        var weight: Int64 = 0
        // Indexed rather than enumerated: a copy of a line retains its title and its discount's
        // strings, which was a fifth of the calculator's time on a 499-line draft.
        for index in input.lines.indices {
            let price = input.lines[index].price
            let unit = price.unitPrice(conversion).minorUnits
            let quantity = Int64(max(input.lines[index].quantity, 0))
            let originalTotal = unit * quantity
            weight += input.lines[index].grams * quantity
            trace?.append(TraceStep(kind: .price, subject: .line(index: index, title: input.lines[index].title), amount: originalTotal,
                                    detail: priceDetail(price, unit: unit, quantity: quantity, conversion)))
            var discount: Int64 = 0
            if let applied = input.lines[index].discount {
                switch applied.valueType {
                case .percentage:
                    discount = min(max(applied.value.percent(of: originalTotal), 0), originalTotal)
                    trace?.append(TraceStep(kind: .lineDiscount, subject: .line(index: index, title: input.lines[index].title), amount: -discount, detail: .percentDiscount(
                        name: discountName(applied), percent: applied.value, base: originalTotal)))
                case .fixedAmount:
                    let perUnit = fixedAmount(applied, conversion)
                    let (product, overflow) = perUnit.multipliedReportingOverflow(by: quantity)
                    let uncapped = overflow ? Int64.max : product
                    discount = min(max(uncapped, 0), originalTotal)
                    trace?.append(TraceStep(kind: .lineDiscount, subject: .line(index: index, title: input.lines[index].title), amount: -discount, detail: .fixedDiscount(
                        name: discountName(applied), amount: perUnit, quantity: quantity,
                        cap: uncapped > originalTotal ? originalTotal : nil)))
                }
            }
            lines.append(DraftCalculation.Line(unitPrice: unit, originalTotal: originalTotal, discount: discount,
                                               discountedTotal: originalTotal - discount, orderDiscountAllocation: 0,
                                               taxLines: []))
        }

        // 3–5. Subtotal of lines, the order discount and its allocation.
        let lineItemsSubtotal = lines.reduce(0) { $0 + $1.discountedTotal }
        var orderDiscount: Int64 = 0
        if let applied = input.orderDiscount {
            switch applied.valueType {
            case .percentage:
                orderDiscount = min(max(applied.value.percent(of: lineItemsSubtotal), 0), lineItemsSubtotal)
                trace?.append(TraceStep(kind: .orderDiscount, subject: .order, amount: -orderDiscount, detail: .percentDiscount(
                    name: discountName(applied), percent: applied.value, base: lineItemsSubtotal)))
            case .fixedAmount:
                let uncapped = fixedAmount(applied, conversion)
                orderDiscount = min(max(uncapped, 0), lineItemsSubtotal)
                trace?.append(TraceStep(kind: .orderDiscount, subject: .order, amount: -orderDiscount, detail: .fixedDiscount(
                    name: discountName(applied), amount: uncapped, quantity: nil,
                    cap: uncapped > lineItemsSubtotal ? lineItemsSubtotal : nil)))
            }
            let shares = Allocation.largestRemainder(orderDiscount, weights: lines.map(\.discountedTotal))
            for index in lines.indices {
                lines[index].orderDiscountAllocation = shares[index]
                if shares[index] != 0 {
                    trace?.append(TraceStep(
                        kind: .allocation, subject: .line(index: index, title: input.lines[index].title), amount: -shares[index],
                        detail: .allocation(weight: lines[index].discountedTotal, total: lineItemsSubtotal)))
                }
            }
        }
        let subtotal = lineItemsSubtotal - orderDiscount

        // 6. Shipping.
        var shipping: DraftCalculation.Shipping?
        if case .line(let title, let price, let handle) = input.shipping {
            let amount = conversion.convert(price).minorUnits
            shipping = .init(title: title, price: amount, handle: handle, taxLines: [])
            trace?.append(TraceStep(kind: .shipping, subject: .shipping, amount: amount,
                                   detail: .shipping(title: title, fromRate: handle != nil)))
        }

        // 7. Taxes, per line and per rate, at the chosen address.
        var warnings: [DraftCalculation.Warning] = []
        let (address, source) = TaxJurisdiction.taxAddress(shipping: input.shippingAddress, billing: input.billingAddress,
                                                          shop: input.shopAddress)
        var applicable: [TaxRate] = []
        if let address {
            applicable = TaxJurisdiction.rates(for: address, from: input.taxRates)
            if TaxJurisdiction.isMissingProvince(address, rates: input.taxRates) {
                warnings.append(.init(code: "TAX_ADDRESS_INCOMPLETE", field: source.fieldName + ".provinceCode",
                                      message: "The \(source.description) has no province, so only \(address.countryCode ?? "")-wide taxes were charged."))
            }
        } else if !input.lines.isEmpty {
            warnings.append(.init(code: "TAX_ADDRESS_MISSING", field: "shippingAddress",
                                  message: "No address names a country, so no taxes were charged."))
        }
        let place = address.map { [$0.countryCode, $0.provinceCode].compactMap { $0 }.joined(separator: "-") } ?? ""
        func taxStep(_ subject: TraceStep.Subject, _ rate: TaxRate, base: Int64, amount: Int64) -> TraceStep {
            TraceStep(kind: .tax, subject: subject, amount: amount, detail: .tax(
                name: rate.name, rate: rate.rate, country: rate.countryCode.rawValue, province: rate.provinceCode, base: base,
                included: input.taxesIncluded, place: place, source: source))
        }
        var lineTaxTotals: [DraftCalculation.TaxLine] = []
        if input.taxExempt {
            trace?.append(TraceStep(kind: .tax, subject: .order, amount: 0, detail: .exempt))
        } else if address != nil {
            let totalRate = applicable.reduce(ExactDecimal.zero) { $0 + $1.rate }
            // Summed per rate as the lines are taxed, so grouping has a handful of lines to merge, not one per line and rate.
            var rateTotals = [Int64](repeating: 0, count: applicable.count)
            var taxedAnyLine = false
            for index in lines.indices where input.lines[index].taxable {
                taxedAnyLine = true
                let base = lines[index].discountedTotal - lines[index].orderDiscountAllocation
                var taxLines: [DraftCalculation.TaxLine] = []
                taxLines.reserveCapacity(applicable.count)
                for rateIndex in applicable.indices {
                    let amount = tax(on: base, rate: applicable[rateIndex].rate, totalRate: totalRate, included: input.taxesIncluded)
                    rateTotals[rateIndex] += amount
                    trace?.append(taxStep(.line(index: index, title: input.lines[index].title), applicable[rateIndex],
                                          base: base, amount: amount))
                    taxLines.append(.init(title: applicable[rateIndex].name, rate: applicable[rateIndex].rate, amount: amount))
                }
                lines[index].taxLines = taxLines
            }
            if taxedAnyLine {
                lineTaxTotals = applicable.indices.map { .init(title: applicable[$0].name, rate: applicable[$0].rate, amount: rateTotals[$0]) }
            }
            if var line = shipping, line.price > 0 {
                let shippingRates = applicable.filter(\.appliesToShipping)
                let shippingTotalRate = shippingRates.reduce(ExactDecimal.zero) { $0 + $1.rate }
                line.taxLines = shippingRates.map { rate in
                    let amount = tax(on: line.price, rate: rate.rate, totalRate: shippingTotalRate, included: input.taxesIncluded)
                    trace?.append(taxStep(.shipping, rate, base: line.price, amount: amount))
                    return .init(title: rate.name, rate: rate.rate, amount: amount)
                }
                shipping = line
            }
        }
        let taxLines = DraftCalculation.TaxLine.grouped(lineTaxTotals + (shipping?.taxLines ?? []))
        let totalTax = taxLines.reduce(0) { $0 + $1.amount }

        // 8. Totals.
        let shippingPrice = shipping?.price ?? 0
        let total = input.taxesIncluded ? subtotal + shippingPrice : subtotal + shippingPrice + totalTax
        let totalDiscounts = lines.reduce(0) { $0 + $1.discount } + orderDiscount
        trace?.append(TraceStep(kind: .total, subject: .order, amount: total, detail: .total(
            subtotal: subtotal, shipping: shippingPrice, tax: totalTax, taxesIncluded: input.taxesIncluded)))

        return DraftCalculation(
            conversion: conversion, taxesIncluded: input.taxesIncluded, lines: lines,
            lineItemsSubtotal: lineItemsSubtotal, orderDiscount: orderDiscount, subtotal: subtotal, shipping: shipping,
            taxLines: taxLines, totalTax: totalTax, total: total, totalDiscounts: totalDiscounts,
            totalLineItemsPrice: lines.reduce(0) { $0 + $1.originalTotal }, totalWeightGrams: weight,
            taxAddressSource: source, warnings: warnings, trace: trace ?? [])
    }

    /// How a line's price came about, for the trace.
    private static func priceDetail(_ price: CalculationInput.Line.Price, unit: Int64, quantity: Int64,
                                    _ conversion: CurrencyConversion) -> TraceStep.Detail {
        let (source, original): (TraceStep.PriceSource, Money) = switch price {
        case .catalog(let money): (.catalog, money)
        case .custom(let money), .legacyCustom(let money): (.custom, money)
        case .override(let money): (.override, money)
        }
        let converted = original.currency == conversion.presentmentCurrency ? nil : original
        return .price(source: source, unit: unit, quantity: quantity, converted: converted,
                      rate: converted == nil ? nil : conversion.rate)
    }

    /// A FIXED_AMOUNT discount in presentment units: its explicit amount when that is in the
    /// presentment currency, else its shop-currency value converted without price rounding.
    private static func fixedAmount(_ discount: AppliedDiscount, _ conversion: CurrencyConversion) -> Int64 {
        if let amount = discount.amountWithCurrency, amount.currency == conversion.presentmentCurrency {
            return amount.minorUnits
        }
        // Unrepresentable values are refused with the input; saturating keeps the cap meaningful.
        let value = Money(rounding: discount.value, currency: conversion.shopCurrency)
            ?? Money(minorUnits: .max, currency: conversion.shopCurrency)
        return conversion.convert(value).minorUnits
    }

    /// Tax on `base`: `rate × base`, or with taxes included the part of `base` that is this
    /// rate's tax, `base × rate / (1 + Σ rates)`; rounded half away from zero.
    static func tax(on base: Int64, rate: ExactDecimal, totalRate: ExactDecimal, included: Bool) -> Int64 {
        guard included else { return rate.applied(to: base) }
        let (rateUnits, totalUnits) = ExactDecimal.aligned(rate, totalRate)
        let scale = max(rate.scale, totalRate.scale)
        let numerator = Int128(base) * rateUnits
        let denominator = ExactDecimal.powerOfTen(scale) + totalUnits
        return Int64(ExactDecimal.divideRoundingHalfAwayFromZero(numerator, by: denominator))
    }

    private static func discountName(_ discount: AppliedDiscount) -> String? {
        discount.title?.nonEmpty ?? discount.description.nonEmpty
    }
}

extension TaxAddressSource {
    var description: String {
        switch self {
        case .shippingAddress: "shipping address"
        case .billingAddress: "billing address"
        case .shopAddress: "shop's address"
        case .none: "no address"
        }
    }

    var fieldName: String {
        switch self {
        case .shippingAddress: "shippingAddress"
        case .billingAddress: "billingAddress"
        case .shopAddress, .none: "shop.address"
        }
    }
}
