import ProformaCore
import ProformaJSON
import ProformaServices
@testable import ProformaStore
import Testing

@Suite("A draft's lines as one row")
struct DraftLineListTests {
    static func line(_ id: Int64, _ title: String) -> DraftOrderLine {
        DraftOrderLine(id: DraftOrderLineID(id), uuid: nil, source: .custom(Money(minorUnits: 1_250, currency: .usd)),
                       title: title, variantTitle: nil, sku: nil, vendor: nil, quantity: 2, taxable: true,
                       requiresShipping: true, weight: .grams(0), isGiftCard: false, priceOverride: nil,
                       appliedDiscount: nil, customAttributes: [])
    }

    @Test("ids are written as decimals between commas and read back in order, lines with them")
    func roundTrip() throws {
        let lines = [Self.line(7, "A"), Self.line(1_234_567_890_123, "B"), Self.line(10, "C"), Self.line(0, "D")]
        let ids = DraftLineList.idsText(lines)
        #expect(ids == "7,1234567890123,10,0")
        #expect(try DraftLineList.ids(ids) == [7, 1_234_567_890_123, 10, 0])
        #expect(DraftLineList.idsText([]) == "")
        #expect(try DraftLineList.ids("").isEmpty)
        // Documents are written without ids (new lines have none yet); the row's ids are theirs.
        var unnumbered = lines
        for index in unnumbered.indices { unnumbered[index].id = DraftOrderLineID(0) }
        let read = try DraftLineList.lines(ids: ids, document: DraftOrderLineDocument.encode(unnumbered),
                                           decoder: JSONDocumentDecoder())
        #expect(read == lines)
    }

    @Test("a row whose ids cannot be read, or do not match its lines, is refused rather than misnumbered")
    func corrupt() throws {
        for text in [",", "1,", ",1", "1,,2", "1 ,2", "-1", "x", "1234567890123456789"] {
            #expect(throws: SQLStoreError.self, "\(text)") { try DraftLineList.ids(text) }
        }
        let document = DraftOrderLineDocument.encode([Self.line(0, "A"), Self.line(0, "B")])
        #expect(throws: SQLStoreError.self) {
            try DraftLineList.lines(ids: "1", document: document, decoder: JSONDocumentDecoder())
        }
        // As the ids PostgreSQL's write returns are given to the lines it wrote.
        var lines = [Self.line(0, "A"), Self.line(0, "B")]
        #expect(throws: SQLStoreError.self) { try DraftLineList.number(&lines, ids: "1,2,3") }
        try DraftLineList.number(&lines, ids: "41,42")
        #expect(lines.map(\.id.rawValue) == [41, 42])
    }
}
