/// Thrown by `JSONValue.parse` (and wrapped as the underlying error of a
/// `DecodingError.dataCorrupted` by `JSONDocumentDecoder`) when the input is
/// not strict RFC 8259 JSON.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case unexpectedEndOfInput
        case unexpectedByte(UInt8)
        case leadingZero
        case invalidNumber
        /// The literal is valid JSON but its magnitude is outside what a
        /// `Double` can hold (it would become infinity).
        case numberOutOfRange
        case trailingComma
        case invalidEscape
        case invalidUnicodeEscape
        case loneSurrogate
        case controlCharacterInString(UInt8)
        case invalidUTF8
        case nestingTooDeep(limit: Int)
        /// `JSONDocumentDecoder` indexes documents with 32-bit offsets.
        case documentTooLarge(limit: Int)
        case trailingGarbage
    }

    public let kind: Kind
    /// Byte offset into the input where the problem was detected.
    public let offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        "JSON parse error at byte offset \(offset): \(reason)"
    }

    private var reason: String {
        switch kind {
        case .unexpectedEndOfInput: return "unexpected end of input"
        case .unexpectedByte(let b): return "unexpected \(Self.describe(b))"
        case .leadingZero: return "numbers must not have leading zeros"
        case .invalidNumber: return "malformed number"
        case .numberOutOfRange: return "number is too large to represent"
        case .trailingComma: return "trailing comma is not allowed"
        case .invalidEscape: return "invalid escape sequence in string"
        case .invalidUnicodeEscape: return "\\u escape must be followed by four hex digits"
        case .loneSurrogate: return "unpaired UTF-16 surrogate in \\u escape"
        case .controlCharacterInString(let b): return "unescaped control character \(Self.describe(b)) in string"
        case .invalidUTF8: return "invalid UTF-8 in string"
        case .nestingTooDeep(let limit): return "nesting deeper than \(limit) levels"
        case .documentTooLarge(let limit): return "document larger than \(limit) bytes"
        case .trailingGarbage: return "unexpected data after the top-level value"
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        let code = "0x" + (byte < 0x10 ? "0" + hex : hex)
        if byte >= 0x20 && byte < 0x7F {
            return "character '\(Character(Unicode.Scalar(byte)))' (\(code))"
        }
        return "byte \(code)"
    }
}
