/// An ISO 4217 currency code that this build knows the minor unit of.
public struct CurrencyCode: Sendable, Hashable, Comparable, CustomStringConvertible, RawRepresentable {
    public let rawValue: String
    /// Digits after the decimal point in the currency's minor unit (USD 2, JPY 0, KWD 3). Kept,
    /// not looked up, because every amount the calculator touches asks for it.
    public let minorUnitDigits: Int

    /// Accepts a known code in any letter case ("usd" → USD).
    public init?(rawValue: String) {
        let upper = rawValue.uppercased()
        guard let digits = Self.minorUnitsByCode[upper] else { return nil }
        self.rawValue = upper
        self.minorUnitDigits = digits
    }

    public var description: String { rawValue }

    public static func < (lhs: CurrencyCode, rhs: CurrencyCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let usd = CurrencyCode(rawValue: "USD")!
    public static let cad = CurrencyCode(rawValue: "CAD")!
    public static let eur = CurrencyCode(rawValue: "EUR")!
    public static let gbp = CurrencyCode(rawValue: "GBP")!
    public static let jpy = CurrencyCode(rawValue: "JPY")!
    public static let kwd = CurrencyCode(rawValue: "KWD")!

    public static var allCodes: [String] { minorUnitsByCode.keys.sorted() }

    private static let zeroDigit: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
        "VND", "VUV", "XAF", "XOF", "XPF",
    ]
    private static let threeDigit: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
    private static let fourDigit: Set<String> = ["CLF", "UYW"]
    private static let twoDigit: Set<String> = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
        "BGN", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF",
        "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR",
        "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF",
        "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP",
        "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
        "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK",
        "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
        "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP",
        "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD", "YER", "ZAR",
        "ZMW", "ZWG",
    ]

    private static let minorUnitsByCode: [String: Int] = {
        var table: [String: Int] = [:]
        for code in twoDigit { table[code] = 2 }
        for code in zeroDigit { table[code] = 0 }
        for code in threeDigit { table[code] = 3 }
        for code in fourDigit { table[code] = 4 }
        return table
    }()
}
