/// Writes JSON straight into bytes. The executor writes a response as it resolves it, and
/// rewinds to a mark when a null has to replace a partly written value.
///
/// Whether a value or key needs a comma first is read off the last byte written: none after
/// `{`, `[` or a key's `:`, one after anything else (the end of a value). So the writer keeps no
/// state beside its bytes, and a mark is only a length.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public struct Mark: Sendable {
        let count: Int
    }

    public var mark: Mark { Mark(count: bytes.count) }

    public mutating func rewind(to mark: Mark) {
        bytes.removeSubrange(mark.count...)
    }

    private mutating func prepareValue() {
        guard let last = bytes.last else { return }
        switch last {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: ":"): return
        default: bytes.append(UInt8(ascii: ","))
        }
    }

    public mutating func beginObject() {
        prepareValue()
        bytes.append(UInt8(ascii: "{"))
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        prepareValue()
        bytes.append(UInt8(ascii: "["))
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"key":`; the next value written belongs to it.
    public mutating func key(_ key: String) {
        prepareValue()
        writeEscaped(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A key escaped once, for keys written many times over (a response key in every object of a list).
    public struct Key: Sendable {
        fileprivate let bytes: [UInt8]

        public init(_ key: String) {
            var writer = JSONWriter(capacity: key.utf8.count + 3)
            writer.key(key)
            bytes = writer.bytes
        }
    }

    public mutating func key(_ key: Key) {
        prepareValue()
        bytes.append(contentsOf: key.bytes)
    }

    public mutating func null() {
        prepareValue()
        bytes.append(contentsOf: "null".utf8)
    }

    public mutating func bool(_ value: Bool) {
        prepareValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func int(_ value: Int) {
        prepareValue()
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func double(_ value: Double) {
        prepareValue()
        guard value.isFinite else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: "\(value)".utf8)
        }
    }

    public mutating func string(_ value: String) {
        prepareValue()
        writeEscaped(value)
    }

    /// Bytes that already are one JSON value.
    public mutating func raw(_ json: [UInt8]) {
        prepareValue()
        bytes.append(contentsOf: json)
    }

    /// A whole value, as the JSON module writes it (keys sorted).
    public mutating func write(_ value: JSONValue) {
        raw(Array(value.jsonText.utf8))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Copies runs that need no escape in one go: most strings are one such run.
    private mutating func writeEscaped(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
        case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
        default:
            bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
        }
    }
}
