/// An arbitrary JSON document.
public enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes from any `Decoder` by trying, in order: null, Bool, Int,
    /// Double, String, array, object. Under `JSONDocumentDecoder` the same
    /// result is produced straight from the parsed document instead of by
    /// trial and error.
    public init(from decoder: any Decoder) throws {
        if let tapeDecoder = decoder as? TapeDecoder {
            self = try tapeDecoder.jsonValue(at: tapeDecoder.index)
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int.self) {
            self = .int(i)
        } else if let d = try? container.decode(Double.self) {
            self = .double(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Strict RFC 8259 parser. Integer literals that fit in `Int` become
    /// `.int` (`-0` is `.int(0)`); anything with a fraction or exponent, or an
    /// integer too large for `Int`, becomes `.double`. Duplicate object keys:
    /// the last one wins.
    public static func parse(_ bytes: some Collection<UInt8>) throws -> JSONValue {
        try parseNotingNUL(bytes).value
    }

    /// `parse`, also saying whether any string or key holds U+0000, which some stores (e.g.
    /// PostgreSQL `jsonb`) reject. Found while parsing: only an escape can write one.
    public static func parseNotingNUL(_ bytes: some Collection<UInt8>) throws -> (value: JSONValue, containsNUL: Bool) {
        // The strict tape of `JSONDocument`, read into a tree over the caller's bytes.
        try withContiguousBytes(bytes) { buffer throws(JSONParseError) in
            let (tape, sawNUL) = try TapeBuilder.build(buffer, strict: true)
            defer { tape.deallocate() }
            return (JSONNode(base: buffer.baseAddress!, tape: tape.base, index: 0).value, sawNUL)
        }
    }

    /// Object member, or nil when absent or when `self` is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    public var stringValue: String? {
        guard case .string(let s) = self else { return nil }
        return s
    }

    public var objectValue: [String: JSONValue]? {
        guard case .object(let members) = self else { return nil }
        return members
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Compact JSON text. Object keys are sorted by their UTF-8 bytes so the
    /// text is deterministic; `/` is not escaped; a non-finite `.double`
    /// (which JSON cannot express) is written as `null`.
    public var jsonText: String {
        var writer = JSONTextWriter(escapeSlashes: false)
        defer { writer.deallocate() }
        writer.write(self)
        return String(decoding: writer.slice(0, writer.count), as: UTF8.self)
    }

}

extension JSONTextWriter {
    mutating func write(_ value: JSONValue) {
        switch value {
        case .null:
            writeNull()
        case .bool(let b):
            writeBool(b)
        case .int(let i):
            writeInteger(i)
        case .double(let d):
            if d.isFinite { writeFinite(d) } else { writeNull() }
        case .string(let s):
            writeString(s)
        case .array(let elements):
            writeByte(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { writeByte(UInt8(ascii: ",")) }
                write(element)
            }
            writeByte(UInt8(ascii: "]"))
        case .object(let members):
            writeByte(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, key) in keys.enumerated() {
                if i > 0 { writeByte(UInt8(ascii: ",")) }
                writeString(key)
                writeByte(UInt8(ascii: ":"))
                write(members[key]!)
            }
            writeByte(UInt8(ascii: "}"))
        }
    }
}
