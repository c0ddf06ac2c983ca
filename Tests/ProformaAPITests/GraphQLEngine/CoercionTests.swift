@testable import ProformaAPI
import Logging
import ProformaTestSupport
import Testing

/// Input objects through the Admin schema's own types, read as a request sends them: valid ones
/// take a quick walk over the members given, and anything wrong is found again in declaration
/// order, so the problem reported does not depend on the order of a JSON object's keys.
@Suite("GraphQL input coercion")
struct CoercionTests {
    static let coercion = Coercion(schema: try! AdminGraphQL(logger: Logger(label: "test")).executor.index)
    static let type = TypeRef.nonNull(.named("InventorySetQuantitiesInput"))
    static let quantity: JSONValue = .object(["inventoryItemId": "gid://shopify/InventoryItem/1",
                                              "locationId": "gid://shopify/Location/1", "quantity": 3])

    static func coerce(_ text: String, to type: TypeRef = type) throws -> InputValue {
        try JSONDocument.parse(Array(text.utf8)).withRoot { try coercion.coerce($0, to: type) }
    }

    static func coerce(_ value: JSONValue, to type: TypeRef = type) throws -> InputValue {
        try coerce(value.jsonText, to: type)
    }

    static func problem(_ value: JSONValue) -> CoercionProblem? {
        do {
            _ = try coerce(value)
            return nil
        } catch {
            return error as? CoercionProblem
        }
    }

    @Test("a valid object keeps what was given, explicit nulls included, and gains its defaults")
    func valid() throws {
        let value = try Self.coerce(.object([
            "name": "available", "reason": "correction", "referenceDocumentUri": .null, "quantities": .array([Self.quantity]),
        ]))
        #expect(value == .object([
            "name": .string("available"), "reason": .string("correction"), "referenceDocumentUri": .null,
            "ignoreCompareQuantity": .bool(false),
            "quantities": .list([.object(["inventoryItemId": .string("gid://shopify/InventoryItem/1"),
                                          "locationId": .string("gid://shopify/Location/1"), "quantity": .int(3)])]),
        ]))
        let given = try Self.coerce(.object([
            "name": "available", "reason": "correction", "ignoreCompareQuantity": true, "quantities": .array([]),
        ]))
        #expect(given["ignoreCompareQuantity"] == .bool(true))
    }

    @Test("the problem reported is the first in declaration order, wherever it sits in the object")
    func problems() {
        let missing = Self.problem(.object(["name": "available", "quantities": .array([])]))
        #expect(missing?.path == ["reason"])
        #expect(missing?.explanation == "Expected value to not be null")
        // An unknown field is reported before any bad value.
        let unknown = Self.problem(.object(["name": 5, "reason": "x", "quantities": .array([]), "zzz": 1]))
        #expect(unknown?.path == ["zzz"])
        #expect(unknown?.explanation == "Field is not defined on InventorySetQuantitiesInput")
        // `name` is declared before `reason`.
        let twoBad = Self.problem(.object(["reason": 5, "name": 6, "quantities": .array([])]))
        #expect(twoBad?.path == ["name"])
        let inside = Self.problem(.object(["name": "a", "reason": "b", "quantities": .array([Self.quantity, .object([
            "locationId": "gid://shopify/Location/1", "quantity": "three", "inventoryItemId": "gid://shopify/InventoryItem/1",
        ])])]))
        #expect(inside?.path == ["quantities", "1", "quantity"])
        #expect(inside?.explanation == "Could not coerce value \"three\" to Int")
    }

    /// What the quick walk leaves to the tree reads the same: a key written twice (the last one
    /// counts, as in JSON objects everywhere here) or with an escape, and a single value where a
    /// list is declared.
    @Test("keys written twice or with escapes, and a value for a list, read as a tree reads them")
    func unusualInput() throws {
        let twice = try Self.coerce(#"{"name":"x","reason":"correction","name":"available","quantities":[]}"#)
        #expect(twice["name"] == .string("available"))
        let escaped = try Self.coerce(#"{"n\u0061me":"available","reason":"correction","quantities":[]}"#)
        #expect(escaped["name"] == .string("available"))
        let single = try Self.coerce(#"{"name":"available","reason":"correction","quantities":{"inventoryItemId":"gid://shopify/InventoryItem/1","locationId":"gid://shopify/Location/1","quantity":3}}"#)
        #expect(single["quantities"] == .list([.object(["inventoryItemId": .string("gid://shopify/InventoryItem/1"),
                                                        "locationId": .string("gid://shopify/Location/1"), "quantity": .int(3)])]))
        #expect(try Self.coerce("null", to: .named("InventorySetQuantitiesInput")) == .null)
        #expect(throws: CoercionProblem.self) { try Self.coerce("null") }
        #expect(throws: CoercionProblem.self) { try Self.coerce(#"{"name":"available","name":5,"reason":"c","quantities":[]}"#) }
    }
}
