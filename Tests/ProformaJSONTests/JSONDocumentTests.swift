import ProformaJSON
import Testing

private func document(_ text: String) throws(JSONParseError) -> JSONDocument { try JSONDocument.parse(Array(text.utf8)) }

/// The value a node reads in place, put together from its accessors alone (numbers other than
/// `Int`s aside, which only the tree reads).
private func rebuilt(_ node: JSONNode) -> JSONValue {
    if node.isNull { return .null }
    if let flag = node.bool { return .bool(flag) }
    if let number = node.int { return .int(number) }
    if let text = node.string { return .string(text) }
    if node.isArray { return .array(node.elements.map(rebuilt)) }
    guard node.isObject else { return node.value }
    var members: [String: JSONValue] = [:]
    for (key, value) in node.members { members[key.string] = rebuilt(value) }
    return .object(members)
}

/// A document read in place must accept, refuse and read back exactly what `JSONValue.parse`
/// does (which reads the same tape into a tree).
@Suite struct JSONDocumentTests {
    @Test func readsInPlaceWhatTheTreeHolds() throws {
        let more = [
            #"{"a":1,"b":2,"a":3}"#, #"[1e3, 5.0, -0, 9223372036854775808, "\u0041\u00e9"]"#,
            #"{"aaaaaaaaaaaaaaaa\u0059":1,"aaaaaaaaaaaaaaaaY":2}"#, "  [ ]  ", #"{"nested":{"deeper":[{"x":null}]}}"#,
        ]
        for text in JSONValueParseTests.documents + more {
            let parsed = try document(text)
            #expect(parsed.withRoot(rebuilt) == (try JSONValue.parse(Array(text.utf8))), "\(text)")
            #expect(parsed.value == (try JSONValue.parse(Array(text.utf8))), "\(text)")
        }
    }

    @Test(arguments: JSONValueParseTests.invalid)
    func refusesWhatTheTreeParserRefuses(input: String, kind: JSONParseError.Kind) {
        #expect(throws: JSONParseError.self, "\(input.debugDescription)") { try document(input) }
        do {
            _ = try document(input)
        } catch {
            #expect(error.kind == kind, "\(input.debugDescription): \(error)")
        }
    }

    @Test func notesNUL() throws {
        for text in [#""a\u0000b""#, #"{"k\u0000":1}"#, #"[{"k":["\u0000"]}]"#] {
            #expect(try document(text).containsNUL, "\(text)")
        }
        for text in [#"{"k":["x"]}"#, #""\\u0000""#, #"["\u00e9", 1, null]"#] {
            #expect(try !document(text).containsNUL, "\(text)")
        }
    }

    @Test func readsInPlace() throws {
        let parsed = try document(#"{"n":[1,2.5,1e3,-7,"x",true,false,null],"k":{"a\u0062":"c"},"k":{"ab":"d"},"":0}"#)
        parsed.withRoot { root in
            #expect(root.isObject && !root.isArray && root.count == 4)
            #expect(root.members.map(\.key.string) == ["n", "k", "k", ""])
            // The last of two members with one key, as in a tree.
            #expect(root.member("k")?.member("ab")?.string == "d")
            #expect(root.member("")?.int == 0)
            #expect(root.member("missing") == nil)
            let numbers = Array(root.member("n")!.elements)
            #expect(numbers.count == 8)
            #expect(numbers.map(\.int) == [1, nil, nil, -7, nil, nil, nil, nil])
            #expect(numbers[4].string == "x" && numbers[4].int == nil)
            #expect(numbers.map(\.bool) == [nil, nil, nil, nil, nil, true, false, nil])
            #expect(numbers[7].isNull && numbers[2].value == .double(1000))
            // Nothing to walk in a scalar.
            #expect(Array(numbers[0].elements).isEmpty && Array(numbers[0].members).isEmpty && numbers[0].count == 0)
        }
    }

    @Test func keysMatchTheirText() throws {
        try document(#"{"plain":1,"esc\u0061ped":2,"":3,"é":4}"#).withRoot { root in
            #expect(root.member("plain")?.int == 1 && root.member("plaiN") == nil && root.member("plai") == nil)
            #expect(root.member("escaped")?.int == 2 && root.member("esc\\u0061ped") == nil && root.member("escape") == nil)
            #expect(root.member("")?.int == 3 && root.member("x") == nil)
            #expect(root.member("é")?.int == 4 && root.member("e") == nil)
            let keys = root.members.map(\.key)
            #expect(!keys[0].hasEscapes && keys[0].utf8.map(Array.init) == Array("plain".utf8))
            #expect(keys[1].hasEscapes && keys[1].utf8 == nil && keys[1].string == "escaped")
            #expect(keys[3].utf8?.count == 2)
        }
    }

    @Test func aPartIsADocument() throws {
        let whole = try document(#"{"query":"q","variables":{"id":"gid://x/1","lines":[{"q":2}]}}"#)
        let variables = whole.withRoot { whole.rooted(at: $0.member("variables")!) }
        #expect(variables.value == .object(["id": .string("gid://x/1"), "lines": .array([.object(["q": .int(2)])])]))
        #expect(variables.withRoot { $0.member("lines")?.count } == 1)
        #expect(try JSONDocument(.object(["a": .array([.int(1), .null])])).value == .object(["a": .array([.int(1), .null])]))
    }
}
