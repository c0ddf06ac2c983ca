/// Converts between the shop's currency and a draft's presentment currency.
///
/// Prices are converted at the currency's rate and then rounded by its rule (`roundTo`
/// "0.99": round up to the next amount ending in .99); discounts and shipping are converted
/// at the rate and rounded to the minor unit only. Shop-currency twins of presentment
/// amounts (the shop side of a MoneyBag) are derived back from the presentment amount.
///
/// Results beyond 64 bits saturate instead of trapping. Drafts stay far below that
/// (`DraftOrder.maximumAmount`, and rates between 10^-6 and 10^6); a fixed discount larger
/// than anything it could apply to is capped by its base afterwards anyway.
public struct CurrencyConversion: Sendable, Hashable, Codable {
    public let shopCurrency: CurrencyCode
    public let presentmentCurrency: CurrencyCode
    /// Presentment units per shop unit; 1 when the draft is in the shop's currency.
    public let rate: ExactDecimal
    public let roundTo: ExactDecimal?

    public init(shopCurrency: CurrencyCode, presentment: PresentmentCurrency?) {
        self.shopCurrency = shopCurrency
        self.presentmentCurrency = presentment?.code ?? shopCurrency
        self.rate = presentment?.rate ?? .one
        self.roundTo = presentment?.roundTo
    }

    public var isIdentity: Bool { presentmentCurrency == shopCurrency && rate == .one }

    /// The presentment currency setting this conversion was made from; nil for the shop's own.
    public var presentment: PresentmentCurrency? {
        presentmentCurrency == shopCurrency ? nil : PresentmentCurrency(code: presentmentCurrency, rate: rate, roundTo: roundTo)
    }

    /// A shop-currency amount at the rate, exact, in the presentment currency's major unit.
    private func exact(_ money: Money) -> (numerator: Int128, denominator: Int128) {
        // money.minorUnits / 10^sd × rate.sig / 10^rs, expressed in presentment minor units:
        // × 10^pd.
        let pd = presentmentCurrency.minorUnitDigits
        let sd = money.currency.minorUnitDigits
        let numerator = Int128(money.minorUnits) * Int128(rate.significand) * ExactDecimal.powerOfTen(pd)
        let denominator = ExactDecimal.powerOfTen(sd + rate.scale)
        return (numerator, denominator)
    }

    /// A shop-currency amount (discount, shipping) in presentment minor units, rounded half away from zero.
    public func convert(_ money: Money) -> Money {
        guard money.currency != presentmentCurrency else { return money }
        let (numerator, denominator) = exact(money)
        let units = ExactDecimal.divideRoundingHalfAwayFromZero(numerator, by: denominator)
        return Money(minorUnits: Int64(clamping: units), currency: presentmentCurrency)
    }

    /// A shop-currency price in the presentment currency, rounded by the currency's rule.
    public func convertPrice(_ money: Money) -> Money {
        // A free item stays free: rounding up would give it a price.
        guard money.currency != presentmentCurrency, let roundTo, money.minorUnits != 0 else { return convert(money) }
        let (numerator, denominator) = exact(money)
        // The smallest amount ≥ the exact price whose fraction is `roundTo`.
        let unit = ExactDecimal.powerOfTen(presentmentCurrency.minorUnitDigits)
        let fraction = Int128(roundTo.rounded(toScale: presentmentCurrency.minorUnitDigits).significand)
        let whole = numerator / (denominator * unit)
        var candidate = whole * unit + fraction
        if candidate * denominator < numerator { candidate += unit }
        return Money(minorUnits: Int64(clamping: candidate), currency: presentmentCurrency)
    }

    /// The shop-currency estimate of a presentment amount: divided by the rate and rounded.
    public func shopAmount(_ presentmentUnits: Int64) -> Money {
        if presentmentCurrency == shopCurrency { return Money(minorUnits: presentmentUnits, currency: shopCurrency) }
        let pd = presentmentCurrency.minorUnitDigits
        let sd = shopCurrency.minorUnitDigits
        let numerator = Int128(presentmentUnits) * ExactDecimal.powerOfTen(sd + rate.scale)
        let denominator = Int128(rate.significand) * ExactDecimal.powerOfTen(pd)
        return Money(minorUnits: Int64(clamping: ExactDecimal.divideRoundingHalfAwayFromZero(numerator, by: denominator)),
                     currency: shopCurrency)
    }
}
