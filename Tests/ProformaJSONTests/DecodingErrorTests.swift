import Foundation
import ProformaJSON
import Testing

private struct K: Codable, Equatable { var a: Int }

/// Runs both decoders on the same input; they must agree on the value or on
/// the DecodingError case.
private func agree<T: Decodable & Equatable>(_ type: T.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let bytes = Array(json.utf8)
    let theirs = Outcome { try foundationDecode(T.self, bytes) }
    let ours = Outcome { try JSONDocumentDecoder().decode(T.self, from: bytes) }
    #expect(ours == theirs, "\(T.self) from \(json)", sourceLocation: sourceLocation)
}

private func agreeBytes<T: Decodable & Equatable>(_ type: T.Type, _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    let theirs = Outcome { try foundationDecode(T.self, bytes) }
    let ours = Outcome { try JSONDocumentDecoder().decode(T.self, from: bytes) }
    #expect(ours == theirs, "\(T.self) from \(bytes)", sourceLocation: sourceLocation)
}

@Suite struct DecodingErrorTests {
    @Test func lineErrorsMatchFoundation() throws {
        var r = SeededRandom(seed: 9)
        let line = Gen.line(&r)
        let good = text(try foundationBytes(line))
        agree(Line.self, good)
        // Missing required key, wrong type, null for non-optional, overflow.
        agree(Line.self, good.replacingOccurrences(of: #""title":"#, with: #""titleX":"#))
        agree(Line.self, good.replacingOccurrences(of: #""taxable":"#, with: #""taxable":"yes","x":"#))
        agree(Line.self, good.replacingOccurrences(of: #""quantity":"#, with: #""quantity":null,"x":"#))
        agree(Line.self, good.replacingOccurrences(of: #""position":"#, with: #""position":4294967296,"x":"#))
        agree(Line.self, good.replacingOccurrences(of: #""status":"#, with: #""status":7,"x":"#))
        agree(Line.self, good.replacingOccurrences(of: #""source":{"#, with: #""source":{"nope":{},"#))
        agree(Line.self, String(good.dropLast()))
        agree(Line.self, good + ",")
    }

    @Test func tableOfErrors() {
        agree(K.self, #"{"b":1}"#)
        agree(K.self, #"{"a":"1"}"#)
        agree(K.self, #"{"a":null}"#)
        agree(K.self, #"{"a":1.5}"#)
        agree(K.self, #"{"a":5.0}"#)
        agree(K.self, #"{"a":1e2}"#)
        agree(K.self, #"{"a":9223372036854775808}"#)
        agree(K.self, "[1]")
        agree(K.self, "null")
        agree(K.self, "1")
        agree(K.self, "")
        agree(K.self, "xyz")
        agree(K.self, #"{"a":1}x"#)
        agree(K.self, #"{"a":1,}"#)
        agree(K.self, #"{"a":01}"#)
        agree(K.self, "\u{FEFF}{\"a\":1}")
        agree(K.self, #"{"\u0061":3}"#)
        agree(K.self, #"{"a":1,"a":2}"#)
        agree([String: Int].self, #"{"a":1,"b":2,"a":3}"#)
        agree([K].self, #"[{"a":1},{"b":2}]"#)
        agree([String: K].self, #"{"x":{"a":"s"}}"#)
        agree([Int].self, "{}")
        agree([Int].self, "null")
        agree([Int].self, #"[1,null]"#)
        agree([Int?].self, #"[1,null,"x"]"#)
        agree([[Int]].self, #"[[1],[2,"x"]]"#)
        agree([String: [K]].self, #"{"x":[{"a":1},{"a":null}]}"#)
        agree(String.self, "true")
        agree(String.self, "1")
        agree(Bool.self, "1")
        agree(Bool.self, #""true""#)
        agree(Double.self, "false")
        agree(Int?.self, "null")
        agree(Status.self, "3")
        agree(Discount.ValueType.self, #""percentage""#)
        agree(Timestamp.self, "1.5")
        agree(Decimalish.self, "4.25")
        agree(Weight.self, #"{"grams":{"_1":5}}"#)
        agree(Weight.self, #"{"grams":{"_0":5},"none":{}}"#)
        agree(Weight.self, #"{}"#)
        agree(Source.self, #"{"variant":{"id":"1"}}"#)
    }

    /// Foundation's decoder scans structure leniently (one trailing comma is
    /// fine) and validates strings and numbers only when they are decoded;
    /// JSONDocumentDecoder must accept and reject exactly the same inputs.
    @Test func malformedInputMatchesFoundation() {
        let inputs = [
            "[1,]", "{\"a\":1,}", "[01]", "[-01]", "[1.]", "[.5]", "[+1]", "[1e]", "[-]", "[\"\\ud800\"]",
            "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]", "[\"a\u{1}\"]", "[\"\\x\"]", "[\"\\u12\"]", "[tru]", "[nul]",
            "[1] 2", "[", "{", "{\"a\"}", "{\"a\" 1}", "{1:2}", "[1 2]", "'a'", "[NaN]", "[Infinity]",
            "[,]", "[1,,2]", "{,}", "[,1]", "{\"a\":1,,}", "[1 , ]", "[1x]", "[1-2]", "[1e5e5]", "[--1]", "[0x10]",
            "[1.2.3]", "{\"a\u{1}\":1}", "{\"\\x\":1}", "[\"\\", "[\"abc", "[]]", "[1,]]", "-", "01", "1.",
            "[1]\u{0}", "[\"\\uzzzz\"]", "[\"\\u12\\\"\"]", "[\"\\u1234\"]", "[true,]", "{\"a\":[1,],}", "[1,\"x\",]", "[truex]", "[1] ,", " \n[1]\t ", "\u{FEFF}[1]",
            String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
            String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
        ]
        for input in inputs {
            agree(JSONValue.self, input)
            agree([String].self, input)
            agree([Int].self, input)
            agree([Double].self, input)
        }
        let objects = [
            #"{"a":1,"b":"\x"}"#, #"{"a":1,"b":01}"#, #"{"a":1,"\x":1}"#, #"{"a":1, "c":[1,]}"#, #"{"a":01}"#,
            #"{"a":1,"b":"\ud800"}"#, "{\"a\":1,\"b\":\"a\u{1}\"}",
        ]
        for input in objects {
            // Not [String: String]: with two bad members, which error Foundation
            // reports depends on its (randomly seeded) dictionary order.
            agree(K.self, input)
            agree(JSONValue.self, input)
        }
        let byteInputs: [[UInt8]] = [
            [0x22, 0xFF, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22],
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x5B, 0x22, 0xFF, 0x22, 0x5D], [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D],
        ]
        for bytes in byteInputs {
            for type in [String.self, JSONValue.self, [String].self, [String: Int].self] as [any (Decodable & Equatable).Type] {
                agreeBytes(type, bytes)
            }
        }
    }

    @Test func codingPathsAreReported() {
        do {
            _ = try JSONDocumentDecoder().decode([String: [K]].self, from: #"{"x":[{"a":1},{"a":null}]}"#)
            Issue.record("expected an error")
        } catch let DecodingError.valueNotFound(_, context) {
            #expect(context.codingPath.map(\.stringValue) == ["x", "Index 1", "a"])
        } catch {
            Issue.record("unexpected \(error)")
        }
        do {
            _ = try JSONDocumentDecoder().decode([K].self, from: #"[{"a":1},{"b":2}]"#)
        } catch let DecodingError.keyNotFound(key, context) {
            #expect(key.stringValue == "a")
            #expect(context.codingPath.map(\.stringValue) == ["Index 1"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func parseErrorIsUnderlyingError() {
        do {
            _ = try JSONDocumentDecoder().decode([Int].self, from: "[1,\n2,]")
        } catch let DecodingError.dataCorrupted(context) {
            let parseError = context.underlyingError as? JSONParseError
            #expect(parseError?.kind == .trailingComma)
            #expect(parseError?.offset == 5)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
