/// Collections decoded straight from the tape instead of through their own
/// `init(from:)`, which goes through generic containers (and, for
/// dictionaries, `allKeys`) and costs more than all of a small struct's
/// fields. The results and errors are the ones the standard conformances
/// produce under Foundation's decoder, which special-cases `[String: V]` the
/// same way (duplicate keys keep the first value).
protocol TapeDirectDecodable {
    init(tapeDecoder: TapeDecoder, at i: Int) throws
}

extension TapeDirectDecodable {
    /// `R` is `Self`; returning it generically avoids boxing the result in
    /// an existential and casting it back.
    @inline(__always)
    static func decodeDirect<R>(_: R.Type, from decoder: TapeDecoder, at i: Int) throws -> R {
        unsafeBitCast(try Self(tapeDecoder: decoder, at: i), to: R.self)
    }
}

extension Array: TapeDirectDecodable where Element: Decodable {
    init(tapeDecoder decoder: TapeDecoder, at i: Int) throws {
        try decoder.requireContainer(.array, at: i)
        // Leaf element types get a fully specialized loop (and Array
        // operations that need no runtime generic metadata).
        if Element.self == String.self {
            self = unsafeBitCast(try decoder.elements(at: i) { try decoder.unwrapString(at: $0) }, to: [Element].self)
        } else if Element.self == Int.self {
            self = unsafeBitCast(try decoder.elements(at: i) { try decoder.unwrapInteger(Int.self, at: $0) }, to: [Element].self)
        } else if Element.self == Int64.self {
            self = unsafeBitCast(try decoder.elements(at: i) { try decoder.unwrapInteger(Int64.self, at: $0) }, to: [Element].self)
        } else if Element.self == Double.self {
            self = unsafeBitCast(try decoder.elements(at: i) { try decoder.unwrapFloatingPoint(Double.self, at: $0) }, to: [Element].self)
        } else if Element.self == Bool.self {
            self = unsafeBitCast(try decoder.elements(at: i) { try decoder.unwrapBool(at: $0) }, to: [Element].self)
        } else {
            self = try decoder.elements(at: i) { try decoder.decodeValue(Element.self, at: $0) }
        }
    }
}

extension Dictionary: TapeDirectDecodable where Key == String, Value: Decodable {
    init(tapeDecoder decoder: TapeDecoder, at i: Int) throws {
        try decoder.requireObject(at: i)
        if Value.self == String.self {
            self = unsafeBitCast(try decoder.members(at: i) { try decoder.unwrapString(at: $0) }, to: [String: Value].self)
        } else if Value.self == Int.self {
            self = unsafeBitCast(try decoder.members(at: i) { try decoder.unwrapInteger(Int.self, at: $0) }, to: [String: Value].self)
        } else if Value.self == Bool.self {
            self = unsafeBitCast(try decoder.members(at: i) { try decoder.unwrapBool(at: $0) }, to: [String: Value].self)
        } else if Value.self == Double.self {
            self = unsafeBitCast(try decoder.members(at: i) { try decoder.unwrapFloatingPoint(Double.self, at: $0) }, to: [String: Value].self)
        } else {
            self = try decoder.members(at: i) { try decoder.decodeValue(Value.self, at: $0) }
        }
    }
}

extension TapeDecoder {
    @inline(__always)
    func elements<E>(at i: Int, _ element: (Int) throws -> E) rethrows -> [E] {
        let e = tape[i]
        var result: [E] = []
        result.reserveCapacity(e.a)
        var child = i + 1
        while child < e.b {
            result.append(try element(child))
            child = endIndex(child)
        }
        return result
    }

    /// Duplicate keys keep the first value, as in Foundation.
    @inline(__always)
    func members<V>(at i: Int, _ value: (Int) throws -> V) rethrows -> [String: V] {
        let e = tape[i]
        var result: [String: V] = Dictionary(minimumCapacity: e.a)
        var k = i + 1
        while k < e.b {
            let key = stringValue(at: k)
            if result[key] == nil { result[key] = try value(k + 1) }
            k = endIndex(k + 1)
        }
        return result
    }
}
