/// An ISO 3166-1 alpha-2 country code.
public struct CountryCode: Sendable, Hashable, Comparable, CustomStringConvertible, RawRepresentable {
    public let rawValue: String

    /// Accepts a known code in any letter case.
    public init?(rawValue: String) {
        let upper = rawValue.uppercased()
        guard Geography.countryNames[upper] != nil else { return nil }
        self.rawValue = upper
    }

    public var description: String { rawValue }
    public var name: String { Geography.countryNames[rawValue]! }

    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let unitedStates = CountryCode(rawValue: "US")!
    public static let canada = CountryCode(rawValue: "CA")!
}

/// Lookups between codes and names for countries and their provinces.
public enum Geography {
    static let countryNames: [String: String] = Dictionary(
        uniqueKeysWithValues: CountryTable.entries.map { ($0.code, $0.name) }
    )

    private static let countryCodesByName: [String: String] = {
        var table: [String: String] = [:]
        for entry in CountryTable.entries { table[entry.name.uppercased()] = entry.code }
        for (alias, code) in CountryTable.aliases { table[alias] = code }
        return table
    }()

    public static var allCountries: [CountryCode] {
        CountryTable.entries.map { CountryCode(rawValue: $0.code)! }
    }

    /// A country by its code or by its name ("CA", "ca", "Canada").
    public static func country(matching text: String) -> CountryCode? {
        let trimmed = text.trimmingWhitespace()
        if let code = CountryCode(rawValue: trimmed) { return code }
        return countryCodesByName[trimmed.uppercased()].flatMap(CountryCode.init(rawValue:))
    }

    /// Whether the country's provinces are known, so that a province can be required and checked.
    public static func hasProvinces(_ country: CountryCode) -> Bool {
        ProvinceTable.entries[country.rawValue] != nil
    }

    /// A province code of `country`, found by its code or its name ("ON", "Ontario").
    public static func provinceCode(matching text: String, in country: CountryCode) -> String? {
        guard let provinces = ProvinceTable.entries[country.rawValue] else { return nil }
        let upper = text.trimmingWhitespace().uppercased()
        return provinces.first { $0.code == upper || $0.name.uppercased() == upper }?.code
    }

    public static func provinceName(code: String, in country: CountryCode) -> String? {
        ProvinceTable.entries[country.rawValue]?.first { $0.code == code.uppercased() }?.name
    }

    public static func provinceCodes(in country: CountryCode) -> [String] {
        ProvinceTable.entries[country.rawValue]?.map(\.code) ?? []
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    public func trimmingWhitespace() -> String {
        // Most text arrives trimmed. The characters trimmed are one byte each, or "\r\n", which starts
        // and ends with such a byte: when neither end byte is one, the text is returned as it is,
        // without walking it by character, which finds a grapheme break for each.
        let text = String(self)
        let isSpaceByte: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if let first = text.utf8.first, let last = text.utf8.last, !isSpaceByte(first), !isSpaceByte(last) {
            return text
        }
        // "\r\n" is one character of its own, equal to neither "\r" nor "\n".
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = text.firstIndex(where: { !isSpace($0) }), let end = text.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(text[start...end])
    }
}

extension CountryCode: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = CountryCode(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown country \(text)"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
