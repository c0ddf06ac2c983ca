import Foundation
import ProformaJSON
import Testing

@Suite struct CodableEquivalenceTests {
    @Test(arguments: 0..<8)
    func linesEncodeLikeFoundation(seed: UInt64) throws {
        var r = SeededRandom(seed: seed)
        for _ in 0..<150 {
            let line = Gen.line(&r)
            let ours = try JSONDocumentEncoder().encode(line)
            let theirs = try foundationBytes(line)
            #expect(text(ours) == text(theirs))
            #expect(ours == theirs)
        }
    }

    @Test(arguments: 0..<8)
    func documentsEncodeLikeFoundation(seed: UInt64) throws {
        var r = SeededRandom(seed: 1000 + seed)
        for _ in 0..<40 {
            let document = Gen.document(&r)
            let ours = try JSONDocumentEncoder().encode(document)
            let theirs = try foundationBytes(document)
            #expect(ours == theirs, "\(text(ours))\n!=\n\(text(theirs))")
        }
    }

    @Test(arguments: 0..<8)
    func decodesFoundationOutput(seed: UInt64) throws {
        var r = SeededRandom(seed: 2000 + seed)
        for _ in 0..<40 {
            let document = Gen.document(&r)
            let bytes = try foundationBytes(document)
            let ours = try JSONDocumentDecoder().decode(Document.self, from: bytes)
            #expect(ours == document)
            #expect(ours == (try foundationDecode(Document.self, bytes)))
        }
    }

    @Test(arguments: 0..<4)
    func roundTrips(seed: UInt64) throws {
        var r = SeededRandom(seed: 3000 + seed)
        for _ in 0..<40 {
            let document = Gen.document(&r)
            let bytes = try JSONDocumentEncoder().encode(document)
            #expect(try JSONDocumentDecoder().decode(Document.self, from: bytes) == document)
            let string = try JSONDocumentEncoder().encodeToString(document)
            #expect(try JSONDocumentDecoder().decode(Document.self, from: string) == document)
        }
    }

    @Test func synthesizedEnumShapes() throws {
        let money = Money(amount: Decimalish("4.25"), currencyCode: "USD")
        let cases: [(Source, String)] = [
            (.custom(money), #"{"custom":{"_0":{"amount":"4.25","currencyCode":"USD"}}}"#),
            (.variant(id: 1, price: money), #"{"variant":{"id":1,"price":{"amount":"4.25","currencyCode":"USD"}}}"#),
        ]
        for (value, expected) in cases {
            #expect(try JSONDocumentEncoder().encodeToString(value) == expected)
            #expect(try JSONDocumentDecoder().decode(Source.self, from: expected) == value)
        }
        #expect(try JSONDocumentEncoder().encodeToString(Weight.none) == #"{"none":{}}"#)
        #expect(try JSONDocumentDecoder().decode(Weight.self, from: #"{"none":{}}"#) == Weight.none)
        #expect(try JSONDocumentDecoder().decode(Weight.self, from: #"{"grams":{"_0":5}}"#) == .grams(5))
    }

    @Test func optionalsMissingAndNull() throws {
        let json = #"{"name":null,"address":{"city":"Oslo"}}"#
        let customer = try JSONDocumentDecoder().decode(Customer.self, from: json)
        #expect(customer == Customer(name: nil, email: nil, address: Address(city: "Oslo", zip: nil, lines: nil)))
        #expect(try JSONDocumentEncoder().encodeToString(customer) == #"{"address":{"city":"Oslo"}}"#)
    }

    @Test func topLevelFragmentsAndContainers() throws {
        let values: [[UInt8]] = [
            try JSONDocumentEncoder().encode(5), try JSONDocumentEncoder().encode("a/b"),
            try JSONDocumentEncoder().encode(Optional<Int>.none), try JSONDocumentEncoder().encode([Int]()),
            try JSONDocumentEncoder().encode([String: Int]()), try JSONDocumentEncoder().encode([[String: [Int]]]([["b": [], "a": [1]]])),
            try JSONDocumentEncoder().encode([1: "x", 10: "y", 2: "z"]), try JSONDocumentEncoder().encode(2.0),
        ]
        let expected: [[UInt8]] = [
            try foundationBytes(5), try foundationBytes("a/b"), try foundationBytes(Optional<Int>.none),
            try foundationBytes([Int]()), try foundationBytes([String: Int]()),
            try foundationBytes([[String: [Int]]]([["b": [], "a": [1]]])), try foundationBytes([1: "x", 10: "y", 2: "z"]),
            try foundationBytes(2.0),
        ]
        #expect(values.map(text) == expected.map(text))
    }

    /// Every escapable byte at every position of strings of every short
    /// length, so the 8-bytes-at-a-time scanner's word and tail paths are
    /// all exercised.
    @Test func escapingAtEveryPosition() throws {
        let specials: [Character] = ["\"", "\\", "/", "\n", "\u{1}", "\u{1F}", "é", "😀", "\u{7F}"]
        var strings: [String] = []
        for length in 0...24 {
            for position in 0..<max(length, 1) {
                for special in specials {
                    var chars = Array(repeating: Character("a"), count: length)
                    if length > 0 { chars[position] = special }
                    strings.append(String(chars))
                }
            }
        }
        #expect(text(try JSONDocumentEncoder().encode(strings)) == text(try foundationBytes(strings)))
        let keyed = Dictionary(strings.map { ($0, 1) }, uniquingKeysWith: { a, _ in a })
        #expect(text(try JSONDocumentEncoder().encode(keyed)) == text(try foundationBytes(keyed)))
        #expect(try JSONDocumentDecoder().decode([String].self, from: try foundationBytes(strings)) == strings)
        for string in strings {
            #expect(try JSONValue.parse(Array(JSONValue.string(string).jsonText.utf8)) == .string(string))
        }
    }

    @Test func doublesAndFloatsFormatLikeFoundation() throws {
        var r = SeededRandom(seed: 77)
        var doubles: [Double] = [2.0, 0.1, 1e300, -0.0, 100, 1e15, 1e16, 9007199254740992, 5e-324, 1.7976931348623157e308, 1e-7, 0.0001, 123.456]
        for _ in 0..<2000 { doubles.append(Gen.double(&r)) }
        #expect(text(try JSONDocumentEncoder().encode(doubles)) == text(try foundationBytes(doubles)))
        var floats: [Float] = [0.1, 2, 1e30, 3.4028235e38, 1e-45, -0.0]
        for _ in 0..<2000 { floats.append(Gen.float(&r)) }
        #expect(text(try JSONDocumentEncoder().encode(floats)) == text(try foundationBytes(floats)))
        #expect(try JSONDocumentDecoder().decode([Double].self, from: try foundationBytes(doubles)).map(\.bitPattern) == doubles.map(\.bitPattern))
        #expect(try JSONDocumentDecoder().decode([Float].self, from: try foundationBytes(floats)).map(\.bitPattern) == floats.map(\.bitPattern))
    }

    @Test func keyOrderMatchesFoundation() throws {
        var r = SeededRandom(seed: 5)
        let keys = ["b", "a", "B", "_", "aa", "a_", "é", "e\u{301}x", "éa", "\u{7F}", "\u{80}", "\u{FFFD}", "😀", "10", "9", "a/b", "", " ", "\"", "\\", "\u{1}"]
        for _ in 0..<200 {
            var dict: [String: Int] = [:]
            for _ in 0..<Int.random(in: 0...30, using: &r) { dict[keys.randomElement(using: &r)! + Gen.string(&r)] = Int.random(in: 0...9, using: &r) }
            #expect(text(try JSONDocumentEncoder().encode(dict)) == text(try foundationBytes(dict)))
        }
        var big: [String: Int] = [:]
        for i in 0..<500 { big["k\(i * 7919 % 1000)"] = i }
        #expect(try JSONDocumentEncoder().encode(big) == (try foundationBytes(big)))
        #expect(try JSONDocumentDecoder().decode([String: Int].self, from: try foundationBytes(big)) == big)
    }
}
