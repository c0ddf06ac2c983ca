// A representative domain model (modelled on a draft-order line item) and a
// seeded random generator for property-style tests.

struct Decimalish: Codable, Hashable {
    var text: String

    init(_ text: String) { self.text = text }

    init(from decoder: any Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

struct Timestamp: Codable, Hashable {
    var millis: Int64

    init(millis: Int64) { self.millis = millis }

    init(from decoder: any Decoder) throws {
        millis = try decoder.singleValueContainer().decode(Int64.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millis)
    }
}

struct Money: Codable, Hashable {
    var amount: Decimalish
    var currencyCode: String
}

enum Source: Codable, Hashable {
    case variant(id: Int64, price: Money)
    case custom(Money)
}

struct Discount: Codable, Hashable {
    enum ValueType: String, Codable, Hashable {
        case percentage = "PERCENTAGE"
        case fixedAmount = "FIXED_AMOUNT"
    }
    var valueType: ValueType
    var value: Decimalish
    var title: String?
}

struct Attribute: Codable, Hashable {
    var key: String
    var value: String
}

enum Weight: Codable, Hashable {
    case grams(Int)
    case kilograms(Double)
    case none
}

enum Status: Int, Codable, Hashable {
    case draft = 0, open = 1, closed = 2
}

struct Line: Codable, Hashable {
    var id: Int64
    var title: String
    var variantTitle: String?
    var sku: String?
    var vendor: String?
    var quantity: Int
    var requiresShipping: Bool
    var taxable: Bool
    var giftCard: Bool?
    var source: Source
    var discount: Discount?
    var attributes: [Attribute]
    var weight: Weight
    var createdAt: Timestamp
    var position: Int32
    var grams: UInt16?
    var fulfillableQuantity: UInt
    var note: String?
    var productId: Int64?
    var status: Status
    var tags: [String]
    var taxRate: Double?
    var ratio: Float
    var properties: [String: String]
}

struct Address: Codable, Hashable {
    var city: String?
    var zip: String?
    var lines: [String]?
}

struct Customer: Codable, Hashable {
    var name: String?
    var email: String?
    var address: Address?
}

struct Document: Codable, Hashable {
    var id: String
    var lines: [Line]
    var metadata: [String: Int]
    var grouped: [String: [Line]]?
    var customer: Customer?
    var totals: [String: Money]
    var flags: [Bool]
    var matrix: [[Int8]]
    var counters: [UInt64]
    var optionalInts: [Int?]
    var empty: [String: String]
}

/// SplitMix64: tiny, seedable, good enough to drive generators.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Gen {
    static let fragments = [
        "Part", "Widget", "gid://shopify/ProductVariant/1", "a/b", "\"quoted\"", "back\\slash",
        "tab\there", "new\nline", "\r", "\u{8}\u{C}", "\u{1}\u{1F}", "\u{7F}", "é", "e\u{301}", "😀", "👩‍👩‍👧",
        "\u{2028}\u{2029}", "日本語", "\u{0}", "", " ", "<script>", "100%", "{}[]:,", "\u{FFFD}", "\u{10FFFF}",
    ]

    static func string(_ r: inout SeededRandom) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...4, using: &r) { s += fragments.randomElement(using: &r)! }
        if Int.random(in: 0..<10, using: &r) == 0 { s += String(repeating: "x", count: Int.random(in: 10...300, using: &r)) }
        return s
    }

    static func optional<T>(_ r: inout SeededRandom, _ make: (inout SeededRandom) -> T) -> T? {
        Bool.random(using: &r) ? make(&r) : nil
    }

    static func money(_ r: inout SeededRandom) -> Money {
        Money(amount: Decimalish("\(Int.random(in: 0...99999, using: &r)).\(Int.random(in: 10...99, using: &r))"),
              currencyCode: ["USD", "EUR", "CAD"].randomElement(using: &r)!)
    }

    static func double(_ r: inout SeededRandom) -> Double {
        switch Int.random(in: 0..<8, using: &r) {
        case 0: return Double(Int.random(in: -1000...1000, using: &r))
        case 1: return Double.random(in: -1...1, using: &r)
        case 2: return Double.random(in: -1e300...1e300, using: &r)
        case 3: return [0.1, 0.2, 0.3, 1e-7, .leastNonzeroMagnitude, 1.7976931348623157e308, -0.0, 1e16, 1e21, 123456789.125].randomElement(using: &r)!
        case 4: return Double(bitPattern: UInt64.random(in: 0...0x7FEF_FFFF_FFFF_FFFF, using: &r))
        default: return Double(Int.random(in: 0...10_000, using: &r)) / 100
        }
    }

    static func float(_ r: inout SeededRandom) -> Float {
        switch Int.random(in: 0..<4, using: &r) {
        case 0: return Float(Int.random(in: -100...100, using: &r))
        case 1: return Float.random(in: -1e30...1e30, using: &r)
        case 2: return [0.1, 3.4028235e38, .leastNonzeroMagnitude, -0.0, 16777216].randomElement(using: &r)!
        default: return Float.random(in: 0...1, using: &r)
        }
    }

    static func line(_ r: inout SeededRandom) -> Line {
        let source: Source = Bool.random(using: &r)
            ? .variant(id: Int64.random(in: 1...Int64.max, using: &r), price: money(&r))
            : .custom(money(&r))
        let weight: Weight = [Weight.grams(Int.random(in: Int.min...Int.max, using: &r)), .kilograms(double(&r)), .none]
            .randomElement(using: &r)!
        var properties: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...3, using: &r) { properties[string(&r)] = string(&r) }
        return Line(
            id: Int64.random(in: Int64.min...Int64.max, using: &r),
            title: string(&r),
            variantTitle: optional(&r, string),
            sku: optional(&r, string),
            vendor: optional(&r, string),
            quantity: Int.random(in: -5...1_000_000, using: &r),
            requiresShipping: Bool.random(using: &r),
            taxable: Bool.random(using: &r),
            giftCard: optional(&r) { Bool.random(using: &$0) },
            source: source,
            discount: optional(&r) {
                Discount(valueType: Bool.random(using: &$0) ? .percentage : .fixedAmount,
                         value: Decimalish("\(Int.random(in: 0...100, using: &$0))"), title: optional(&$0, string))
            },
            attributes: (0..<Int.random(in: 0...3, using: &r)).map { _ in Attribute(key: string(&r), value: string(&r)) },
            weight: weight,
            createdAt: Timestamp(millis: Int64.random(in: 0...4_000_000_000_000, using: &r)),
            position: Int32.random(in: Int32.min...Int32.max, using: &r),
            grams: optional(&r) { UInt16.random(in: 0...UInt16.max, using: &$0) },
            fulfillableQuantity: UInt.random(in: 0...UInt.max, using: &r),
            note: optional(&r, string),
            productId: optional(&r) { Int64.random(in: 0...Int64.max, using: &$0) },
            status: [Status.draft, .open, .closed].randomElement(using: &r)!,
            tags: (0..<Int.random(in: 0...4, using: &r)).map { _ in string(&r) },
            taxRate: optional(&r, double),
            ratio: float(&r),
            properties: properties)
    }

    static func document(_ r: inout SeededRandom) -> Document {
        var metadata: [String: Int] = [:]
        for _ in 0..<Int.random(in: 0...6, using: &r) { metadata[string(&r)] = Int.random(in: Int.min...Int.max, using: &r) }
        var totals: [String: Money] = [:]
        for _ in 0..<Int.random(in: 0...3, using: &r) { totals[string(&r)] = money(&r) }
        let grouped: [String: [Line]]? = optional(&r) { r in
            var g: [String: [Line]] = [:]
            for _ in 0..<Int.random(in: 0...2, using: &r) { g[string(&r)] = (0..<Int.random(in: 0...2, using: &r)).map { _ in line(&r) } }
            return g
        }
        return Document(
            id: string(&r),
            lines: (0..<Int.random(in: 0...4, using: &r)).map { _ in line(&r) },
            metadata: metadata,
            grouped: grouped,
            customer: optional(&r) {
                Customer(name: optional(&$0, string), email: optional(&$0, string),
                         address: optional(&$0) { Address(city: optional(&$0, string), zip: optional(&$0, string), lines: optional(&$0) { r in [string(&r)] }) })
            },
            totals: totals,
            flags: (0..<Int.random(in: 0...3, using: &r)).map { _ in Bool.random(using: &r) },
            matrix: (0..<Int.random(in: 0...3, using: &r)).map { _ in (0..<Int.random(in: 0...3, using: &r)).map { _ in Int8.random(in: Int8.min...Int8.max, using: &r) } },
            counters: [UInt64.max, 0, UInt64.random(in: 0...UInt64.max, using: &r)],
            optionalInts: [nil, 1, optional(&r) { Int.random(in: -10...10, using: &$0) }],
            empty: [:])
    }
}
