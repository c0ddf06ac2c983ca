/// Nesting limit shared by both parsers. Deep enough for any real document,
/// shallow enough that recursion cannot exhaust a thread's stack.
let maxNestingDepth = 512

/// Recursive-descent parser that builds a `JSONValue` tree directly.
struct ValueParser {
    var scanner: ByteScanner
    /// Members and elements of the containers being parsed, innermost last.
    /// Collecting them here first means each Dictionary / Array is created
    /// once at its final size instead of growing (and rehashing) as it fills.
    private var pendingMembers: [(String, JSONValue)] = []
    private var pendingElements: [JSONValue] = []
    /// Whether a string or key parsed so far holds U+0000. The scanner refuses a raw NUL byte,
    /// so only an escape can write one, and only strings with escapes are looked at.
    private(set) var sawNUL = false
    /// Keys too long to be stored inline in a `String` (more than 15 bytes), as parsed so far, so
    /// that the objects of an array, which mostly repeat their keys, share one copy of each:
    /// 499 lines each made their own "originalUnitPrice".
    private var longKeys: [String] = []
    private static let longKeyLimit = 32

    init(base: UnsafePointer<UInt8>, count: Int) {
        scanner = ByteScanner(base: base, count: count)
    }

    static func parseNotingNUL(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> (value: JSONValue, containsNUL: Bool) {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            throw JSONParseError(.unexpectedEndOfInput, at: 0)
        }
        var parser = ValueParser(base: base, count: buffer.count)
        parser.scanner.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.scanner.skipWhitespace()
        guard parser.scanner.pos == parser.scanner.count else {
            throw parser.scanner.fail(.trailingGarbage)
        }
        return (value, parser.sawNUL)
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard scanner.pos < scanner.count else { throw scanner.fail(.unexpectedEndOfInput) }
        switch scanner.base[scanner.pos] {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "t"):
            try scanner.expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try scanner.expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try scanner.expect("null")
            return .null
        case let b:
            throw scanner.fail(.unexpectedByte(b))
        }
    }

    @inline(__always)
    mutating func parseString() throws(JSONParseError) -> String {
        string(try scanner.scanString())
    }

    /// A string token's text, noting a NUL that an escape wrote.
    @inline(__always)
    private mutating func string(_ token: ByteScanner.StringToken) -> String {
        let text = Literal.string(scanner.base, token.start, token.end, escaped: token.hasEscapes)
        if token.hasEscapes && !sawNUL { sawNUL = text.utf8.contains(0) }
        return text
    }

    mutating func parseKey() throws(JSONParseError) -> String {
        let token = try scanner.scanString()
        let raw = UnsafeBufferPointer(start: scanner.base + token.start, count: token.end - token.start)
        guard !token.hasEscapes, raw.count > 15 else { return string(token) }
        for key in longKeys where key.utf8.count == raw.count {
            if key.utf8.withContiguousStorageIfAvailable({ Literal.bytesEqual($0.baseAddress!, raw.baseAddress!, count: raw.count) })
                == true { return key }
        }
        let text = string(token)
        if longKeys.count < Self.longKeyLimit { longKeys.append(text) }
        return text
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let token = try scanner.scanNumber()
        if token.isInteger, let i = Literal.integer(Int.self, scanner.base, token.start, token.end) {
            return .int(i)
        }
        guard let d = Literal.double(scanner.base, token.start, token.end) else {
            throw scanner.fail(.numberOutOfRange, at: token.start)
        }
        return .double(d)
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxNestingDepth else { throw scanner.fail(.nestingTooDeep(limit: maxNestingDepth)) }
        if scanner.enterContainer(closing: UInt8(ascii: "}")) { return .object([:]) }
        let base = pendingMembers.count
        while true {
            try scanner.expectKey()
            let key = try parseKey()
            try scanner.skipColon()
            let value = try parseValue(depth: depth)
            pendingMembers.append((key, value))
            if try !scanner.separator(closing: UInt8(ascii: "}"), allowsTrailingComma: false) {
                var members = [String: JSONValue](minimumCapacity: pendingMembers.count - base)
                for i in base..<pendingMembers.count {
                    // Plain assignment: a duplicate key keeps the last value.
                    members[pendingMembers[i].0] = pendingMembers[i].1
                }
                pendingMembers.removeSubrange(base...)
                return .object(members)
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxNestingDepth else { throw scanner.fail(.nestingTooDeep(limit: maxNestingDepth)) }
        if scanner.enterContainer(closing: UInt8(ascii: "]")) { return .array([]) }
        let base = pendingElements.count
        while true {
            let element = try parseValue(depth: depth)
            pendingElements.append(element)
            if try !scanner.separator(closing: UInt8(ascii: "]"), allowsTrailingComma: false) {
                let elements = Array(pendingElements[base...])
                pendingElements.removeSubrange(base...)
                return .array(elements)
            }
        }
    }
}
