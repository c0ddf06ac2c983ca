@testable import ProformaAPI
import Testing

@Suite("Input object fields")
struct InputFieldsTests {
    @Test("fields given in another order are equal and hash alike; a different value or field is not equal")
    func equalityIgnoresOrder() {
        let first: InputFields = ["quantity": .int(2), "title": .string("Part"), "taxable": .bool(false)]
        let second: InputFields = ["taxable": .bool(false), "quantity": .int(2), "title": .string("Part")]
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first != ["quantity": .int(3), "title": .string("Part"), "taxable": .bool(false)])
        #expect(first != ["quantity": .int(2), "title": .string("Part")])
        #expect(first != ["quantity": .int(2), "title": .string("Part"), "sku": .bool(false)])
        #expect(Set([InputValue.object(first), .object(second)]).count == 1)
    }

    @Test("a field is set once, replaced in place, and removed by setting nil, as in a dictionary")
    func subscriptKeepsEachNameOnce() {
        var fields: InputFields = ["a": .int(1), "b": .int(2)]
        fields["a"] = .int(3)
        fields["c"] = .null
        #expect(fields.keys == ["a", "b", "c"])
        #expect(fields["a"] == .int(3))
        #expect(fields["c"] == .null)
        fields["b"] = nil
        fields["missing"] = nil
        #expect(fields.keys == ["a", "c"])
        #expect(fields["b"] == nil)
        #expect(fields.count == 2)
        #expect(fields.mapValues { $0 == .null } == ["a": false, "c": true])
        #expect(Array(fields).map(\.key) == ["a", "c"])
    }

    @Test("a dictionary and a literal with a repeated name keep one field each")
    func conversions() {
        #expect(InputFields(["x": .int(1), "y": .int(2)]) == ["y": .int(2), "x": .int(1)])
        let repeated = InputFields(dictionaryLiteral: ("x", .int(1)), ("x", .int(2)))
        #expect(repeated.count == 1)
        #expect(repeated["x"] == .int(2))
    }
}
