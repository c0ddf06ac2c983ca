import ProformaCore
import Testing

/// Invariants that must hold for any draft, checked on thousands of generated ones.
@Suite("Calculator properties")
struct CalculatorPropertyTests {
    /// SplitMix64: a small, seedable generator so that a failure can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomDiscount(_ random: inout SeededGenerator) -> AppliedDiscount? {
        switch Int.random(in: 0..<3, using: &random) {
        case 0: return nil
        case 1: return AppliedDiscount(valueType: .percentage,
                                       value: ExactDecimal(significand: Int64.random(in: 0...10_000, using: &random), scale: 2))
        default: return AppliedDiscount(valueType: .fixedAmount,
                                        value: ExactDecimal(significand: Int64.random(in: 0...50_000, using: &random), scale: 2))
        }
    }

    static func randomInput(_ random: inout SeededGenerator) -> CalculationInput {
        let currencies: [PresentmentCurrency?] = [
            nil, PresentmentCurrency(code: .cad, rate: ExactDecimal("1.3721")!, roundTo: ExactDecimal("0.99")),
            PresentmentCurrency(code: .jpy, rate: 151), PresentmentCurrency(code: .kwd, rate: ExactDecimal("0.307")!),
        ]
        let conversion = CurrencyConversion(shopCurrency: .usd, presentment: currencies.randomElement(using: &random)!)
        let lines = (0..<Int.random(in: 1...12, using: &random)).map { index in
            CalculationInput.Line(
                title: "L\(index)",
                price: .catalog(Money(minorUnits: Int64.random(in: 0...100_000, using: &random), currency: .usd)),
                quantity: Int.random(in: 1...20, using: &random), discount: randomDiscount(&random),
                taxable: Bool.random(using: &random), grams: Int64.random(in: 0...5000, using: &random))
        }
        let rates = [
            TaxRate(countryCode: .canada, provinceCode: nil, name: "GST", rate: ExactDecimal("0.05")!, appliesToShipping: true),
            TaxRate(countryCode: .canada, provinceCode: "QC", name: "QST", rate: ExactDecimal("0.09975")!, appliesToShipping: true),
        ]
        return CalculationInput(
            conversion: conversion, taxesIncluded: Bool.random(using: &random), lines: lines,
            orderDiscount: randomDiscount(&random),
            shipping: Bool.random(using: &random) ? .custom(title: "S", price: Money(minorUnits: Int64.random(in: 0...5000, using: &random),
                                                                                   currency: .usd)) : nil,
            taxRates: rates, shippingAddress: MailingAddress(provinceCode: "QC", countryCode: "CA"),
            taxExempt: Int.random(in: 0..<10, using: &random) == 0)
    }

    @Test("allocations sum exactly, nothing is negative, totals add up, fixed discounts stay within their base")
    func invariants() {
        var random = SeededGenerator(state: 20_261_123)
        for iteration in 0..<3000 {
            let input = Self.randomInput(&random)
            let result = DraftCalculator.calculate(input)
            let context = "iteration \(iteration)"
            #expect(result.lines.reduce(0) { $0 + $1.orderDiscountAllocation } == result.orderDiscount, "\(context)")
            #expect(result.orderDiscount <= result.lineItemsSubtotal, "\(context)")
            for line in result.lines {
                #expect(line.discount >= 0 && line.discount <= line.originalTotal, "\(context)")
                #expect(line.orderDiscountAllocation >= 0 && line.orderDiscountAllocation <= line.discountedTotal, "\(context)")
                #expect(line.taxLines.allSatisfy { $0.amount >= 0 }, "\(context)")
            }
            #expect(result.subtotal >= 0 && result.totalTax >= 0 && result.total >= 0, "\(context)")
            #expect(result.subtotal == result.lineItemsSubtotal - result.orderDiscount, "\(context)")
            #expect(result.totalDiscounts == result.lines.reduce(0) { $0 + $1.discount } + result.orderDiscount, "\(context)")
            let shipping = result.shipping?.price ?? 0
            if input.taxesIncluded {
                #expect(result.total == result.subtotal + shipping, "\(context)")
            } else {
                #expect(result.total == result.subtotal + shipping + result.totalTax, "\(context)")
            }
            #expect(result.taxLines.reduce(0) { $0 + $1.amount } == result.totalTax, "\(context)")
            if input.taxExempt { #expect(result.totalTax == 0, "\(context)") }
        }
    }
}
