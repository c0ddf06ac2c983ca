@testable import ProformaAPI
import ProformaCore
import ProformaServices
import Testing

@Suite("Draft order input decoding")
struct DraftOrderInputDecodingTests {
    private static func decodeLines(_ lines: [InputFields]) -> DraftOrderInput {
        DraftOrderInputDecoding.decode(.object(["lineItems": .list(lines.map(InputValue.object))]))
    }

    private static func money(_ amount: String, _ currency: String) -> InputValue {
        .object(["amount": .string(amount), "currencyCode": .enumValue(currency)])
    }

    @Test("every field of a line is read")
    func everyLineField() throws {
        let input = Self.decodeLines([[
            "quantity": .int(3), "variantId": .string("gid://shopify/ProductVariant/42"), "title": .string("Board"),
            "originalUnitPriceWithCurrency": Self.money("12.50", "CAD"), "originalUnitPrice": .string("9.99"),
            "priceOverride": Self.money("8.00", "USD"), "generatePriceOverride": .bool(true),
            "appliedDiscount": .object(["valueType": .enumValue("PERCENTAGE"), "value": .float(15), "title": .string("Loyal")]),
            "taxable": .bool(false), "requiresShipping": .bool(false), "sku": .string("SKU-1"),
            "weight": .object(["unit": .enumValue("KILOGRAMS"), "value": .float(1.5)]),
            "customAttributes": .list([.object(["key": .string("engraving"), "value": .string("AB")])]),
            "uuid": .string("line-1"),
        ]])
        let line = try #require(input.lineItems?.first)
        #expect(input.problems.isEmpty)
        #expect(line.quantity == 3)
        #expect(line.variantID == VariantID(42))
        #expect(line.title == "Board")
        #expect(line.originalUnitPriceWithCurrency == Money(minorUnits: 1250, currency: CurrencyCode(rawValue: "CAD")!))
        #expect(line.originalUnitPrice == ExactDecimal("9.99"))
        #expect(line.priceOverride == Money(minorUnits: 800, currency: CurrencyCode(rawValue: "USD")!))
        #expect(line.generatePriceOverride)
        #expect(line.appliedDiscount?.title == "Loyal")
        #expect(line.appliedDiscount?.value == ExactDecimal("15"))
        #expect(line.taxable == false)
        #expect(line.requiresShipping == false)
        #expect(line.sku == "SKU-1")
        #expect(line.weight == Weight(value: ExactDecimal("1.5")!, unit: .kilograms))
        #expect(line.customAttributes == [Attribute(key: "engraving", value: "AB")])
        #expect(line.uuid == "line-1")
    }

    @Test("a line's weight wins over its grams unless null; an absent field keeps its default")
    func weightAndGrams() throws {
        let weight: InputValue = .object(["unit": .enumValue("GRAMS"), "value": .float(250)])
        let input = Self.decodeLines([
            ["quantity": .int(1), "grams": .int(500)],
            ["quantity": .int(1), "grams": .int(500), "weight": weight],
            ["quantity": .int(1), "grams": .int(500), "weight": .null],
            ["title": .string("no quantity")],
        ])
        let lines = try #require(input.lineItems)
        #expect(lines.map(\.weight) == [.grams(500), Weight(value: ExactDecimal("250")!, unit: .grams), .grams(500), nil])
        #expect(lines[3].quantity == 0)
        #expect(!lines[3].generatePriceOverride)
        #expect(lines[3].customAttributes.isEmpty)
    }

    @Test("a value that cannot be represented is a problem at its line's path")
    func problemsByLine() {
        let input = Self.decodeLines([
            ["quantity": .int(1)],
            ["quantity": .int(1), "priceOverride": Self.money("1.00", "XXX"),
             "appliedDiscount": .object(["valueType": .enumValue("FIXED_AMOUNT"), "value": .float(1e300)])],
        ])
        #expect(input.problems.errors.map(\.field) == [
            ["lineItems", "1", "priceOverride", "currencyCode"], ["lineItems", "1", "appliedDiscount", "value"],
        ])
    }
}
