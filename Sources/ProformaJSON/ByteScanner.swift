/// Byte-level cursor of the tape builder, in both of its modes: strict for
/// `JSONDocument` and `JSONValue.parse`, lenient for `JSONDocumentDecoder`.
///
/// Reads go through a raw pointer without bounds checks; every read is
/// preceded by an explicit `pos < count` test, which is what makes that safe.
struct ByteScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    var pos: Int = 0

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    @inline(__always)
    func fail(_ kind: JSONParseError.Kind, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(kind, at: offset ?? pos)
    }

    /// Error for "something else was expected here": distinguishes running
    /// off the end from a wrong byte, which matters for truncated payloads.
    @inline(__always)
    func unexpected() -> JSONParseError {
        pos < count ? fail(.unexpectedByte(base[pos])) : fail(.unexpectedEndOfInput)
    }

    /// With `pos` on `{` or `[`: steps past it and any whitespace. Returns true, having also
    /// stepped past `closing`, when the container is empty.
    @inline(__always)
    mutating func enterContainer(closing: UInt8) -> Bool {
        pos += 1
        skipWhitespace()
        guard pos < count, base[pos] == closing else { return false }
        pos += 1
        return true
    }

    /// Throws unless `pos` is on the opening quote of an object member's key.
    @inline(__always)
    func expectKey() throws(JSONParseError) {
        guard pos < count, base[pos] == UInt8(ascii: "\"") else { throw unexpected() }
    }

    /// After a member's key: steps over whitespace, the colon, and whitespace.
    @inline(__always)
    mutating func skipColon() throws(JSONParseError) {
        skipWhitespace()
        guard pos < count, base[pos] == UInt8(ascii: ":") else { throw unexpected() }
        pos += 1
        skipWhitespace()
    }

    @inline(__always)
    /// After an object member or array element: consumes `,` and returns true when another
    /// follows, or consumes `closing` and returns false. A comma just before `closing` is an
    /// error unless `allowsTrailingComma` (Foundation's decoder accepts one), when it closes.
    mutating func separator(closing: UInt8, allowsTrailingComma: Bool) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard pos < count else { throw fail(.unexpectedEndOfInput) }
        switch base[pos] {
        case UInt8(ascii: ","):
            let comma = pos
            pos += 1
            skipWhitespace()
            guard pos < count, base[pos] == closing else { return true }
            guard allowsTrailingComma else { throw fail(.trailingComma, at: comma) }
            pos += 1
            return false
        case closing:
            pos += 1
            return false
        case let byte:
            throw fail(.unexpectedByte(byte))
        }
    }

    mutating func skipWhitespace() {
        while pos < count {
            switch base[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    /// Consumes `literal` (true / false / null) starting at `pos`.
    @inline(__always)
    mutating func expect(_ literal: StaticString) throws(JSONParseError) {
        let n = literal.utf8CodeUnitCount
        let lit = literal.utf8Start
        for i in 0..<n {
            guard pos + i < count else { throw fail(.unexpectedEndOfInput, at: count) }
            guard base[pos + i] == lit[i] else { throw fail(.unexpectedByte(base[pos + i]), at: pos + i) }
        }
        pos += n
    }

    // MARK: Strings

    /// A validated string token; `start..<end` excludes the quotes.
    struct StringToken {
        var start: Int
        var end: Int
        var hasEscapes: Bool
    }

    /// Scans and fully validates a string (escapes, surrogate pairing, UTF-8,
    /// control characters) with `pos` on the opening quote. Validating here
    /// means the later conversion to `String` can never fail, so the decoder
    /// may postpone it until (and unless) the value is actually requested.
    @inline(__always)
    mutating func scanString() throws(JSONParseError) -> StringToken {
        pos += 1
        let start = pos
        var hasEscapes = false
        while true {
            skipPlainRun()
            guard pos < count else { throw fail(.unexpectedEndOfInput) }
            let b = base[pos]
            if b == UInt8(ascii: "\"") {
                let token = StringToken(start: start, end: pos, hasEscapes: hasEscapes)
                pos += 1
                return token
            } else if b == UInt8(ascii: "\\") {
                hasEscapes = true
                try scanEscape()
            } else if b < 0x20 {
                throw fail(.controlCharacterInString(b))
            } else if b < 0x80 {
                pos += 1
            } else {
                try scanUTF8Sequence(lead: b)
            }
        }
    }

    /// Skips 8 bytes at a time while none of them is a quote, backslash,
    /// control character or non-ASCII byte. Long ASCII strings (GraphQL
    /// queries, ids, titles) are the bulk of our payloads.
    @inline(__always)
    mutating func skipPlainRun() {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(base)
        while pos &+ 8 <= count {
            let w = raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
            let q = w ^ (ones &* 0x22)
            let s = w ^ (ones &* 0x5C)
            let special = (((q &- ones) & ~q) | ((s &- ones) & ~s) | (w &- ones &* 0x20) | w) & highs
            if special != 0 {
                // Exact for the lowest flagged byte; skip the clean ones.
                pos &+= special.trailingZeroBitCount &>> 3
                return
            }
            pos &+= 8
        }
    }

    /// Bits of `LenientString.flags`.
    static let stringHasEscapes: UInt8 = 1
    static let stringNeedsValidation: UInt8 = 2

    struct LenientString {
        var start: Int
        var end: Int
        var flags: UInt8
    }

    /// Structural scan only, the way Foundation's JSONDecoder scans: finds
    /// the closing quote (honouring backslashes) and records whether the
    /// content could be invalid (escapes, control characters, non-ASCII).
    /// Validation is left until the string is actually decoded, so garbage
    /// in a field nobody reads is accepted, as it is by Foundation.
    @inline(__always)
    mutating func skipString() throws(JSONParseError) -> LenientString {
        pos += 1
        let start = pos
        var flags: UInt8 = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(base)
        var special: UInt64 = 0
        while true {
            while pos &+ 8 <= count {
                let w = raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
                let q = w ^ (ones &* 0x22)
                let s = w ^ (ones &* 0x5C)
                let stops = (((q &- ones) & ~q) | ((s &- ones) & ~s)) & highs
                let suspicious = w | (w &- ones &* 0x20)
                if stops != 0 {
                    // The lowest flagged byte is exact (false positives only
                    // appear above a true one), so jump straight to it.
                    let skipped = stops.trailingZeroBitCount &>> 3
                    special |= suspicious & ((1 &<< (UInt64(skipped) &* 8)) &- 1)
                    pos &+= skipped
                    break
                }
                special |= suspicious
                pos &+= 8
            }
            guard pos < count else { throw fail(.unexpectedEndOfInput) }
            let b = base[pos]
            if b == UInt8(ascii: "\"") {
                if special & highs != 0 { flags |= Self.stringNeedsValidation }
                let token = LenientString(start: start, end: pos, flags: flags)
                pos += 1
                return token
            }
            if b == UInt8(ascii: "\\") {
                flags |= Self.stringHasEscapes | Self.stringNeedsValidation
                try skipEscapeLeniently()
            } else {
                if b < 0x20 || b >= 0x80 { flags |= Self.stringNeedsValidation }
                pos += 1
            }
        }
    }

    /// Like Foundation: a backslash swallows the next byte, and `\u` four
    /// more that must exist and must not include a quote (so an escape can
    /// never hide the string's end). Their validity is checked later.
    @inline(__always)
    mutating func skipEscapeLeniently() throws(JSONParseError) {
        guard pos + 1 < count else { throw fail(.unexpectedEndOfInput, at: count) }
        if base[pos + 1] != UInt8(ascii: "u") {
            pos += 2
            return
        }
        guard pos + 6 <= count else { throw fail(.unexpectedEndOfInput, at: count) }
        for i in 2..<6 where base[pos + i] == UInt8(ascii: "\"") {
            throw fail(.invalidUnicodeEscape, at: pos + i)
        }
        pos += 6
    }

    /// Foundation's structural number scan: a '-' or digit followed by any
    /// run of digits, '.', 'e', 'E', '+', '-'. The grammar is checked later
    /// by `Literal.numberToken` when the value is decoded.
    @inline(__always)
    mutating func skipNumber() -> (start: Int, end: Int) {
        let start = pos
        pos += 1
        while pos < count {
            switch base[pos] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"),
                 UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                pos += 1
            default:
                return (start, pos)
            }
        }
        return (start, pos)
    }

    @inline(__always)
    mutating func scanEscape() throws(JSONParseError) {
        guard pos + 1 < count else { throw fail(.unexpectedEndOfInput, at: count) }
        switch base[pos + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"),
             UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
             UInt8(ascii: "r"), UInt8(ascii: "t"):
            pos += 2
        case UInt8(ascii: "u"):
            let escapeStart = pos
            let unit = try hex4(at: pos + 2)
            pos += 6
            if unit >= 0xD800 && unit < 0xDC00 {
                guard pos + 1 < count, base[pos] == UInt8(ascii: "\\"), base[pos + 1] == UInt8(ascii: "u") else {
                    throw fail(.loneSurrogate, at: escapeStart)
                }
                let low = try hex4(at: pos + 2)
                guard low >= 0xDC00 && low < 0xE000 else { throw fail(.loneSurrogate, at: escapeStart) }
                pos += 6
            } else if unit >= 0xDC00 && unit < 0xE000 {
                throw fail(.loneSurrogate, at: escapeStart)
            }
        default:
            throw fail(.invalidEscape)
        }
    }

    @inline(__always)
    func hex4(at offset: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for i in 0..<4 {
            guard offset + i < count else { throw fail(.unexpectedEndOfInput, at: count) }
            guard let digit = hexDigitValue(base[offset + i]) else {
                throw fail(.invalidUnicodeEscape, at: offset + i)
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence per RFC 3629 (no overlongs,
    /// no encoded surrogates, nothing above U+10FFFF).
    @inline(__always)
    mutating func scanUTF8Sequence(lead: UInt8) throws(JSONParseError) {
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xED: length = 3; high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; low = 0x90
        case 0xF4: length = 4; high = 0x8F
        case 0xF1...0xF3: length = 4
        default: throw fail(.invalidUTF8)
        }
        guard pos + length <= count else { throw fail(.invalidUTF8) }
        let second = base[pos + 1]
        guard second >= low && second <= high else { throw fail(.invalidUTF8) }
        var i = 2
        while i < length {
            guard base[pos + i] & 0xC0 == 0x80 else { throw fail(.invalidUTF8) }
            i += 1
        }
        pos += length
    }

    // MARK: Numbers

    struct NumberToken {
        var start: Int
        var end: Int
        /// No fraction and no exponent.
        var isInteger: Bool
    }

    /// Scans the RFC 8259 number grammar; does not convert.
    @inline(__always)
    mutating func scanNumber() throws(JSONParseError) -> NumberToken {
        let start = pos
        if base[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < count else { throw fail(.unexpectedEndOfInput) }
        let first = base[pos]
        if first == UInt8(ascii: "0") {
            pos += 1
            if pos < count && isDigit(base[pos]) { throw fail(.leadingZero, at: pos - 1) }
        } else if isDigit(first) {
            pos += 1
            skipDigits()
        } else {
            throw fail(.invalidNumber)
        }
        var isInteger = true
        if pos < count && base[pos] == UInt8(ascii: ".") {
            pos += 1
            try requireDigits()
            isInteger = false
        }
        if pos < count && (base[pos] | 0x20) == UInt8(ascii: "e") {
            pos += 1
            if pos < count && (base[pos] == UInt8(ascii: "+") || base[pos] == UInt8(ascii: "-")) { pos += 1 }
            try requireDigits()
            isInteger = false
        }
        return NumberToken(start: start, end: pos, isInteger: isInteger)
    }

    @inline(__always)
    mutating func skipDigits() {
        while pos < count && isDigit(base[pos]) { pos += 1 }
    }

    @inline(__always)
    mutating func requireDigits() throws(JSONParseError) {
        guard pos < count else { throw fail(.unexpectedEndOfInput) }
        guard isDigit(base[pos]) else { throw fail(.invalidNumber) }
        skipDigits()
    }
}

@inline(__always)
func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

@inline(__always)
func hexDigitValue(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b &- UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b &- UInt8(ascii: "a") &+ 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b &- UInt8(ascii: "A") &+ 10)
    default: return nil
    }
}
