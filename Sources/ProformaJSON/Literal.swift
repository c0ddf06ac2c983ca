/// Conversions from token bytes that `ByteScanner` has already validated, so
/// none of them has to re-check the grammar.
enum Literal {
    // MARK: Strings

    static func string(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> String {
        let raw = UnsafeBufferPointer(start: base + start, count: end - start)
        guard escaped else { return String(decoding: raw, as: UTF8.self) }
        // Every escape is at least as long as the UTF-8 it stands for, so the
        // raw length is a safe capacity and one allocation suffices.
        return String(unsafeUninitializedCapacity: raw.count) { unescape(raw, into: $0) }
    }

    /// Validates a string token from the lenient tape scan and converts it.
    static func validatedString(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws(JSONParseError) -> String {
        var scanner = ByteScanner(base: base, count: end + 1)
        scanner.pos = start - 1
        let token = try scanner.scanString()
        return string(base, start, end, escaped: token.hasEscapes)
    }

    /// Checks a number token from the lenient tape scan against the RFC 8259
    /// grammar; nil when it is not a valid number.
    @inline(__always)
    static func numberToken(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> ByteScanner.NumberToken? {
        var scanner = ByteScanner(base: base, count: end)
        scanner.pos = start
        guard let token = try? scanner.scanNumber(), scanner.pos == end else { return nil }
        return token
    }

    /// Whether `count` bytes at `lhs` and at `rhs` are the same, compared eight at a time.
    @inline(__always)
    static func bytesEqual(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, count: Int) -> Bool {
        var i = 0
        while i &+ 8 <= count {
            if lhs.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rhs.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i &+= 8
        }
        while i < count {
            if lhs.load(fromByteOffset: i, as: UInt8.self) != rhs.load(fromByteOffset: i, as: UInt8.self) { return false }
            i &+= 1
        }
        return true
    }

    /// Compares an escaped token with plain UTF-8 without allocating a String
    /// for the common case of a length mismatch.
    static func escapedEquals(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard other.count <= end - start else { return false }
        let decoded = string(base, start, end, escaped: true)
        return decoded.utf8.elementsEqual(other)
    }

    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var i = 0
        var o = 0
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\") else {
                out[o] = b
                o += 1
                i += 1
                continue
            }
            let c = raw[i + 1]
            i += 2
            switch c {
            case UInt8(ascii: "b"): out[o] = 0x08; o += 1
            case UInt8(ascii: "f"): out[o] = 0x0C; o += 1
            case UInt8(ascii: "n"): out[o] = 0x0A; o += 1
            case UInt8(ascii: "r"): out[o] = 0x0D; o += 1
            case UInt8(ascii: "t"): out[o] = 0x09; o += 1
            case UInt8(ascii: "u"):
                var scalar = hex4(raw, i)
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    let low = hex4(raw, i + 2)
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                o += writeUTF8(scalar, into: out, at: o)
            default:
                out[o] = c
                o += 1
            }
        }
        return o
    }

    @inline(__always)
    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 { v = v << 4 | hexDigitValue(raw[i + k])! }
        return v
    }

    @inline(__always)
    private static func writeUTF8(_ s: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at o: Int) -> Int {
        switch s {
        case ..<0x80:
            out[o] = UInt8(s)
            return 1
        case ..<0x800:
            out[o] = UInt8(0xC0 | s >> 6)
            out[o + 1] = UInt8(0x80 | s & 0x3F)
            return 2
        case ..<0x10000:
            out[o] = UInt8(0xE0 | s >> 12)
            out[o + 1] = UInt8(0x80 | s >> 6 & 0x3F)
            out[o + 2] = UInt8(0x80 | s & 0x3F)
            return 3
        default:
            out[o] = UInt8(0xF0 | s >> 18)
            out[o + 1] = UInt8(0x80 | s >> 12 & 0x3F)
            out[o + 2] = UInt8(0x80 | s >> 6 & 0x3F)
            out[o + 3] = UInt8(0x80 | s & 0x3F)
            return 4
        }
    }

    // MARK: Integers

    /// Exact conversion of an integer literal (no fraction or exponent);
    /// nil when it does not fit `T`.
    @inline(__always)
    static func integer<T: FixedWidthInteger>(_: T.Type, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> T? {
        var i = start
        let negative = base[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        if end - i <= 18 {
            // 18 digits cannot overflow Int, so skip per-digit overflow checks.
            var v = 0
            while i < end {
                v = v &* 10 &+ Int(base[i] &- UInt8(ascii: "0"))
                i += 1
            }
            return T(exactly: negative ? -v : v)
        }
        var v: T = 0
        while i < end {
            let digit = T(truncatingIfNeeded: base[i] &- UInt8(ascii: "0"))
            let (shifted, o1) = v.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            v = next
            i += 1
        }
        return v
    }

    /// Integer from a literal with a fraction or exponent, following
    /// Foundation's JSONDecoder: accept when the value is integral. Below 2^53
    /// the Double is trusted (so "1.0000000000000000001" becomes 1, as in
    /// Foundation); above it the decimal digits are used so that
    /// "9007199254740993.0" does not collapse to ...992.
    static func integerFromFloatLiteral<T: FixedWidthInteger>(_: T.Type, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> T? {
        guard let d = Double(text(base, start, end)), let value = T(exactly: d) else { return nil }
        if d.magnitude < 9_007_199_254_740_992.0 { return value }
        return integerFromDecimalDigits(T.self, base, start, end)
    }

    /// Mirrors Foundation's fallback through `Decimal`: the significant
    /// digits, with trailing zeros folded into the exponent (Decimal keeps
    /// its mantissa compact), must fit a UInt64; a negative exponent then
    /// truncates, and the sign is applied last.
    private static func integerFromDecimalDigits<T: FixedWidthInteger>(_: T.Type, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> T? {
        var i = start
        let negative = base[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var mantissa: UInt64 = 0
        var exponent = 0
        var pendingZeros = 0
        var seenDot = false
        while i < end {
            let b = base[i]
            if b == UInt8(ascii: ".") {
                seenDot = true
            } else if isDigit(b) {
                if seenDot { exponent -= 1 }
                if b == UInt8(ascii: "0") {
                    pendingZeros += 1
                } else {
                    for _ in 0...pendingZeros {
                        let (m, overflow) = mantissa.multipliedReportingOverflow(by: 10)
                        if overflow { return nil }
                        mantissa = m
                    }
                    pendingZeros = 0
                    let (n, overflow) = mantissa.addingReportingOverflow(UInt64(b &- UInt8(ascii: "0")))
                    if overflow { return nil }
                    mantissa = n
                }
            } else {
                break
            }
            i += 1
        }
        if mantissa != 0 { exponent += pendingZeros }
        if i < end {
            guard let e = Int(text(base, i + 1, end)) else { return nil }
            exponent += e
        }
        if mantissa == 0 { return 0 }
        while exponent < 0 && mantissa != 0 {
            mantissa /= 10
            exponent += 1
        }
        while exponent > 0 {
            let (m, overflow) = mantissa.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            mantissa = m
            exponent -= 1
        }
        guard let magnitude = T(exactly: mantissa) else { return nil }
        if negative {
            guard T.isSigned else { return mantissa == 0 ? 0 : nil }
            return 0 - magnitude
        }
        return magnitude
    }

    // MARK: Floating point

    /// Foundation's rules: the correctly rounded value of the literal, but
    /// nil when it overflows to infinity or underflows to zero from a
    /// literal that is not itself zero.
    @inline(__always)
    static func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(
        _: T.Type, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, isInteger: Bool
    ) -> T? {
        if isInteger && end - start <= 18 {
            // Int -> floating point conversion rounds exactly like strtod.
            let i = integer(Int.self, base, start, end)!
            if i == 0 && base[start] == UInt8(ascii: "-") { return -T.zero }
            return T(i)
        }
        if let v = exactSmallDecimal(T.self, base, start, end) { return v }
        guard let v = T(text(base, start, end)), v.isFinite else { return nil }
        if v == 0 && !isZeroSignificand(base, start, end) { return nil }
        return v
    }

    private static let powersOfTen: [Double] = (0...22).map(pow10)

    private static func pow10(_ n: Int) -> Double {
        var v = 1.0
        for _ in 0..<n { v *= 10 }
        return v
    }

    /// Clinger's fast path: when the digits fit the significand exactly and
    /// the power of ten is itself exact, one IEEE multiply or divide is
    /// correctly rounded, i.e. identical to `strtod` / `strtof`, without
    /// building a String. Returns nil for anything else.
    @inline(__always)
    private static func exactSmallDecimal<T: BinaryFloatingPoint>(_: T.Type, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> T? {
        let maxDigits = T.significandBitCount >= 52 ? 15 : 7
        let maxPower = T.significandBitCount >= 52 ? 22 : 10
        var i = start
        let negative = base[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var seenDot = false
        while i < end {
            let b = base[i]
            if isDigit(b) {
                if mantissa != 0 || b != UInt8(ascii: "0") { digits += 1 }
                if digits > maxDigits { return nil }
                mantissa = mantissa &* 10 &+ UInt64(b &- UInt8(ascii: "0"))
                if seenDot { exponent -= 1 }
            } else if b == UInt8(ascii: ".") {
                seenDot = true
            } else {
                break
            }
            i += 1
        }
        if i < end {
            // Exponent part: at most a few digits are worth handling here.
            i += 1
            var expNegative = false
            if base[i] == UInt8(ascii: "-") || base[i] == UInt8(ascii: "+") {
                expNegative = base[i] == UInt8(ascii: "-")
                i += 1
            }
            guard end - i <= 3 else { return nil }
            var e = 0
            while i < end {
                e = e * 10 + Int(base[i] &- UInt8(ascii: "0"))
                i += 1
            }
            exponent += expNegative ? -e : e
        }
        guard exponent >= -maxPower && exponent <= maxPower else { return nil }
        var value = T(mantissa)
        if exponent < 0 {
            value /= T(powersOfTen[-exponent])
        } else if exponent > 0 {
            value *= T(powersOfTen[exponent])
        }
        return negative ? -value : value
    }

    /// The value `JSONValue.parse` stores for a literal with a fraction,
    /// exponent or integer overflow. Underflow to zero is accepted (it is the
    /// correctly rounded value); overflow is not, since infinity cannot be
    /// written back as JSON.
    static func double(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        if let v = exactSmallDecimal(Double.self, base, start, end) { return v }
        guard let v = Double(text(base, start, end)), v.isFinite else { return nil }
        return v
    }

    private static func isZeroSignificand(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let b = base[i]
            if (b | 0x20) == UInt8(ascii: "e") { break }
            if b >= UInt8(ascii: "1") && b <= UInt8(ascii: "9") { return false }
            i += 1
        }
        return true
    }

    @inline(__always)
    static func text(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }
}
