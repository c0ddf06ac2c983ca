/// Appends compact JSON text to a byte buffer.
///
/// Formatting follows what Foundation's JSONEncoder writes on Linux, so that
/// documents stored by either are byte-identical:
/// - strings: `"` and `\` escaped, control characters as `\b \f \n \r \t` or
///   lowercase `\u00XX`, everything else (DEL, non-ASCII, U+2028) raw UTF-8;
///   `/` becomes `\/` only when `escapeSlashes` is set (Foundation's default);
/// - floating point: Swift's shortest round-trip `description`, minus a
///   trailing `.0` (so 2.0 -> `2`, 1e300 -> `1e+300`, -0.0 -> `-0`).
///
/// Writes into a `RawBuffer`; the owner calls `deallocate()` when done.
struct JSONTextWriter {
    private(set) var out: RawBuffer<UInt8>
    let escapeSlashes: Bool

    init(escapeSlashes: Bool, capacity: Int = 256) {
        self.escapeSlashes = escapeSlashes
        out = RawBuffer(capacity: capacity)
    }

    func deallocate() {
        out.deallocate()
    }

    var count: Int { out.count }

    func makeArray() -> [UInt8] {
        Array(out.buffer)
    }

    func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        out.slice(start, end)
    }

    @inline(__always)
    mutating func writeByte(_ b: UInt8) {
        out.append(b)
    }

    @inline(__always)
    mutating func writeBytes(_ buffer: UnsafeBufferPointer<UInt8>) {
        out.append(contentsOf: buffer)
    }

    mutating func writeNull() {
        writeStatic("null")
    }

    mutating func writeBool(_ b: Bool) {
        writeStatic(b ? "true" : "false")
    }

    @inline(__always)
    mutating func writeStatic(_ s: StaticString) {
        writeBytes(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        if value >= 0 && value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) &+ UInt8(ascii: "0"))
            return
        }
        // Digits are produced backwards into the tail of a 40-byte window
        // (enough for any 128-bit value and sign), then moved into place.
        out.reserve(40)
        let window = out.base + out.count
        var i = 40
        var magnitude = value.magnitude
        repeat {
            i -= 1
            let (q, r) = magnitude.quotientAndRemainder(dividingBy: 10)
            window[i] = UInt8(truncatingIfNeeded: r) &+ UInt8(ascii: "0")
            magnitude = q
        } while magnitude != 0
        if value < 0 {
            i -= 1
            window[i] = UInt8(ascii: "-")
        }
        let length = 40 - i
        window.update(from: window + i, count: length)
        out.commit(length)
    }

    /// Caller guarantees `value.isFinite`.
    mutating func writeFinite<T: BinaryFloatingPoint & CustomStringConvertible>(_ value: T) {
        let text = value.description
        let wrote: Void? = text.utf8.withContiguousStorageIfAvailable { buffer in
            writeBytes(Self.droppingPointZero(buffer))
        }
        if wrote == nil {
            var copy = text
            copy.withUTF8 { writeBytes(Self.droppingPointZero($0)) }
        }
    }

    private static func droppingPointZero(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let n = b.count
        if n > 2 && b[n - 2] == UInt8(ascii: ".") && b[n - 1] == UInt8(ascii: "0") {
            return UnsafeBufferPointer(rebasing: b[0..<(n - 2)])
        }
        return b
    }

    @inline(__always)
    mutating func writeString(_ s: String) {
        let wrote: Void? = s.utf8.withContiguousStorageIfAvailable { writeString(utf8: $0) }
        if wrote == nil {
            var copy = s
            copy.withUTF8 { writeString(utf8: $0) }
        }
    }

    /// Writes a quoted, escaped string. Unescaped runs are found 8 bytes at a
    /// time and copied in bulk, which is nearly all of any real string.
    mutating func writeString(utf8 source: UnsafeBufferPointer<UInt8>) {
        out.reserve(source.count &+ 2)
        out.append(UInt8(ascii: "\""))
        guard let start = source.baseAddress else {
            out.append(UInt8(ascii: "\""))
            return
        }
        let raw = UnsafeRawPointer(start)
        let n = source.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Without slash escaping, look for a second quote instead: harmless.
        let slash = ones &* UInt64(escapeSlashes ? UInt8(ascii: "/") : UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        while i < n {
            let w: UInt64
            if i &+ 8 <= n {
                w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            } else if n >= 8 {
                // Tail of a longer string: reload the last 8 bytes and shift
                // out the ones already checked, shifting in spaces (which
                // never need escaping) at the top.
                let shift = UInt64(8 &- (n &- i)) &* 8
                let last = raw.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
                w = (last &>> shift) | (0x2020_2020_2020_2020 &<< (64 &- shift))
            } else {
                // Short string: assemble it padded with spaces.
                var padded: UInt64 = 0x2020_2020_2020_2020
                var k = 0
                while i &+ k < n {
                    let shift = UInt64(k &* 8)
                    padded = (padded & ~(0xFF &<< shift)) | (UInt64(start[i &+ k]) &<< shift)
                    k &+= 1
                }
                w = padded
            }
            let q = w ^ (ones &* 0x22)
            let b = w ^ (ones &* 0x5C)
            let s = w ^ slash
            // Bytes < 0x20, quote, backslash, slash. The lowest flagged byte
            // is exact (false positives only appear above a true one).
            let hits = (((w &- ones &* 0x20) & ~w) | ((q &- ones) & ~q) | ((b &- ones) & ~b) | ((s &- ones) & ~s)) & highs
            if hits == 0 {
                i &+= 8
                continue
            }
            i &+= hits.trailingZeroBitCount &>> 3
            if runStart < i { writeBytes(UnsafeBufferPointer(start: start + runStart, count: i &- runStart)) }
            writeEscape(start[i])
            i &+= 1
            runStart = i
        }
        if runStart < n { writeBytes(UnsafeBufferPointer(start: start + runStart, count: n &- runStart)) }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ b: UInt8) {
        let short: UInt8
        switch b {
        case UInt8(ascii: "\""): short = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): short = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): short = UInt8(ascii: "/")
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        default:
            let hex: StaticString = "0123456789abcdef"
            let digits = hex.utf8Start
            writeStatic("\\u00")
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
            return
        }
        out.append(UInt8(ascii: "\\"))
        out.append(short)
    }
}
