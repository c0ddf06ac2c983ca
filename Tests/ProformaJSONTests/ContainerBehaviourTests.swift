import Foundation
import ProformaJSON
import Testing

/// Hand-written `init(from:)` / `encode(to:)` that exercise the container
/// API surface; each result is compared with Foundation's.
private struct UnkeyedProbe: Decodable, Equatable {
    var log: [String] = []
    init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        log.append("count=\(c.count ?? -1) atEnd=\(c.isAtEnd)")
        log.append("nil=\(try c.decodeNil()) idx=\(c.currentIndex)")
        do { _ = try c.decode(String.self) } catch { log.append("mismatch idx=\(c.currentIndex)") }
        log.append("int=\(try c.decode(Int.self))")
        var nested = try c.nestedUnkeyedContainer()
        log.append("nested=\(try nested.decode(Bool.self))")
        let keyed = try c.nestedContainer(keyedBy: JSONKeyProbe.self)
        log.append("keys=\(keyed.allKeys.map(\.stringValue).sorted()) has=\(keyed.contains(.a))")
        let sup = try c.superDecoder()
        log.append("super=\(try sup.singleValueContainer().decode(String.self))")
        log.append("ifPresent=\(String(describing: try c.decodeIfPresent(Int.self))) idx=\(c.currentIndex)")
        do { _ = try c.decode(Int.self) } catch DecodingError.valueNotFound { log.append("end idx=\(c.currentIndex)") }
        do { _ = try c.decodeNil() } catch DecodingError.valueNotFound { log.append("nil at end") }
    }
}

private enum JSONKeyProbe: String, CodingKey { case a, b, zz, `super` }

private struct KeyedProbe: Decodable, Equatable {
    var log: [String] = []
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKeyProbe.self)
        log.append("keys=\(c.allKeys.map(\.stringValue).sorted())")
        log.append("nilA=\(try c.decodeNil(forKey: .a)) containsZZ=\(c.contains(.zz))")
        log.append("ifPresentZZ=\(String(describing: try c.decodeIfPresent(String.self, forKey: .zz)))")
        do { _ = try c.decodeNil(forKey: .zz) } catch DecodingError.keyNotFound { log.append("nil missing throws") }
        let nested = try c.nestedContainer(keyedBy: JSONKeyProbe.self, forKey: .b)
        log.append("nested=\(try nested.decode(Int8.self, forKey: .a))")
        let sup = try c.superDecoder()
        log.append("super=\(try sup.singleValueContainer().decode(UInt64.self))")
        let missing = try c.superDecoder(forKey: .zz)
        log.append("missing nil=\(try missing.singleValueContainer().decodeNil()) path=\(missing.codingPath.map(\.stringValue))")
    }
}

private struct EncodeProbe: Encodable {
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: JSONKeyProbe.self)
        var n = c.nestedContainer(keyedBy: JSONKeyProbe.self, forKey: .a)
        var u = c.nestedUnkeyedContainer(forKey: .zz)
        try c.encode(1, forKey: .b)
        try n.encode(2, forKey: .zz)
        try u.encode("x")
        try u.encodeNil()
        var uu = u.nestedUnkeyedContainer()
        try uu.encode(UInt8(3))
        var uk = u.nestedContainer(keyedBy: JSONKeyProbe.self)
        try uk.encodeNil(forKey: .a)
        try n.encode(3.5, forKey: .a)
        var s = c.superEncoder().singleValueContainer()
        try s.encode(true)
        var s2 = u.superEncoder().unkeyedContainer()
        try s2.encode(Int16(-7))
        var again = encoder.container(keyedBy: JSONKeyProbe.self)
        try again.encode("later", forKey: .b)
    }
}

private struct Silent: Codable, Equatable {
    init() {}
    init(from decoder: any Decoder) throws {}
    func encode(to encoder: any Encoder) throws {}
}

private struct Wrapper: Codable, Equatable {
    var silent = Silent()
    var n = 1
}

@Suite struct ContainerBehaviourTests {
    @Test func unkeyedMatchesFoundation() throws {
        let json = #"[null,1,[true],{"a":1,"b":2},"s"]"#
        let ours = try JSONDocumentDecoder().decode(UnkeyedProbe.self, from: json)
        let theirs = try foundationDecode(UnkeyedProbe.self, Array(json.utf8))
        #expect(ours.log == theirs.log)
    }

    @Test func keyedMatchesFoundation() throws {
        let json = #"{"a":null,"b":{"a":-5},"super":18446744073709551615}"#
        let ours = try JSONDocumentDecoder().decode(KeyedProbe.self, from: json)
        let theirs = try foundationDecode(KeyedProbe.self, Array(json.utf8))
        #expect(ours.log == theirs.log)
    }

    @Test func interleavedContainersEncodeLikeFoundation() throws {
        #expect(text(try JSONDocumentEncoder().encode(EncodeProbe())) == text(try foundationBytes(EncodeProbe())))
    }

    @Test func valuesThatEncodeNothing() throws {
        #expect(text(try JSONDocumentEncoder().encode(Wrapper())) == text(try foundationBytes(Wrapper())))
        #expect(text(try JSONDocumentEncoder().encode([Silent()])) == text(try foundationBytes([Silent()])))
        #expect(throws: EncodingError.self) { try JSONDocumentEncoder().encode(Silent()) }
        #expect(throws: EncodingError.self) { try foundationEncoder.encode(Silent()) }
    }

    @Test func encoderCodingPath() throws {
        struct PathProbe: Encodable {
            final class Box: @unchecked Sendable { var paths: [[String]] = [] }
            let box: Box
            struct Leaf: Encodable {
                let box: Box
                func encode(to encoder: any Encoder) throws {
                    box.paths.append(encoder.codingPath.map(\.stringValue))
                    var c = encoder.singleValueContainer()
                    try c.encode(0)
                }
            }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: JSONKeyProbe.self)
                try c.encode([Leaf(box: box), Leaf(box: box)], forKey: .a)
                var n = c.nestedContainer(keyedBy: JSONKeyProbe.self, forKey: .b)
                try n.encode(Leaf(box: box), forKey: .zz)
            }
        }
        let ours = PathProbe.Box()
        let theirs = PathProbe.Box()
        _ = try JSONDocumentEncoder().encode(PathProbe(box: ours))
        _ = try foundationEncoder.encode(PathProbe(box: theirs))
        #expect(ours.paths == [["a", "Index 0"], ["a", "Index 1"], ["b", "zz"]])
        // Foundation drops the nested container's own key ("b") here; we
        // report the full path rather than copy that.
        #expect(theirs.paths == [["a", "Index 0"], ["a", "Index 1"], ["zz"]])
    }

    @Test func encodingErrorsCarryPaths() {
        do {
            _ = try JSONDocumentEncoder().encode(["a": [1.0, .infinity]])
            Issue.record("expected an error")
        } catch let EncodingError.invalidValue(_, context) {
            #expect(context.codingPath.map(\.stringValue) == ["a", "Index 1"])
            #expect(context.debugDescription == "Unable to encode Double.inf directly in JSON.")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func foundationSpecialTypesAreRefused() throws {
        #expect(throws: EncodingError.self) { try JSONDocumentEncoder().encode(["u": URL(string: "https://x.y/z")!]) }
        #expect(throws: EncodingError.self) { try JSONDocumentEncoder().encode(Data([1, 2])) }
        #expect(throws: EncodingError.self) { try JSONDocumentEncoder().encode([Decimal(1)]) }
        #expect(throws: DecodingError.self) { try JSONDocumentDecoder().decode(URL.self, from: #""https://x.y""#) }
        // Date's default strategy is its own Codable form, so it just works.
        let date = Date(timeIntervalSinceReferenceDate: 12.5)
        #expect(try JSONDocumentEncoder().encode([date]) == (try foundationBytes([date])))
        #expect(try JSONDocumentDecoder().decode([Date].self, from: "[12.5]") == [date])
    }
}
