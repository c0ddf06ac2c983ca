import ProformaCore
import Testing

/// A draft keeps its fields in a shared box; these check that it still behaves as a value.
@Suite("A draft order as a value")
struct DraftOrderValueTests {
    static func line(_ title: String, cents: Int64) -> DraftOrderLine {
        DraftOrderLine(id: DraftOrderLineID(0), uuid: nil, source: .custom(Money(minorUnits: cents, currency: .usd)),
                       title: title, variantTitle: nil, sku: nil, vendor: nil, quantity: 1, taxable: false,
                       requiresShipping: false, weight: Weight(value: .zero, unit: .grams), isGiftCard: false,
                       priceOverride: nil, appliedDiscount: nil, customAttributes: [])
    }

    static func draft() -> DraftOrder {
        DraftOrder(
            id: DraftOrderID(1), number: 1, status: .open, customerID: nil, email: "a@example.com", phone: nil, note: nil,
            poNumber: nil, sourceName: nil, tags: ["rush"], customAttributes: [], metafields: [], billingAddress: nil,
            shippingAddress: nil, lines: [line("Widget", cents: 1_000)], appliedDiscount: nil, shippingLine: nil,
            taxExempt: false, visibleToCustomer: false, allowDiscountCodesInCheckout: false, acceptAutomaticDiscounts: false,
            discountCodes: [], reserveInventoryUntil: nil, paymentTerms: nil,
            settings: CalculationSettings(conversion: CurrencyConversion(shopCurrency: .usd, presentment: nil)),
            invoiceSentAt: nil, completedAt: nil, orderID: nil, createdAt: Timestamp(millisecondsSince1970: 0),
            updatedAt: Timestamp(millisecondsSince1970: 0), version: 1)
    }

    @Test("changing a copy, in place or whole, leaves the original as it was")
    func copiesAreIndependent() {
        let original = Self.draft()
        var copy = original
        copy.email = "b@example.com"
        copy.tags.append("wholesale")
        copy.lines[0].quantity = 3
        copy.lines.append(Self.line("Gadget", cents: 250))
        copy.recalculate()
        #expect(original.email == "a@example.com")
        #expect(original.tags == ["rush"])
        #expect(original.lines.map(\.quantity) == [1])
        #expect(original.calculation.total == 1_000)
        #expect(copy.email == "b@example.com")
        #expect(copy.tags == ["rush", "wholesale"])
        #expect(copy.lines.map(\.quantity) == [3, 1])
        #expect(copy.calculation.total == 3_250)
    }

    @Test("drafts with the same fields are equal and hash alike, built apart or changed back")
    func equality() {
        let first = Self.draft()
        var second = Self.draft()
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        second.note = "call first"
        #expect(first != second)
        second.note = nil
        #expect(first == second)
        #expect(Set([first, second, first]).count == 1)
    }
}
