import ProformaCore
import Testing

@Suite("Calculator rules")
struct CalculatorRuleTests {
    typealias R = CalculatorReferenceTests

    @Test("the order discount is split by largest remainder, ties to the earlier line")
    func allocation() {
        #expect(Allocation.largestRemainder(1000, weights: [1000, 1000, 1000]) == [334, 333, 333])
        #expect(Allocation.largestRemainder(100, weights: [1, 1, 1, 0]) == [34, 33, 33, 0])
        #expect(Allocation.largestRemainder(7, weights: [0, 0]) == [0, 0])
        #expect(Allocation.largestRemainder(5, weights: [2, 3]) == [2, 3])
        // Weights summing past 64 bits take the wide path, with the same rule.
        #expect(Allocation.largestRemainder(5, weights: [.max, .max, .max, 0]) == [2, 2, 1, 0])
        let result = DraftCalculator.calculate(R.input([R.custom("10.00", 1), R.custom("10.00", 1), R.custom("10.00", 1)],
                                                       order: R.fixed("10.00"), shippingAddress: R.kentucky))
        #expect(result.lines.map(\.orderDiscountAllocation) == [334, 333, 333])
        // Tax is rounded per line on the allocated base: 6% of 6.66, 6.67, 6.67.
        #expect(result.lines.map(\.totalTax) == [40, 40, 40])
    }

    @Test("the allocation hands out units by its definition on generated weights")
    func allocationByDefinition() {
        var random = CalculatorPropertyTests.SeededGenerator(state: 20_261_203)
        for _ in 0..<2000 {
            let count = Int.random(in: 1...60, using: &random)
            // Few distinct weights, so that equal remainders (ties) are common.
            let weights = (0..<count).map { _ in Int64.random(in: -2...9, using: &random) * Int64.random(in: 1...3, using: &random) }
            let amount = Int64.random(in: 0...10_000, using: &random)
            #expect(Allocation.largestRemainder(amount, weights: weights) == Self.allocated(amount, weights))
        }
    }

    /// Exact shares, floored, then one unit each to the largest remainders, ties to the earlier.
    static func allocated(_ amount: Int64, _ weights: [Int64]) -> [Int64] {
        let positive = weights.map { max($0, 0) }
        let total = positive.reduce(0, +)
        guard amount > 0, total > 0 else { return weights.map { _ in 0 } }
        var shares = positive.map { amount * $0 / total }
        let order = positive.indices.filter { positive[$0] > 0 }.sorted {
            let (left, right) = (amount * positive[$0] % total, amount * positive[$1] % total)
            return left != right ? left > right : $0 < $1
        }
        for index in order.prefix(Int(amount - shares.reduce(0, +))) { shares[index] += 1 }
        return shares
    }

    @Test("fixed discounts are per unit and capped at their base")
    func caps() {
        let line = DraftCalculator.calculate(R.input([R.custom("20.00", 3, discount: R.fixed("8.00"))]))
        #expect(line.lines[0].discount == 2400)
        let capped = DraftCalculator.calculate(R.input([R.custom("20.00", 1, discount: R.fixed("30.00"))], order: R.fixed("5")))
        #expect(capped.lines[0].discount == 2000)
        #expect(capped.orderDiscount == 0)
        #expect(capped.total == 0)
    }

    @Test("taxes included are extracted per rate and not added")
    func taxesIncluded() {
        var input = R.input([R.custom("113.00", 1)], shippingAddress: R.ontario)
        input.taxesIncluded = true
        let result = DraftCalculator.calculate(input)
        #expect(R.taxLines(result) == ["GST 0.05 5.00", "Tax 0.08 8.00"])
        #expect(result.total == 11300)
    }

    @Test("the rates a draft keeps calculate what all the shop's rates calculate, warnings included")
    func rateSnapshot() {
        let rates = R.rates + [
            TaxRate(countryCode: .canada, provinceCode: "QC", name: "QST", rate: ExactDecimal("0.09975")!, appliesToShipping: true),
            TaxRate(countryCode: .unitedStates, provinceCode: "NY", name: "NY", rate: ExactDecimal("0.04")!, appliesToShipping: true),
        ]
        let addresses: [MailingAddress?] = [R.ontario, R.kentucky, MailingAddress(countryCode: "CA"),
                                            MailingAddress(provinceCode: "ZZ", countryCode: "US"), MailingAddress(countryCode: "FR"), nil]
        for address in addresses {
            func calculate(_ rates: [TaxRate]) -> DraftCalculation {
                DraftCalculator.calculate(CalculationInput(
                    conversion: R.usd, lines: [R.custom("100.00", 1)], shipping: .custom(title: "Courier", price: R.money("10.00")),
                    taxRates: rates, shippingAddress: address))
            }
            let kept = TaxJurisdiction.snapshot(for: address, from: rates)
            #expect(calculate(kept) == calculate(rates), "\(String(describing: address))")
            #expect(kept.count <= 3)
        }
        #expect(TaxJurisdiction.snapshot(for: R.ontario, from: rates).map(\.name) == ["GST", "Tax"])
    }

    @Test("shipping is taxed only by rates that say so")
    func shippingTax() {
        let rates = [
            TaxRate(countryCode: .canada, provinceCode: nil, name: "GST", rate: ExactDecimal("0.05")!, appliesToShipping: false),
            TaxRate(countryCode: .canada, provinceCode: "ON", name: "HST", rate: ExactDecimal("0.08")!, appliesToShipping: true),
        ]
        let result = DraftCalculator.calculate(CalculationInput(
            conversion: R.usd, lines: [R.custom("100.00", 1)], shipping: .custom(title: "Courier", price: R.money("10.00")),
            taxRates: rates, shippingAddress: R.ontario))
        #expect(result.shipping?.taxLines.map(\.amount) == [80])
        #expect(R.taxLines(result) == ["GST 0.05 5.00", "HST 0.08 8.80"])
        #expect(result.total == 10000 + 1000 + 1380)
    }

    @Test("exemption by the draft or the customer, and by the line")
    func exemptions() {
        var exempt = R.input([R.custom("20.00", 1)], shippingAddress: R.kentucky)
        exempt.taxExempt = true
        #expect(DraftCalculator.calculate(exempt).totalTax == 0)
        var line = R.custom("20.00", 1)
        line.taxable = false
        #expect(DraftCalculator.calculate(R.input([line, R.custom("10.00", 1)], shippingAddress: R.kentucky)).totalTax == 60)
    }

    @Test("an address without the province the shop taxes by gets country taxes and a warning")
    func incompleteAddress() {
        let result = DraftCalculator.calculate(R.input([R.custom("20.00", 1)],
                                                       shippingAddress: MailingAddress(city: "Ottawa", countryCode: "CA")))
        #expect(R.taxLines(result) == ["GST 0.05 1.00"])
        #expect(result.warnings.map(\.code) == ["TAX_ADDRESS_INCOMPLETE"])
        #expect(result.warnings.first?.field == "shippingAddress.provinceCode")
    }

    @Test("JPY has no minor unit; KWD has three")
    func minorUnits() {
        let yen = CurrencyConversion(shopCurrency: .usd, presentment: PresentmentCurrency(code: .jpy, rate: 150))
        let japan = TaxRate(countryCode: CountryCode(rawValue: "JP")!, provinceCode: nil, name: "Consumption tax",
                            rate: ExactDecimal("0.10")!, appliesToShipping: true)
        let result = DraftCalculator.calculate(CalculationInput(
            conversion: yen, lines: [.init(title: "Beanie", price: .catalog(R.money("19.99")), quantity: 1)],
            orderDiscount: R.fixed("0.50"), taxRates: [japan],
            shippingAddress: MailingAddress(city: "Tokyo", countryCode: "JP")))
        #expect(result.lines[0].unitPrice == 2999)  // 2998.5 rounds half away from zero
        #expect(result.orderDiscount == 75)
        #expect(result.totalTax == 292)  // 10% of 2924 = 292.4
        #expect(result.money(result.total).formattedAmount == "3216")
        #expect(result.shopMoney(result.total).formattedAmount == "21.44")

        let kuwait = CurrencyConversion(shopCurrency: .kwd, presentment: nil)
        let vat = TaxRate(countryCode: CountryCode(rawValue: "KW")!, provinceCode: nil, name: "VAT", rate: ExactDecimal("0.05")!,
                          appliesToShipping: false)
        let fils = DraftCalculator.calculate(CalculationInput(
            conversion: kuwait, lines: [.init(title: "Dates", price: .custom(Money("1.234", currency: .kwd)!), quantity: 3)],
            taxRates: [vat], shippingAddress: MailingAddress(countryCode: "KW")))
        #expect(fils.money(fils.subtotal).formattedAmount == "3.702")
        #expect(fils.money(fils.totalTax).formattedAmount == "0.185")
        #expect(fils.money(fils.total).formattedAmount == "3.887")
    }

    @Test("price rounding rounds up to the fraction; other conversions round half away from zero")
    func conversions() {
        let cad = CurrencyConversion(shopCurrency: .usd, presentment: PresentmentCurrency(code: .cad, rate: ExactDecimal("1.25")!,
                                                                                         roundTo: ExactDecimal("0.99")))
        #expect(cad.convertPrice(R.money("10.00")).minorUnits == 1299)  // 12.50
        #expect(cad.convertPrice(R.money("11.99")).minorUnits == 1499)   // 14.9875
        #expect(cad.convertPrice(R.money("12.00")).minorUnits == 1599)   // 15.00 rounds up to 15.99
        #expect(cad.convert(R.money("0.02")).minorUnits == 3)           // 0.025 → 0.03
        #expect(cad.shopAmount(1299).minorUnits == 1039)                // 10.392 → 10.39
    }

    @Test("the trace explains every amount")
    func trace() {
        let input = R.input([R.custom("20.00", 2)], order: R.fixed("10.0"), shippingAddress: R.kentucky)
        let result = DraftCalculator.calculate(input, tracing: true)
        // Tracing changes nothing but the trace, which is left empty unless asked for.
        let untraced = DraftCalculator.calculate(input)
        #expect(untraced.trace.isEmpty)
        var traced = result
        traced.trace = []
        #expect(traced == untraced)
        let kinds = result.trace.map(\.kind)
        #expect(kinds == [.price, .orderDiscount, .allocation, .tax, .total])
        #expect(result.trace[3].description(currency: .usd)
                == "Tax 6% (US-KY rule) of 30.00 USD, at US-KY from the shipping address = 1.80 USD")
        #expect(result.trace[0].description(currency: .usd) == "custom price: 20.00 USD × 2 = 40.00 USD")
        #expect(result.trace[1].description(currency: .usd) == "'Custom' 10.00 USD = 10.00 USD")
        #expect(result.trace[2].subjectDescription == "Line 1 (Custom Tee)")
        #expect(result.trace[3].amount == 180)
    }
}
