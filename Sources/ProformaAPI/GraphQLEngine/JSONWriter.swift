/// Writes JSON straight into bytes. The executor writes a response as it resolves it, and
/// rewinds to a mark when a null has to replace a partly written value.
///
/// Commas: inside an object `key` writes them; inside an array each value does.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// One entry per open container: whether nothing has been written into it yet.
    private var isEmpty: [Bool] = []
    private var afterKey = false

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public struct Mark: Sendable {
        let count: Int
        let isEmpty: [Bool]
        let afterKey: Bool
    }

    public var mark: Mark { Mark(count: bytes.count, isEmpty: isEmpty, afterKey: afterKey) }

    public mutating func rewind(to mark: Mark) {
        bytes.removeSubrange(mark.count...)
        isEmpty = mark.isEmpty
        afterKey = mark.afterKey
    }

    private mutating func prepareValue() {
        if afterKey {
            afterKey = false
            return
        }
        if let last = isEmpty.indices.last {
            if !isEmpty[last] { bytes.append(UInt8(ascii: ",")) }
            isEmpty[last] = false
        }
    }

    public mutating func beginObject() {
        prepareValue()
        bytes.append(UInt8(ascii: "{"))
        isEmpty.append(true)
    }

    public mutating func endObject() {
        isEmpty.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        prepareValue()
        bytes.append(UInt8(ascii: "["))
        isEmpty.append(true)
    }

    public mutating func endArray() {
        isEmpty.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"key":`; the next value written belongs to it.
    public mutating func key(_ key: String) {
        let last = isEmpty.count - 1
        if !isEmpty[last] { bytes.append(UInt8(ascii: ",")) }
        isEmpty[last] = false
        writeEscaped(key)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
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
