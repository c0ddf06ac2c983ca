/// A base-10 number held exactly: `significand × 10^-scale`.
///
/// Tax rates, conversion rates, percentages and amounts typed by people are decimal
/// fractions; binary floating point cannot hold most of them, so every calculation that
/// touches money goes through this type and `Int128` intermediates instead.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let significand: Int64
    /// Digits after the decimal point, 0...18.
    public let scale: Int

    public static let maximumScale = 18
    public static let zero = ExactDecimal(significand: 0, scale: 0)
    public static let one = ExactDecimal(significand: 1, scale: 0)
    public static let hundred = ExactDecimal(significand: 100, scale: 0)

    public init(significand: Int64, scale: Int) {
        precondition((0...Self.maximumScale).contains(scale), "scale out of range")
        self.significand = significand
        self.scale = scale
    }

    public init(_ integer: Int) {
        self.init(significand: Int64(integer), scale: 0)
    }

    /// Parses plain decimal notation: an optional sign, digits, an optional fraction
    /// ("0.05", "-12", "+1.250", ".5"). Exponents, spaces and grouping are refused.
    public init?(_ text: some StringProtocol) {
        // Read as bytes in one buffer: this is called across modules, where walking the
        // generic text (and its first Character, for the sign) cost several times the parse.
        var text = String(text)
        guard let parsed = text.withUTF8(Self.parse) else { return nil }
        self = parsed
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        var scale = 0
        var seenPoint = false
        var seenDigit = false
        for character in bytes[index...] {
            if character == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard character >= UInt8(ascii: "0"), character <= UInt8(ascii: "9") else { return nil }
            seenDigit = true
            if seenPoint {
                // Trailing fraction digits beyond the maximum scale must be zeros to stay exact.
                if scale == maximumScale {
                    guard character == UInt8(ascii: "0") else { return nil }
                    continue
                }
                scale += 1
            }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(character - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        guard seenDigit else { return nil }
        return ExactDecimal(significand: negative ? -value : value, scale: scale)
    }

    /// Converts a binary float through its shortest round-tripping decimal text, which is
    /// what a JSON client meant when it sent `10.5` or `0.1`.
    public init?(_ double: Double) {
        guard double.isFinite else { return nil }
        // A whole number (a discount of 15 percent) is what its text, "15.0", would parse to,
        // without writing and reading the text: below 10^15 Swift writes such a Double that way.
        if double.rounded(.towardZero) == double, abs(double) < 1e15 {
            self.init(significand: Int64(double) * 10, scale: 1)
            return
        }
        var text = "\(double)"
        if text.contains("e") || text.contains("E") {
            guard let expanded = Self.expandExponent(text) else { return nil }
            text = expanded
        }
        self.init(text)
    }

    private static func expandExponent(_ text: String) -> String? {
        let parts = text.lowercased().split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1]), let mantissa = ExactDecimal(parts[0]) else { return nil }
        if exponent >= 0 {
            var result = mantissa
            for _ in 0..<exponent {
                guard let next = result.multipliedExactly(by: ExactDecimal(10)) else { return nil }
                result = next
            }
            return result.normalized.description
        }
        let scale = mantissa.scale - exponent
        guard scale <= maximumScale else { return nil }
        return ExactDecimal(significand: mantissa.significand, scale: scale).description
    }

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }

    /// The same value without trailing fraction zeros ("1.50" → "1.5").
    public var normalized: ExactDecimal {
        var significand = significand
        var scale = scale
        while scale > 0, significand % 10 == 0 {
            significand /= 10
            scale -= 1
        }
        return ExactDecimal(significand: significand, scale: scale)
    }

    /// Written backwards by byte into a buffer on the stack, at least one digit before the point:
    /// a page of drafts writes a hundred amounts, and counting and inserting into a `String`
    /// walked it by character.
    public var description: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var start = buffer.count
            var rest = significand.magnitude
            var digits = 0
            repeat {
                if digits == scale && scale > 0 {
                    start -= 1
                    buffer[start] = UInt8(ascii: ".")
                }
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                digits += 1
            } while rest > 0 || digits <= scale
            if significand < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
    }

    /// Text with exactly `places` fraction digits, rounding half away from zero when it must.
    public func formatted(places: Int) -> String {
        rounded(toScale: places).description
    }

    /// The value at another scale, rounding half away from zero when digits are dropped.
    public func rounded(toScale target: Int) -> ExactDecimal {
        precondition((0...Self.maximumScale).contains(target))
        if target >= scale {
            let factor = Self.powerOfTen(target - scale)
            return ExactDecimal(significand: significand * Int64(factor), scale: target)
        }
        let divisor = Self.powerOfTen(scale - target)
        let value = Self.divideRoundingHalfAwayFromZero(Int128(significand), by: divisor)
        return ExactDecimal(significand: Int64(value), scale: target)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let (left, right) = aligned(lhs, rhs)
        return left < right
    }

    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let (left, right) = aligned(lhs, rhs)
        return left == right
    }

    public func hash(into hasher: inout Hasher) {
        let normal = normalized
        hasher.combine(normal.significand)
        hasher.combine(normal.scale)
    }

    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let scale = max(lhs.scale, rhs.scale)
        let (left, right) = aligned(lhs, rhs)
        return ExactDecimal(significand: Int64(left + right), scale: scale)
    }

    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        lhs + ExactDecimal(significand: -rhs.significand, scale: rhs.scale)
    }

    /// The exact product, or nil when it does not fit 64 bits at 18 digits of scale.
    public func multipliedExactly(by other: ExactDecimal) -> ExactDecimal? {
        var product = Int128(significand) * Int128(other.significand)
        var scale = self.scale + other.scale
        while scale > Self.maximumScale {
            guard product % 10 == 0 else { return nil }
            product /= 10
            scale -= 1
        }
        guard let narrow = Int64(exactly: product) else { return nil }
        return ExactDecimal(significand: narrow, scale: scale)
    }

    /// `value × self`, rounded half away from zero to an integer: a percentage or a rate
    /// applied to an amount in minor units.
    public func applied(to value: Int64) -> Int64 {
        let product = Int128(value) * Int128(significand)
        return Int64(Self.divideRoundingHalfAwayFromZero(product, by: Self.powerOfTen(scale)))
    }

    /// `value × self / 100`, rounded half away from zero: this percentage of an amount.
    public func percent(of value: Int64) -> Int64 {
        let product = Int128(value) * Int128(significand)
        return Int64(Self.divideRoundingHalfAwayFromZero(product, by: Self.powerOfTen(scale) * 100))
    }

    static func aligned(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> (Int128, Int128) {
        let scale = max(lhs.scale, rhs.scale)
        return (
            Int128(lhs.significand) * powerOfTen(scale - lhs.scale),
            Int128(rhs.significand) * powerOfTen(scale - rhs.scale)
        )
    }

    /// 10^exponent for 0 ≤ exponent ≤ 38, the range of Int128.
    /// Computed rather than looked up: exponents are small, and a table is a lazily made global
    /// that every conversion of every line would pay to reach.
    static func powerOfTen(_ exponent: Int) -> Int128 {
        precondition((0...38).contains(exponent), "10^\(exponent) does not fit 128 bits")
        var power: Int128 = 1
        for _ in 0..<exponent { power &*= 10 }
        return power
    }

    /// Integer division that rounds half away from zero: 5/2 → 3, -5/2 → -3.
    public static func divideRoundingHalfAwayFromZero(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator != 0)
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude
        let d = denominator.magnitude
        let rounded: UInt128
        // Nearly every amount and rate fits 64 bits, where the division is one instruction
        // instead of a call into the 128-bit runtime routine.
        if let narrowN = UInt64(exactly: n), let narrowD = UInt64(exactly: d) {
            let quotient = narrowN / narrowD
            let remainder = narrowN - quotient * narrowD
            rounded = UInt128(remainder >= narrowD - remainder ? quotient + 1 : quotient)
        } else {
            let quotient = n / d
            let remainder = n - quotient * d
            rounded = remainder >= d - remainder ? quotient + 1 : quotient
        }
        return negative ? -Int128(rounded) : Int128(rounded)
    }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}
