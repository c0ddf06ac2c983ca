import ProformaCore
import ProformaJSON
@testable import ProformaServices
import Testing

@Suite("A draft line's stored document, written directly")
struct DraftOrderLineDocumentTests {
    static let everything = DraftOrderLine(
        id: DraftOrderLineID(41), uuid: "7f0c-line", source: .variant(VariantID(9), productID: ProductID(3),
                                                                      catalogPrice: Money(minorUnits: 49_900, currency: .usd)),
        title: "Alpine \"Pro\" / Snowboard\n", variantTitle: "150 – größe", sku: "SB/ALP\\150", vendor: "Snow\u{1}devil",
        quantity: 12, taxable: false, requiresShipping: false, weight: Weight(value: ExactDecimal("1.25")!, unit: .pounds),
        isGiftCard: true, priceOverride: Money(minorUnits: -5, currency: .eur),
        appliedDiscount: AppliedDiscount(title: "Loyal </script>", description: "Ten off", valueType: .fixedAmount,
                                         value: ExactDecimal("10.5")!, amountWithCurrency: Money(minorUnits: 1_050, currency: .cad)),
        customAttributes: [Attribute(key: "engraving", value: "A/B \"C\""), Attribute(key: "", value: "")])

    static let lines: [DraftOrderLine] = [
        everything,
        DraftOrderLine(id: DraftOrderLineID(0), uuid: nil, source: .custom(Money(minorUnits: 0, currency: .jpy)), title: "",
                       variantTitle: nil, sku: nil, vendor: nil, quantity: 1, taxable: true, requiresShipping: true,
                       weight: .grams(0), isGiftCard: false, priceOverride: nil, appliedDiscount: nil, customAttributes: []),
        DraftOrderLine(id: DraftOrderLineID(7), uuid: nil, source: .legacyCustom(Money(minorUnits: 2_225, currency: .usd)),
                       title: "Part 499", variantTitle: "", sku: "", vendor: nil, quantity: 3, taxable: true, requiresShipping: true,
                       weight: Weight(value: ExactDecimal("0.001")!, unit: .kilograms), isGiftCard: false, priceOverride: nil,
                       appliedDiscount: AppliedDiscount(valueType: .percentage, value: 15), customAttributes: []),
    ]

    @Test("a record carries its lines' document when the write stores them: new lines, or none at all")
    func recordEncodesLinesToWrite() {
        let settings = CalculationSettings(conversion: CurrencyConversion(shopCurrency: .usd, presentment: nil))
        var draft = DraftOrderDocumentTextTests.draft(settings: settings)
        let numbered = Self.lines.filter { $0.id.rawValue != 0 }
        draft.lines = numbered
        #expect(DraftOrderRecord(draft: draft, customerName: "").linesDocument == nil)
        draft.lines = Self.lines
        #expect(DraftOrderRecord(draft: draft, customerName: "").linesDocument == DraftOrderLineDocument.encode(Self.lines))
        draft.lines = []
        #expect(DraftOrderRecord(draft: draft, customerName: "").linesDocument == "[]")
    }

    @Test("is the text Encodable gives, for every kind of line, and reads back as the line")
    func sameAsEncodable() throws {
        for line in Self.lines {
            let written = DraftOrderLineDocument.encode(line)
            #expect(written == StoredJSON.encode(line))
            #expect(try JSONDocumentDecoder().decode(DraftOrderLine.self, from: written) == line)
        }
        // A draft's lines are one array of the same texts, and read back as the lines.
        let all = Self.lines + Self.lines.reversed()
        let array = DraftOrderLineDocument.encode(all)
        #expect(array == "[" + all.map { DraftOrderLineDocument.encode($0) }.joined(separator: ",") + "]")
        #expect(try JSONDocumentDecoder().decode([DraftOrderLine].self, from: array) == all)
        #expect(DraftOrderLineDocument.encode([DraftOrderLine]()) == "[]")
    }

    @Test("leaves out what most lines have, and reads documents written with every key the same")
    func defaultsLeftOut() throws {
        let plain = Self.lines[1]
        #expect(DraftOrderLineDocument.encode(plain) == #"{"quantity":1,"source":{"custom":{"_0":{"amount":0,"currency":"JPY"}}},"title":""}"#)
        let everyKey = #"""
            {"customAttributes":[],"id":0,"isGiftCard":false,"quantity":1,"requiresShipping":true,\#
            "source":{"custom":{"_0":{"amount":0,"currency":"JPY"}}},"taxable":true,"title":"","weight":{"unit":"GRAMS","value":"0"}}
            """#
        #expect(try JSONDocumentDecoder().decode(DraftOrderLine.self, from: everyKey) == plain)
        // A zero weight in another unit, or written with decimals, is kept as written.
        for weight in [Weight(value: .zero, unit: .pounds), Weight(value: ExactDecimal("0.0")!, unit: .grams)] {
            var line = plain
            line.weight = weight
            let written = DraftOrderLineDocument.encode(line)
            #expect(written.contains(#""weight":{"unit":"\#(weight.unit.rawValue)","value":"\#(weight.value)"}"#))
            #expect(written == StoredJSON.encode(line))
            #expect(try JSONDocumentDecoder().decode(DraftOrderLine.self, from: written).weight.value.description
                    == weight.value.description)
        }
    }

    @Test("covers every property of a line (a new one must be written, and added to the lines above)")
    func everyProperty() {
        #expect(Mirror(reflecting: Self.everything).children.count == DraftOrderLineDocument.writtenProperties)
    }
}
