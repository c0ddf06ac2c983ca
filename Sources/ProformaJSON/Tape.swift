/// Nesting limit of every parse. Deep enough for any real document, shallow enough that
/// recursion cannot exhaust a thread's stack.
let maxNestingDepth = 512

/// One parsed token of a document, in document order. Containers record where
/// they end, so a decoder can skip a whole subtree in O(1) and nothing (keys,
/// strings, numbers) is converted until a `Decodable` asks for it.
struct TapeEntry {
    enum Kind: UInt8 {
        case null, `true`, `false`, string, number
        case array, object
    }

    var kind: Kind
    /// Strings: `ByteScanner.stringHasEscapes` / `stringNeedsValidation`.
    /// Objects: `stringNeedsValidation` if any key needs validation.
    var flags: UInt8 = 0
    // 32-bit storage keeps an entry at 12 bytes; documents are limited to
    // 2 GiB accordingly (see `TapeBuilder.build`).
    private var a32: Int32
    private var b32: Int32

    init(kind: Kind, flags: UInt8 = 0, a: Int, b: Int) {
        self.kind = kind
        self.flags = flags
        a32 = Int32(truncatingIfNeeded: a)
        b32 = Int32(truncatingIfNeeded: b)
    }

    /// Scalars: byte offset of the token (strings: after the opening quote).
    /// Containers: number of elements / members.
    var a: Int {
        @inline(__always) get { Int(a32) }
        @inline(__always) set { a32 = Int32(truncatingIfNeeded: newValue) }
    }

    /// Scalars: byte offset one past the token (strings: the closing quote).
    /// Containers: tape index one past the container's last entry.
    var b: Int {
        @inline(__always) get { Int(b32) }
        @inline(__always) set { b32 = Int32(truncatingIfNeeded: newValue) }
    }

    @inline(__always)
    var isContainer: Bool { kind.rawValue >= Kind.array.rawValue }

    /// Whether this string's text, in the document at `base`, is `utf8`: compared byte by byte
    /// when written plainly, and without making a `String` when written with escapes. The string
    /// must be valid, as a strict tape's are and a lenient one's keys are once their object is opened.
    @inline(__always)
    func textEquals(_ utf8: UnsafeBufferPointer<UInt8>, in base: UnsafePointer<UInt8>) -> Bool {
        if flags & ByteScanner.stringHasEscapes != 0 { return Literal.escapedEquals(base, a, b, utf8) }
        guard b - a == utf8.count else { return false }
        return utf8.isEmpty || Literal.bytesEqual(base + a, utf8.baseAddress!, count: utf8.count)
    }
}

/// Builds the tape. Object members are stored as a key entry followed by the
/// value's entries.
///
/// Leniently, for `JSONDocumentDecoder`, the structure is scanned exactly as
/// Foundation's JSONDecoder on Linux scans it, because the decoder must accept
/// what Foundation accepts: a single trailing comma in arrays and objects is
/// allowed, and string and number tokens are only delimited here; their
/// contents are validated when (and only if) they are decoded.
///
/// Strictly, for `JSONDocument`, the tape holds exactly what `JSONValue.parse`
/// accepts: every token is validated as it is scanned, so reading one later
/// cannot fail. A string's flags are then `ByteScanner.stringHasEscapes` or 0,
/// and a number's are `TapeBuilder.integerFitsInt` or 0.
struct TapeBuilder {
    var scanner: ByteScanner
    var tape: RawBuffer<TapeEntry>
    let strict: Bool
    /// Strict only: whether an escape wrote U+0000 into a string or key.
    private(set) var sawNUL = false

    /// A strict number's flag: an integer literal that fits in `Int`, which `JSONValue` keeps as `.int`.
    static let integerFitsInt: UInt8 = 1

    /// Parses a whole document (after an optional UTF-8 byte order mark, which
    /// Foundation skips). The returned tape ends with one extra `null` entry
    /// that stands for "missing value" (see `TapeDecoder.superDecoder`).
    /// The caller owns the result and must `deallocate()` it.
    static func build(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> RawBuffer<TapeEntry> {
        try build(buffer, strict: false).tape
    }

    /// `build`, strictly or not; also whether a strict scan saw an escaped U+0000.
    static func build(_ buffer: UnsafeBufferPointer<UInt8>,
                      strict: Bool) throws(JSONParseError) -> (tape: RawBuffer<TapeEntry>, sawNUL: Bool) {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            throw JSONParseError(.unexpectedEndOfInput, at: 0)
        }
        let limit = Int(Int32.max) - 16
        guard buffer.count <= limit else { throw JSONParseError(.documentTooLarge(limit: limit), at: limit) }
        // A token every ~5 bytes is typical; over-reserving is cheaper than regrowing.
        var builder = TapeBuilder(
            scanner: ByteScanner(base: base, count: buffer.count),
            tape: RawBuffer(capacity: buffer.count / 4 + 8), strict: strict)
        var success = false
        defer { if !success { builder.tape.deallocate() } }
        if !strict, buffer.count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
            builder.scanner.pos = 3
        }
        builder.scanner.skipWhitespace()
        try builder.parseValue(depth: 0)
        builder.scanner.skipWhitespace()
        guard builder.scanner.pos == builder.scanner.count else {
            throw builder.scanner.fail(.trailingGarbage)
        }
        builder.tape.append(TapeEntry(kind: .null, a: 0, b: 0))
        success = true
        return (builder.tape, builder.sawNUL)
    }

    /// Inlined into the container loops so that scalar members cost no call;
    /// recursion goes through the out-of-line `parseObject` / `parseArray`.
    @inline(__always)
    mutating func parseValue(depth: Int) throws(JSONParseError) {
        guard scanner.pos < scanner.count else { throw scanner.fail(.unexpectedEndOfInput) }
        switch scanner.base[scanner.pos] {
        case UInt8(ascii: "{"):
            try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            try appendString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if strict {
                try appendStrictNumber()
            } else {
                let token = scanner.skipNumber()
                tape.append(TapeEntry(kind: .number, a: token.start, b: token.end))
            }
        case UInt8(ascii: "t"):
            try scanner.expect("true")
            tape.append(TapeEntry(kind: .true, a: 0, b: 0))
        case UInt8(ascii: "f"):
            try scanner.expect("false")
            tape.append(TapeEntry(kind: .false, a: 0, b: 0))
        case UInt8(ascii: "n"):
            try scanner.expect("null")
            tape.append(TapeEntry(kind: .null, a: 0, b: 0))
        case let b:
            throw scanner.fail(.unexpectedByte(b))
        }
    }

    @inline(__always)
    @discardableResult
    mutating func appendString() throws(JSONParseError) -> UInt8 {
        if strict {
            let token = try scanner.scanString()
            let flags = token.hasEscapes ? ByteScanner.stringHasEscapes : 0
            if token.hasEscapes && !sawNUL {
                sawNUL = Literal.string(scanner.base, token.start, token.end, escaped: true).utf8.contains(0)
            }
            tape.append(TapeEntry(kind: .string, flags: flags, a: token.start, b: token.end))
            return flags
        }
        let token = try scanner.skipString()
        tape.append(TapeEntry(kind: .string, flags: token.flags, a: token.start, b: token.end))
        return token.flags
    }

    /// Refuses, as `JSONValue.parse` does, a number too large for a `Double`.
    private mutating func appendStrictNumber() throws(JSONParseError) {
        let token = try scanner.scanNumber()
        if token.isInteger, Literal.integer(Int.self, scanner.base, token.start, token.end) != nil {
            tape.append(TapeEntry(kind: .number, flags: Self.integerFitsInt, a: token.start, b: token.end))
            return
        }
        guard Literal.double(scanner.base, token.start, token.end) != nil else {
            throw scanner.fail(.numberOutOfRange, at: token.start)
        }
        tape.append(TapeEntry(kind: .number, a: token.start, b: token.end))
    }

    @inline(never)
    mutating func parseObject(depth: Int) throws(JSONParseError) {
        guard depth <= maxNestingDepth else { throw scanner.fail(.nestingTooDeep(limit: maxNestingDepth)) }
        let header = tape.count
        tape.append(TapeEntry(kind: .object, a: 0, b: 0))
        var count = 0
        var keyFlags: UInt8 = 0
        if scanner.enterContainer(closing: UInt8(ascii: "}")) {
            tape[header].b = tape.count
            return
        }
        while true {
            try scanner.expectKey()
            keyFlags |= try appendString()
            try scanner.skipColon()
            try parseValue(depth: depth)
            count += 1
            if try !scanner.separator(closing: UInt8(ascii: "}"), allowsTrailingComma: !strict) {
                tape[header].a = count
                tape[header].b = tape.count
                tape[header].flags = keyFlags
                return
            }
        }
    }

    @inline(never)
    mutating func parseArray(depth: Int) throws(JSONParseError) {
        guard depth <= maxNestingDepth else { throw scanner.fail(.nestingTooDeep(limit: maxNestingDepth)) }
        let header = tape.count
        tape.append(TapeEntry(kind: .array, a: 0, b: 0))
        var count = 0
        if scanner.enterContainer(closing: UInt8(ascii: "]")) {
            tape[header].b = tape.count
            return
        }
        while true {
            try parseValue(depth: depth)
            count += 1
            if try !scanner.separator(closing: UInt8(ascii: "]"), allowsTrailingComma: !strict) {
                tape[header].a = count
                tape[header].b = tape.count
                return
            }
        }
    }
}
