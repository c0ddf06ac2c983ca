/// Writes JSON text straight from values, for documents written so often that going through
/// `Encodable` shows in profiles (a draft's 499 line documents were a sixth of an update).
///
/// The text matches `JSONDocumentEncoder`'s byte for byte as long as the caller writes each
/// object's keys in ascending byte order, as that encoder sorts them; a test of each document
/// written this way should compare it with the encoder's output. Slashes are escaped as the
/// encoder escapes them.
public struct JSONStreamWriter: ~Copyable {
    private var text: JSONTextWriter
    /// Whether the next key or array element follows a sibling and needs a comma.
    private var needsComma = false

    private init(capacity: Int) {
        text = JSONTextWriter(escapeSlashes: true, capacity: capacity)
    }

    deinit {
        text.deallocate()
    }

    /// The text `body` writes.
    public static func write(capacity: Int = 256, _ body: (inout JSONStreamWriter) -> Void) -> String {
        var writer = JSONStreamWriter(capacity: capacity)
        body(&writer)
        return String(decoding: writer.text.slice(0, writer.text.count), as: UTF8.self)
    }

    /// `{`, the members `body` writes, then `}`.
    public mutating func object(_ body: (inout JSONStreamWriter) -> Void) {
        enclosed(UInt8(ascii: "{"), UInt8(ascii: "}"), body)
    }

    /// `[`, the elements `body` writes, then `]`.
    public mutating func array(_ body: (inout JSONStreamWriter) -> Void) {
        enclosed(UInt8(ascii: "["), UInt8(ascii: "]"), body)
    }

    private mutating func enclosed(_ open: UInt8, _ close: UInt8, _ body: (inout JSONStreamWriter) -> Void) {
        separate()
        text.writeByte(open)
        needsComma = false
        body(&self)
        text.writeByte(close)
        needsComma = true
    }

    /// A member's key; its value is whatever is written next. Keys are plain ASCII without
    /// characters that need escaping, as every key of the app's own documents is.
    public mutating func key(_ key: StaticString) {
        separate()
        text.writeByte(UInt8(ascii: "\""))
        text.writeStatic(key)
        text.writeStatic("\":")
        needsComma = false
    }

    public mutating func string(_ value: String) {
        separate()
        text.writeString(value)
        needsComma = true
    }

    public mutating func integer(_ value: Int64) {
        separate()
        text.writeInteger(value)
        needsComma = true
    }

    public mutating func bool(_ value: Bool) {
        separate()
        text.writeBool(value)
        needsComma = true
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { text.writeByte(UInt8(ascii: ",")) }
    }
}
