import ProformaCore
import Testing

/// The totals Shopify recorded for its draft-order examples, reproduced to the cent.
/// The test shop of those recordings sits in Ontario and charges 6% in Kentucky.
@Suite("Calculator: Shopify's recorded totals")
struct CalculatorReferenceTests {
    static let usd = CurrencyConversion(shopCurrency: .usd, presentment: nil)
    static let rates = [
        TaxRate(countryCode: .unitedStates, provinceCode: "KY", name: "Tax", rate: ExactDecimal("0.06")!, appliesToShipping: false),
        TaxRate(countryCode: .canada, provinceCode: nil, name: "GST", rate: ExactDecimal("0.05")!, appliesToShipping: false),
        TaxRate(countryCode: .canada, provinceCode: "ON", name: "Tax", rate: ExactDecimal("0.08")!, appliesToShipping: false),
    ]
    static let kentucky = MailingAddress(city: "Louisville", provinceCode: "KY", countryCode: "US")
    static let ontario = MailingAddress(city: "Ottawa", provinceCode: "ON", countryCode: "CA")

    static func money(_ text: String) -> Money { Money(text, currency: .usd)! }

    static func input(_ lines: [CalculationInput.Line], order: AppliedDiscount? = nil,
                      shipping: CalculationInput.Shipping? = nil, shippingAddress: MailingAddress? = nil,
                      billingAddress: MailingAddress? = nil) -> CalculationInput {
        CalculationInput(conversion: usd, lines: lines, orderDiscount: order, shipping: shipping, taxRates: rates,
                         shippingAddress: shippingAddress, billingAddress: billingAddress, shopAddress: ontario)
    }

    static func custom(_ price: String, _ quantity: Int, discount: AppliedDiscount? = nil) -> CalculationInput.Line {
        .init(title: "Custom Tee", price: .legacyCustom(money(price)), quantity: quantity, discount: discount)
    }

    static func variant(_ price: String = "199.00", _ quantity: Int = 1) -> CalculationInput.Line {
        .init(title: "IPod Nano - 8gb", price: .catalog(money(price)), quantity: quantity)
    }

    static func fixed(_ value: String) -> AppliedDiscount {
        AppliedDiscount(title: "Custom", valueType: .fixedAmount, value: ExactDecimal(value)!)
    }

    static func percent(_ value: String) -> AppliedDiscount {
        AppliedDiscount(title: "Custom", valueType: .percentage, value: ExactDecimal(value)!)
    }

    static func taxLines(_ calculation: DraftCalculation) -> [String] {
        calculation.taxLines.map { "\($0.title) \($0.rate) \(calculation.money($0.amount).formattedAmount)" }
    }

    @Test("2×20.00, order FIXED 10.00, 6% → 30.00 + 1.80 = 31.80 (REST test 1)")
    func orderFixedDiscount() {
        let result = DraftCalculator.calculate(Self.input([Self.custom("20.00", 2)], order: Self.fixed("10.0"),
                                                          shippingAddress: Self.kentucky, billingAddress: Self.kentucky))
        #expect(result.subtotal == 3000)
        #expect(result.totalTax == 180)
        #expect(result.total == 3180)
        #expect(result.totalDiscounts == 1000)
        #expect(result.totalLineItemsPrice == 4000)
        #expect(result.lines[0].orderDiscountAllocation == 1000)
        #expect(result.lines[0].taxLines.map(\.amount) == [180])
    }

    @Test("1×20.00, line 10% → 18.00, GST 0.90 + 1.44 = 20.34 (REST test 2, shop address)")
    func linePercentDiscount() {
        let result = DraftCalculator.calculate(Self.input([Self.custom("20.00", 1, discount: Self.percent("10.0"))]))
        #expect(result.lines[0].discount == 200)
        #expect(result.subtotal == 1800)
        #expect(Self.taxLines(result) == ["GST 0.05 0.90", "Tax 0.08 1.44"])
        #expect(result.total == 2034)
        #expect(result.taxAddressSource == .shopAddress)
    }

    @Test("2×20.00 at the customer's Kentucky address → 2.40 tax, 42.40 (REST test 3)")
    func customerAddress() {
        let result = DraftCalculator.calculate(Self.input([Self.custom("20.00", 2)], shippingAddress: Self.kentucky))
        #expect(Self.taxLines(result) == ["Tax 0.06 2.40"])
        #expect(result.total == 4240)
    }

    @Test("variant 199.00 in Ontario → GST 9.95 + 15.92 = 224.87 from billing, shipping or shop address (REST tests 4, 5, 7)")
    func addressFallback() {
        let cases: [(MailingAddress?, MailingAddress?, TaxAddressSource)] = [
            (nil, Self.ontario, .billingAddress), (Self.ontario, nil, .shippingAddress), (nil, nil, .shopAddress),
        ]
        for (shipping, billing, source) in cases {
            let result = DraftCalculator.calculate(Self.input([Self.variant()], shippingAddress: shipping, billingAddress: billing))
            #expect(Self.taxLines(result) == ["GST 0.05 9.95", "Tax 0.08 15.92"])
            #expect(result.totalTax == 2587)
            #expect(result.total == 22487)
            #expect(result.taxAddressSource == source)
        }
    }

    @Test("1×20.00, line FIXED 10.00 → 10.00, 0.50 + 0.80 = 11.30 (REST test 6)")
    func lineFixedDiscount() {
        let result = DraftCalculator.calculate(Self.input([Self.custom("20.00", 1, discount: Self.fixed("10.0"))]))
        #expect(result.subtotal == 1000)
        #expect(Self.taxLines(result) == ["GST 0.05 0.50", "Tax 0.08 0.80"])
        #expect(result.total == 1130)
    }

    @Test("199.00, order 10% → 179.10, 6% → 10.75, untaxed shipping 12.25 → 202.10 (REST test 12)")
    func orderPercentWithShipping() {
        let result = DraftCalculator.calculate(Self.input(
            [Self.variant()], order: Self.percent("10.0"), shipping: .custom(title: "UPS Ground", price: Self.money("12.25")),
            shippingAddress: Self.kentucky))
        #expect(result.orderDiscount == 1990)
        #expect(result.subtotal == 17910)
        #expect(result.totalTax == 1075)
        #expect(result.shipping?.taxLines == [])
        #expect(result.total == 20210)
    }

    @Test("199.00, order FIXED 5.00 → 194.00, 11.64, shipping 12.25 → 217.89 (REST tests 13–15)")
    func orderFixedWithShipping() {
        let result = DraftCalculator.calculate(Self.input(
            [Self.variant()], order: Self.fixed("5.0"), shipping: .custom(title: "UPS Ground", price: Self.money("12.25")),
            shippingAddress: Self.kentucky))
        #expect(result.subtotal == 19400)
        #expect(result.totalTax == 1164)
        #expect(result.total == 21789)
    }

    @Test("826.00, shipping 10.00 untaxed, 6% per line → 49.56 → 885.56 (REST tests 20, 21)")
    func threeLines() {
        let result = DraftCalculator.calculate(Self.input(
            [Self.variant(), Self.custom("30.00", 1), Self.variant("199.00", 3)],
            shipping: .custom(title: "custom shipping", price: Self.money("10.00")), shippingAddress: Self.kentucky))
        #expect(result.subtotal == 82600)
        #expect(result.lines.map(\.totalTax) == [1194, 180, 3582])
        #expect(result.totalTax == 4956)
        #expect(result.total == 88556)
    }

    @Test("listed drafts: 2×199.00 + 10.00 shipping → 431.88; 199.00 + 10.00 → 220.94 (REST tests 8–11)")
    func listed() {
        let shipping = CalculationInput.Shipping.custom(title: "custom shipping", price: Self.money("10.00"))
        let two = DraftCalculator.calculate(Self.input([Self.variant("199.00", 2)], shipping: shipping,
                                                       shippingAddress: Self.kentucky))
        #expect((two.subtotal, two.totalTax, two.total) == (39800, 2388, 43188))
        let one = DraftCalculator.calculate(Self.input([Self.variant()], shipping: shipping, shippingAddress: Self.kentucky))
        #expect((one.totalTax, one.total) == (1194, 22094))
    }

    @Test("Boots ×2 at 30.00 with GST 7% and PST 8% → 4.20 and 4.80 (GraphQL invoice example)")
    func invoiceExample() {
        let rates = [
            TaxRate(countryCode: .canada, provinceCode: nil, name: "GST", rate: ExactDecimal("0.07")!, appliesToShipping: false),
            TaxRate(countryCode: .canada, provinceCode: "ON", name: "PST", rate: ExactDecimal("0.08")!, appliesToShipping: false),
        ]
        let result = DraftCalculator.calculate(CalculationInput(
            conversion: Self.usd, lines: [.init(title: "Boots", price: .catalog(Self.money("30.00")), quantity: 2)],
            taxRates: rates, shippingAddress: Self.ontario))
        #expect(Self.taxLines(result) == ["GST 0.07 4.20", "PST 0.08 4.80"])
        #expect(result.total == 6900)
    }

    @Test("CAD presentment: 10 USD → 12.99 CAD by price rounding; FIXED 5 USD → 6.38 CAD without (GraphQL calculate example)")
    func presentmentCurrency() {
        let conversion = CurrencyConversion(shopCurrency: .usd, presentment: PresentmentCurrency(
            code: .cad, rate: ExactDecimal("1.276")!, roundTo: ExactDecimal("0.99")))
        let result = DraftCalculator.calculate(CalculationInput(
            conversion: conversion,
            lines: [
                .init(title: "151cm", price: .catalog(Self.money("10.00")), quantity: 1,
                      discount: AppliedDiscount(description: "Promo", valueType: .fixedAmount, value: 5)),
                .init(title: "Spring Promo Item", price: .legacyCustom(Self.money("10.00")), quantity: 2),
            ],
            orderDiscount: AppliedDiscount(description: "Loyalty", valueType: .fixedAmount, value: 5), taxExempt: true))
        #expect(result.currency == .cad)
        #expect(result.lines.map(\.unitPrice) == [1299, 1299])
        #expect(result.lines[0].discount == 638)
        #expect(result.lines[0].discountedTotal == 661)
        #expect(result.lines[1].discountedTotal == 2598)
        #expect(result.lineItemsSubtotal == 3259)
        #expect(result.orderDiscount == 638)
        #expect(result.totalDiscounts == 1276)
        #expect(result.subtotal == 2621)
        #expect(result.total == 2621)
        #expect(result.shopMoney(result.lines[0].discount) == Self.money("5.00"))
    }
}
