extension Array where Element == UInt8 {
    /// Appends `value`'s decimal digits, for text the store writes number by number (placeholders,
    /// a draft's line ids) without making a `String` of each.
    mutating func appendDecimal(_ value: UInt64) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var index = count
        rest = value
        repeat {
            index -= 1
            self[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        } while rest > 0
    }
}
