import ProformaCore
import ProformaServices

/// The line documents of a 499-line draft like the one `draftOrderUpdate` writes in the wrk
/// benchmark (custom lines, one in five discounted), through `Encodable` and written directly
/// as the store does. No target of its own: it is part of the update's p99 ≤ 50 ms.
enum DocumentBenchmark {
    static func lines() -> [DraftOrderLine] {
        (1...DraftOrder.maximumLines).map { index in
            DraftOrderLine(
                id: DraftOrderLineID(0), uuid: nil, source: .legacyCustom(Money(minorUnits: Int64(325 + index % 40 * 100), currency: .usd)),
                title: "Part \(index)", variantTitle: nil, sku: nil, vendor: nil, quantity: 1 + index % 3, taxable: true,
                requiresShipping: true, weight: .grams(0), isGiftCard: false, priceOverride: nil,
                appliedDiscount: index % 5 == 0 ? AppliedDiscount(valueType: .percentage, value: 15) : nil, customAttributes: [])
        }
    }

    static func run() async {
        let lines = lines()
        var sink = 0
        await Measurement.run("line documents of 499 lines, through Encodable", iterations: 200) {
            for line in lines { sink &+= StoredJSON.encode(line).utf8.count }
        }.report(per: (lines.count, "line"))
        await Measurement.run("line documents of 499 lines, written directly", iterations: 200) {
            for line in lines { sink &+= DraftOrderLineDocument.encode(line).utf8.count }
        }.report(per: (lines.count, "line"))
        if sink == 42 { print("") }
    }
}
