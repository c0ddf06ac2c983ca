import Foundation
import ProformaJSON
import Testing

/// Every literal decoded as every numeric type, by both decoders.
@Suite struct NumberTests {
    static let literals = [
        "0", "-0", "1", "-1", "127", "128", "-128", "-129", "255", "256", "32767", "32768", "65535", "65536",
        "2147483647", "2147483648", "-2147483649", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "123456789012345678901234567890",
        "1.5", "-1.5", "5.0", "-0.0", "1e2", "1E2", "1e+2", "1.0e2", "1e-2", "100e-2", "1e18", "1e19", "1e20",
        "1.000000000000000000001", "9007199254740993", "9007199254740993.0", "9007199254740993.5",
        "9223372036854775807.0", "-9223372036854775808.0", "18000000000000000000.0", "1.8e19", "1.9e19",
        "0.1", "1e308", "1.8e308", "1e400", "-1e400", "1e-320", "2.4e-324", "3e-324", "1e-400", "0e400", "0.0e-400",
        "3.4028235e38", "3.4028236e38", "1e-45", "1e-50", "16777217", "1.0000000596046447753906251",
        "0.1000000000000000055511151231257827021181583404541015625", "4.9406564584124654e-324",
    ]

    private func compare<T: Decodable & Equatable>(_ type: T.Type, sourceLocation: SourceLocation = #_sourceLocation) {
        for literal in Self.literals {
            let bytes = Array("[\(literal)]".utf8)
            let theirs = Outcome { try foundationDecode([T].self, bytes) }
            let ours = Outcome { try JSONDocumentDecoder().decode([T].self, from: bytes) }
            #expect(ours == theirs, "\(T.self) from \(literal)", sourceLocation: sourceLocation)
        }
    }

    @Test func integers() {
        compare(Int.self); compare(Int8.self); compare(Int16.self); compare(Int32.self); compare(Int64.self)
        compare(UInt.self); compare(UInt8.self); compare(UInt16.self); compare(UInt32.self); compare(UInt64.self)
    }

    @Test func floatingPoint() {
        for literal in Self.literals {
            let bytes = Array("[\(literal)]".utf8)
            let theirs = Outcome { try foundationDecode([Double].self, bytes).map(\.bitPattern) }
            let ours = Outcome { try JSONDocumentDecoder().decode([Double].self, from: bytes).map(\.bitPattern) }
            #expect(ours == theirs, "Double from \(literal)")
            let theirsF = Outcome { try foundationDecode([Float].self, bytes).map(\.bitPattern) }
            let oursF = Outcome { try JSONDocumentDecoder().decode([Float].self, from: bytes).map(\.bitPattern) }
            #expect(oursF == theirsF, "Float from \(literal)")
        }
    }

    /// Random decimal literals (short ones take the exact fast path, long
    /// ones `strtod`): every one must round exactly as Foundation does.
    @Test func randomDecimalsRoundLikeFoundation() throws {
        var r = SeededRandom(seed: 42)
        var literals: [String] = []
        for _ in 0..<3000 {
            let intDigits = Int.random(in: 0...12, using: &r)
            let fracDigits = Int.random(in: 0...12, using: &r)
            var text = Bool.random(using: &r) ? "-" : ""
            text += intDigits == 0 ? "0" : String(Int.random(in: 1...9, using: &r))
            for _ in 0..<max(0, intDigits - 1) { text += String(Int.random(in: 0...9, using: &r)) }
            if fracDigits > 0 {
                text += "."
                for _ in 0..<fracDigits { text += String(Int.random(in: 0...9, using: &r)) }
            }
            if Int.random(in: 0..<3, using: &r) == 0 { text += "e\(Int.random(in: -30...30, using: &r))" }
            literals.append(text)
        }
        let json = Array("[\(literals.joined(separator: ","))]".utf8)
        let oursD = try JSONDocumentDecoder().decode([Double].self, from: json)
        let theirsD = try foundationDecode([Double].self, json)
        for i in literals.indices {
            #expect(oursD[i].bitPattern == theirsD[i].bitPattern, "Double \(literals[i])")
            // One at a time: some overflow Float, which must fail alike.
            let single = Array(literals[i].utf8)
            let oursF = Outcome { try JSONDocumentDecoder().decode(Float.self, from: single).bitPattern }
            let theirsF = Outcome { try foundationDecode(Float.self, single).bitPattern }
            #expect(oursF == theirsF, "Float \(literals[i])")
            let parsed = try JSONValue.parse(Array(literals[i].utf8))
            if case .double(let d) = parsed {
                #expect(d.bitPattern == Double(literals[i])!.bitPattern, "parse \(literals[i])")
            }
        }
    }

    @Test func jsonValueThroughDecoderMatchesFoundation() {
        for literal in Self.literals {
            let bytes = Array("[\(literal)]".utf8)
            let theirs = Outcome { try foundationDecode(JSONValue.self, bytes) }
            let ours = Outcome { try JSONDocumentDecoder().decode(JSONValue.self, from: bytes) }
            #expect(ours == theirs, "JSONValue from \(literal)")
        }
    }

    @Test func nonFiniteDoublesThrowOnEncode() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(throws: EncodingError.self) { try JSONDocumentEncoder().encode([value]) }
            #expect(throws: EncodingError.self) { try foundationEncoder.encode([value]) }
        }
        #expect(throws: EncodingError.self) { try JSONDocumentEncoder().encode(["x": Float.nan]) }
    }
}
