import ProformaCore
import Testing

@Suite("Calculator edges: limits, free items, rounding amounts")
struct CalculatorLimitTests {
    typealias R = CalculatorReferenceTests

    static let cad = CurrencyConversion(shopCurrency: .usd, presentment: PresentmentCurrency(
        code: .cad, rate: ExactDecimal("1.25")!, roundTo: ExactDecimal("0.99")))

    @Test("a free item stays free in a currency whose prices round up to .99")
    func freeStaysFree() {
        #expect(Self.cad.convertPrice(.zero(.usd)) == .zero(.cad))
        #expect(Self.cad.convertPrice(Money(minorUnits: 1, currency: .usd)) == Money(minorUnits: 99, currency: .cad))
        let result = DraftCalculator.calculate(CalculationInput(
            conversion: Self.cad, lines: [.init(title: "Sample", price: .catalog(.zero(.usd)), quantity: 3)]))
        #expect(result.total == 0)
    }

    @Test("a fixed discount far beyond the price, on a large quantity, is capped without overflowing")
    func hugeFixedDiscount() {
        let line = CalculationInput.Line(
            title: "Bolt", price: .custom(Money(minorUnits: 5, currency: .usd)), quantity: 100_000_000,
            discount: AppliedDiscount(valueType: .fixedAmount, value: ExactDecimal("90000000000000")!))
        let result = DraftCalculator.calculate(CalculationInput(conversion: R.usd, lines: [line]))
        #expect(result.lines[0].discount == 500_000_000)
        #expect(result.total == 0)
    }

    @Test("the largest draft allowed fits every amount, taxes and shop-currency twins included")
    func largestDraft() {
        let lines = (0..<DraftOrder.maximumLines).map { _ in
            CalculationInput.Line(title: "Big", price: .custom(Money(minorUnits: DraftOrder.maximumAmount / 499, currency: .cad)),
                                  quantity: 1)
        }
        var input = CalculationInput(conversion: Self.cad, lines: lines,
                                     shipping: .custom(title: "Freight", price: Money(minorUnits: DraftOrder.maximumAmount,
                                                                                      currency: .cad)),
                                     taxRates: [TaxRate(countryCode: .canada, provinceCode: nil, name: "GST", rate: .one,
                                                        appliesToShipping: true)],
                                     shippingAddress: R.ontario)
        input.orderDiscount = AppliedDiscount(valueType: .percentage, value: 1)
        let result = DraftCalculator.calculate(input)
        #expect(result.total == result.subtotal + (result.shipping?.price ?? 0) + result.totalTax)
        #expect(result.shopMoney(result.total).minorUnits > 0)
    }

    @Test("amounts round half away from zero to the minor unit, and refuse what 64 bits cannot hold")
    func moneyRounding() {
        #expect(Money(rounding: ExactDecimal("10.005")!, currency: .usd)?.minorUnits == 1001)
        #expect(Money(rounding: ExactDecimal("-10.005")!, currency: .usd)?.minorUnits == -1001)
        #expect(Money(rounding: ExactDecimal("12.5")!, currency: .jpy)?.minorUnits == 13)
        #expect(Money(rounding: ExactDecimal("1.2345")!, currency: .kwd)?.minorUnits == 1235)
        #expect(Money(rounding: ExactDecimal("100000000000000000")!, currency: .usd) == nil)
        #expect(Money(rounding: ExactDecimal("100000000000000000")!, currency: .jpy)?.minorUnits == 100_000_000_000_000_000)
    }

    @Test("shipping-rate handles come from the rate's name")
    func handles() {
        func handle(_ name: String) -> String {
            ShippingRate(name: name, countryCodes: [.unitedStates], price: .zero(.usd)).handle
        }
        #expect(handle("Standard") == "proforma-rate-standard")
        #expect(handle("Express (48h) – tracked!") == "proforma-rate-express-48h-tracked")
        #expect(handle("Livraison à domicile") == "proforma-rate-livraison-domicile")
    }
}
