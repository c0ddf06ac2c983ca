/// Coding key used in reconstructed coding paths and for dictionary-style
/// access. Array positions read "Index N", as in Foundation's paths.
struct JSONKey: CodingKey, Sendable {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    static let `super` = JSONKey(stringValue: "super")
}

/// Foundation's JSONEncoder/JSONDecoder give `Data`, `URL` and `Decimal` a
/// JSON form that differs from their own `Codable` conformances (base64, an
/// absolute-string, a bare number). This library does not link Foundation,
/// so it cannot reproduce that; instead it refuses those types loudly rather
/// than silently writing documents Foundation would not have written.
/// (`Date` needs no handling: the default `.deferredToDate` strategy is just
/// `Date`'s own conformance.)
enum FoundationSpecialTypes {
    private static let known: [(ObjectIdentifier, String)] = {
        let candidates = [
            ("20FoundationEssentials4DataV", "Data"), ("10Foundation4DataV", "Data"),
            ("20FoundationEssentials3URLV", "URL"), ("10Foundation3URLV", "URL"),
            ("20FoundationEssentials7DecimalV", "Decimal"), ("10Foundation7DecimalV", "Decimal"),
        ]
        return candidates.compactMap { mangled, name in
            _typeByName(mangled).map { (ObjectIdentifier($0), name) }
        }
    }()

    /// Name of the Foundation type when `type` is one we cannot mirror.
    @inline(__always)
    static func unsupportedName(_ type: Any.Type) -> String? {
        let known = Self.known
        if known.isEmpty { return nil }
        let id = ObjectIdentifier(type)
        for (candidate, name) in known where candidate == id { return name }
        return nil
    }

    static func message(_ name: String) -> String {
        "Foundation.\(name) is not supported: Foundation's JSON coders special-case it and this library cannot reproduce that byte-for-byte."
    }
}
