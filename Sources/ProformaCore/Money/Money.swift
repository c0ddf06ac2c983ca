/// An amount in a currency's minor unit (cents for USD, yen for JPY, fils for KWD).
public struct Money: Sendable, Hashable, CustomStringConvertible {
    public var minorUnits: Int64
    public var currency: CurrencyCode

    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: CurrencyCode) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    /// Parses a decimal amount ("20.00", "20", "19.5") that must be exact in the currency's
    /// minor unit: "10.005" USD is refused rather than silently rounded.
    public init?(_ text: some StringProtocol, currency: CurrencyCode) {
        guard let decimal = ExactDecimal(text) else { return nil }
        self.init(exactly: decimal, currency: currency)
    }

    /// Rounds to the currency's minor unit, half away from zero; nil when the amount does not
    /// fit 64 bits.
    public init?(rounding decimal: ExactDecimal, currency: CurrencyCode) {
        let digits = currency.minorUnitDigits
        let units = decimal.scale <= digits
            ? Int128(decimal.significand) * ExactDecimal.powerOfTen(digits - decimal.scale)
            : ExactDecimal.divideRoundingHalfAwayFromZero(Int128(decimal.significand),
                                                          by: ExactDecimal.powerOfTen(decimal.scale - digits))
        guard let exact = Int64(exactly: units) else { return nil }
        self.init(minorUnits: exact, currency: currency)
    }

    public init?(exactly decimal: ExactDecimal, currency: CurrencyCode) {
        let digits = currency.minorUnitDigits
        let normal = decimal.normalized
        guard normal.scale <= digits else { return nil }
        let scaled = Int128(normal.significand) * ExactDecimal.powerOfTen(digits - normal.scale)
        guard let units = Int64(exactly: scaled) else { return nil }
        self.init(minorUnits: units, currency: currency)
    }

    /// The amount as an exact decimal at the currency's scale (USD 1050 → 10.50).
    public var decimal: ExactDecimal {
        ExactDecimal(significand: minorUnits, scale: currency.minorUnitDigits)
    }

    /// Fixed fraction digits, as the REST API writes money: "20.00", "1000", "1.250".
    public var formattedAmount: String { decimal.description }

    /// Trailing zeros dropped but one fraction digit kept, as Shopify's GraphQL `Decimal`
    /// writes money: "4.2", "60.0", "0.0".
    public var graphQLAmount: String {
        let normal = decimal.normalized
        return normal.scale == 0 ? normal.description + ".0" : normal.description
    }

    public var description: String { "\(formattedAmount) \(currency)" }

    public var isNegative: Bool { minorUnits < 0 }
}

extension Money {
    /// For people: the currency's symbol, grouped digits and the code where the symbol is
    /// shared ("$1,234.50 USD", "€12.00 EUR", "¥1,500 JPY", "-$5.00 USD").
    public var displayString: String {
        let digits = decimal.description.drop { $0 == "-" }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        grouped = whole + grouped
        if parts.count > 1 { grouped += "." + parts[1] }
        let symbol = Self.symbols[currency.rawValue] ?? ""
        return (isNegative ? "-" : "") + symbol + grouped + " " + currency.rawValue
    }

    private static let symbols: [String: String] = [
        "USD": "$", "CAD": "$", "AUD": "$", "NZD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CHF": "CHF ",
        "SEK": "kr ", "NOK": "kr ", "DKK": "kr ", "INR": "₹", "KWD": "KD ",
    ]
}
