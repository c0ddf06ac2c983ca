import Foundation
import ProformaJSON
import Testing

private func parse(_ s: String) throws -> JSONValue { try JSONValue.parse(Array(s.utf8)) }

@Suite struct JSONValueParseTests {
    /// Documents on which the strict parser and Foundation's
    /// `JSONDecoder().decode(JSONValue.self, …)` must agree exactly.
    static let documents = [
        "0", "-0", "1.5", "-1.5", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "0.1", "1.7976931348623157e308", "5e-324", "123456789012345678901234567890",
        "true", "false", "null", #""""#, #""a""#, #""\u00e9\u0000\n\t\"\\\/\b\f\r""#, #""\ud83d\ude00""#,
        #""\uD83D\uDE00 mixed \u65E5\u672C""#, "\"é😀日本\u{7F}\"", "[]", "{}", " [ 1 , 2 , [ 3 , { } ] ] ",
        #"{"a":{"b":[null,true,{"c":"d"}]},"e":-0.5,"f":[]}"#, #"{"":"empty key","\u0000":"nul key"}"#,
        #"{"query":"mutation { x }","variables":{"id":"gid://shopify/DraftOrder/1","n":[1,2.5,-3]}}"#,
    ]

    @Test func agreesWithFoundation() throws {
        for document in Self.documents {
            let ours = try parse(document)
            let theirs = try foundationDecode(JSONValue.self, Array(document.utf8))
            #expect(ours == theirs, "\(document)")
            #expect(try JSONDocumentDecoder().decode(JSONValue.self, from: document) == theirs, "\(document)")
        }
    }

    @Test func numberRules() throws {
        #expect(try parse("0") == .int(0))
        #expect(try parse("-0") == .int(0))
        #expect(try parse("1.5") == .double(1.5))
        #expect(try parse("9223372036854775807") == .int(.max))
        #expect(try parse("-9223372036854775808") == .int(.min))
        #expect(try parse("9223372036854775808") == .double(9223372036854775808))
        // An exponent or fraction always means .double, even when integral.
        // (Foundation's decode of JSONValue yields .int(1000) / .int(5) here,
        // because JSONValue.init(from:) tries Int first and Foundation accepts
        // integral non-integer literals as Int.)
        #expect(try parse("1e3") == .double(1000))
        #expect(try parse("5.0") == .double(5))
        #expect(try foundationDecode(JSONValue.self, Array("1e3".utf8)) == .int(1000))
        #expect(try JSONDocumentDecoder().decode(JSONValue.self, from: "1e3") == .int(1000))
        #expect(try parse("0.1000000000000000055511151231257827021181583404541015625") == .double(0.1))
        #expect(try parse("1e-400") == .double(0))
        #expect(throws: JSONParseError.self) { try parse("1e400") }
    }

    @Test func stringsAndSurrogates() throws {
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""\u00E9""#) == .string("é"))
        // Parsing notes a NUL wherever an escape writes one, in a string or a key, at any depth.
        let nul: [(String, Bool)] = [
            (#""a\u0000b""#, true), (#"{"k\u0000":1}"#, true), (#"[{"k":["\u0000"]}]"#, true),
            (#"{"a":"\n","b":"\u0041\u0000"}"#, true), (#"{"k":["x"]}"#, false), (#""\\u0000""#, false),
            (#"["\u00e9", 1, null]"#, false),
        ]
        for (text, containsNUL) in nul {
            let parsed = try JSONValue.parseNotingNUL(Array(text.utf8))
            #expect(parsed.containsNUL == containsNUL, "\(text)")
            #expect(parsed.value == (try parse(text)))
        }
        let long = String(repeating: "abcdefgh", count: 1000) + "é" + String(repeating: "z", count: 13)
        #expect(try parse("\"\(long)\"") == .string(long))
    }

    /// Long keys that objects repeat, keys of the same length that differ, and escaped keys each
    /// read back as written.
    @Test func repeatedLongKeys() throws {
        let keys: [String] = (0..<40).map { "originalUnitPrice\($0 % 10)\($0 / 10)" }
        let members: [String] = keys.enumerated().map { index, key in "\"\(key)\":\(index)" }
        let object = "{" + members.joined(separator: ",") + "}"
        var expected: [String: JSONValue] = [:]
        for (index, key) in keys.enumerated() { expected[key] = .int(index) }
        #expect(try parse("[\(object),\(object),\(object)]") == .array(Array(repeating: .object(expected), count: 3)))
        let similar = #"[{"aaaaaaaaaaaaaaaaX":1},{"aaaaaaaaaaaaaaaaY":2},{"aaaaaaaaaaaaaaaa\u0059":3}]"#
        let parsed: [JSONValue] = [.object(["aaaaaaaaaaaaaaaaX": .int(1)]), .object(["aaaaaaaaaaaaaaaaY": .int(2)]),
                                   .object(["aaaaaaaaaaaaaaaaY": .int(3)])]
        #expect(try parse(similar) == .array(parsed))
    }

    @Test func duplicateKeysLastWins() throws {
        #expect(try parse(#"{"a":1,"b":2,"a":3}"#) == .object(["a": .int(3), "b": .int(2)]))
        // JSONDocumentDecoder follows Foundation instead: first wins.
        #expect(try JSONDocumentDecoder().decode(JSONValue.self, from: #"{"a":1,"b":2,"a":3}"#) == .object(["a": .int(1), "b": .int(2)]))
    }

    /// Documents the strict parsers refuse, with why.
    static let invalid: [(String, JSONParseError.Kind)] = [
        ("", JSONParseError.Kind.unexpectedEndOfInput), ("  ", .unexpectedEndOfInput), ("[1,]", .trailingComma),
        (#"{"a":1,}"#, .trailingComma), ("01", .leadingZero), ("-01", .leadingZero), ("[00]", .leadingZero),
        ("1.", .unexpectedEndOfInput), ("1.e5", .invalidNumber), (".5", .unexpectedByte(0x2E)), ("+1", .unexpectedByte(0x2B)),
        ("-", .unexpectedEndOfInput), ("-a", .invalidNumber), ("1e", .unexpectedEndOfInput), ("1e+", .unexpectedEndOfInput),
        (#""\ud800""#, .loneSurrogate), (#""\udc00""#, .loneSurrogate), (#""\ud800\u0041""#, .loneSurrogate),
        (#""\ud800x""#, .loneSurrogate), (#""\u12""#, .invalidUnicodeEscape), (#""\uzzzz""#, .invalidUnicodeEscape),
        (#""\x""#, .invalidEscape), ("\"a\u{1}\"", .controlCharacterInString(1)), ("\"\t\"", .controlCharacterInString(9)),
        ("\"\u{0}\"", .controlCharacterInString(0)), ("[1] x", .trailingGarbage), ("1 2", .trailingGarbage),
        ("{} {}", .trailingGarbage), ("[1]\u{0}", .trailingGarbage), ("tru", .unexpectedEndOfInput),
        ("nulL", .unexpectedByte(0x4C)), ("[1 2]", .unexpectedByte(0x32)), (#"{"a" 1}"#, .unexpectedByte(0x31)),
        ("{1:2}", .unexpectedByte(0x31)), ("'a'", .unexpectedByte(0x27)), ("NaN", .unexpectedByte(0x4E)),
        ("\u{FEFF}1", .unexpectedByte(0xEF)), ("[", .unexpectedEndOfInput), (#"{"a":"#, .unexpectedEndOfInput),
        (#""abc"#, .unexpectedEndOfInput), ("1e400", .numberOutOfRange), ("-1e999", .numberOutOfRange),
    ]

    @Test(arguments: invalid)
    func rejectsInvalid(input: String, kind: JSONParseError.Kind) {
        do {
            _ = try parse(input)
            Issue.record("accepted \(input.debugDescription)")
        } catch let error as JSONParseError {
            #expect(error.kind == kind, "\(input.debugDescription): \(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func rejectsInvalidUTF8() throws {
        let cases: [[UInt8]] = [
            [0x22, 0xFF, 0x22], [0x22, 0x80, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xC1, 0xBF, 0x22],
            [0x22, 0xE0, 0x80, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22],
            [0x22, 0xF0, 0x80, 0x80, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],
            [0x22, 0xE2, 0x82],
        ]
        for bytes in cases {
            #expect(throws: JSONParseError.self, "\(bytes)") { try JSONValue.parse(bytes) }
        }
        #expect(try JSONValue.parse([0x22, 0xE2, 0x82, 0xAC, 0x22]) == .string("€"))
    }

    @Test func depthLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try parse(ok) }
        let objects = String(repeating: #"{"a":"#, count: 512) + "1" + String(repeating: "}", count: 512)
        #expect(throws: Never.self) { try parse(objects) }
        for n in [513, 100_000] {
            let deep = String(repeating: "[", count: n) + String(repeating: "]", count: n)
            #expect(throws: JSONParseError(.nestingTooDeep(limit: 512), at: 512)) { try parse(deep) }
            #expect(throws: DecodingError.self) { try JSONDocumentDecoder().decode(JSONValue.self, from: deep) }
        }
    }

    @Test func errorDescriptionHasOffset() {
        #expect(JSONParseError(.trailingComma, at: 7).description == "JSON parse error at byte offset 7: trailing comma is not allowed")
        #expect(JSONParseError(.unexpectedByte(0x78), at: 3).description.contains("'x'"))
    }

    @Test func acceptsAnyCollection() throws {
        let text = #"{"a":[1,"x"]}"#
        let expected = JSONValue.object(["a": .array([.int(1), .string("x")])])
        #expect(try JSONValue.parse(Array(text.utf8)) == expected)
        #expect(try JSONValue.parse(Data(text.utf8)) == expected)
        #expect(try JSONValue.parse(text.utf8) == expected)
        #expect(try JSONValue.parse(Array(text.utf8)[...]) == expected)
        #expect(try JSONValue.parse(text.utf8.lazy.map { $0 }) == expected)
    }

    @Test func accessorsAndText() throws {
        let value = try parse(#"{"b":[1,2.5,"x/y",null,true],"a":{"é":"\u0001"},"c":"s"}"#)
        #expect(value["c"]?.stringValue == "s")
        #expect(value["zz"] == nil)
        #expect(value["b"]?["x"] == nil)
        #expect(value.objectValue?.count == 3)
        #expect(value["b"]?.isNull == false)
        #expect(JSONValue.null.isNull)
        #expect(value.jsonText == #"{"a":{"é":"\u0001"},"b":[1,2.5,"x/y",null,true],"c":"s"}"#)
        #expect(try parse(value.jsonText) == value)
        #expect(JSONValue.double(.nan).jsonText == "null")
        #expect(JSONValue.double(2).jsonText == "2")
    }
}
