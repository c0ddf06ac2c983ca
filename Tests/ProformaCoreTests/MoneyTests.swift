import ProformaCore
import Testing

@Suite("Exact decimals and money")
struct MoneyTests {
    @Test("parsing keeps every digit and refuses what is not a plain decimal")
    func parsing() {
        #expect(ExactDecimal("0.05") == ExactDecimal(significand: 5, scale: 2))
        #expect(ExactDecimal("-12.500")?.normalized.description == "-12.5")
        #expect(ExactDecimal(".5")?.description == "0.5")
        #expect(ExactDecimal("+7")?.description == "7")
        #expect(ExactDecimal("-.5")?.description == "-0.5")
        #expect(ExactDecimal("x12.50".dropFirst())?.description == "12.50")
        for bad in ["", "-", "+", "-+1", ".", "1.2.3", "1e5", " 1", "1,000", "abc", "99999999999999999999", "-\u{301}5", "١٢"] {
            #expect(ExactDecimal(bad) == nil, "\(bad)")
        }
        #expect(ExactDecimal(0.1)?.description == "0.1")
        #expect(ExactDecimal(10.5)?.description == "10.5")
        #expect(ExactDecimal(1e-7)?.description == "0.0000001")
        #expect(ExactDecimal(Double.nan) == nil)
    }

    @Test("a whole Double below 10^15 gives the digits and scale its text, \"15.0\", gives")
    func wholeDoubles() {
        var generator = SystemRandomNumberGenerator()
        let wholes: [Double] = [0, -0.0, 1, -1, 15, 100, 999_999_999_999_999, -999_999_999_999_999]
            + (0..<2_000).map { _ in Double(Int64.random(in: -999_999_999_999_999...999_999_999_999_999, using: &generator)) }
        for double in wholes {
            let value = ExactDecimal(double)
            let parsed = ExactDecimal("\(double)")
            #expect(parsed != nil && value?.significand == parsed?.significand && value?.scale == parsed?.scale, "\(double)")
        }
        #expect(ExactDecimal(15.0)?.description == "15.0")
        #expect(ExactDecimal(1e15)?.description == "1000000000000000.0")
        #expect(ExactDecimal(2e20) == nil)
    }

    @Test("text keeps the scale's digits, a zero before the point, and the sign, at the extremes too")
    func text() {
        let cases: [(Int64, Int, String)] = [
            (0, 0, "0"), (0, 2, "0.00"), (5, 2, "0.05"), (-5, 2, "-0.05"), (12_345, 2, "123.45"), (-7, 0, "-7"),
            (100, 2, "1.00"), (1, 18, "0.000000000000000001"), (.max, 0, "9223372036854775807"),
            (.min, 0, "-9223372036854775808"), (.min, 18, "-9.223372036854775808"), (.max, 18, "9.223372036854775807"),
        ]
        for (significand, scale, text) in cases {
            #expect(ExactDecimal(significand: significand, scale: scale).description == text)
        }
        // Every text reads back as the same digits at the same scale.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let value = ExactDecimal(significand: Int64.random(in: .min ... .max, using: &generator) >> Int.random(in: 0...63),
                                     scale: Int.random(in: 0...ExactDecimal.maximumScale))
            let parsed = ExactDecimal(value.description)
            #expect(parsed?.significand == value.significand && parsed?.scale == value.scale, "\(value)")
        }
    }

    @Test("comparison ignores trailing zeros")
    func comparison() {
        #expect(ExactDecimal("1.50")! == ExactDecimal("1.5")!)
        #expect(Set([ExactDecimal("1.50")!, ExactDecimal("1.5")!]).count == 1)
        #expect(ExactDecimal("0.99")! < ExactDecimal("1")!)
        #expect(ExactDecimal("-2")! < ExactDecimal("-1.5")!)
        #expect((ExactDecimal("0.05")! + ExactDecimal("0.08")!).description == "0.13")
    }

    @Test("rounding is half away from zero")
    func rounding() {
        #expect(ExactDecimal("10.746")!.rounded(toScale: 2).description == "10.75")
        #expect(ExactDecimal("10.745")!.rounded(toScale: 2).description == "10.75")
        #expect(ExactDecimal("10.744")!.rounded(toScale: 2).description == "10.74")
        #expect(ExactDecimal("-10.745")!.rounded(toScale: 2).description == "-10.75")
        #expect(ExactDecimal("2.5")!.rounded(toScale: 0).description == "3")
        #expect(ExactDecimal.divideRoundingHalfAwayFromZero(-5, by: 2) == -3)
        #expect(ExactDecimal.divideRoundingHalfAwayFromZero(5, by: -2) == -3)
        #expect(ExactDecimal.divideRoundingHalfAwayFromZero(7, by: 3) == 2)
        #expect(ExactDecimal.divideRoundingHalfAwayFromZero(-8, by: 3) == -3)
        // Past 64 bits the division takes the wide path, with the same rule.
        let wide = Int128(UInt64.max) * 10 + 5
        #expect(ExactDecimal.divideRoundingHalfAwayFromZero(wide, by: 10) == Int128(UInt64.max) + 1)
        #expect(ExactDecimal.divideRoundingHalfAwayFromZero(-(wide - 1), by: 10) == -Int128(UInt64.max))
        #expect(ExactDecimal.divideRoundingHalfAwayFromZero(Int128(UInt64.max) * 3 + 1, by: Int128(UInt64.max) * 2) == 2)
        // 6% of 179.10 is 10.746: the reference's tax line of 10.75.
        #expect(ExactDecimal("0.06")!.applied(to: 17910) == 1075)
    }

    @Test("money parses exactly in the currency's minor unit")
    func money() {
        #expect(Money("20.00", currency: .usd)?.minorUnits == 2000)
        #expect(Money("19.5", currency: .usd)?.minorUnits == 1950)
        #expect(Money("10.005", currency: .usd) == nil)
        #expect(Money("1000", currency: .jpy)?.minorUnits == 1000)
        #expect(Money("1000.5", currency: .jpy) == nil)
        #expect(Money("1.234", currency: .kwd)?.minorUnits == 1234)
        #expect(Money(minorUnits: 2000, currency: .usd).formattedAmount == "20.00")
        #expect(Money(minorUnits: 1234, currency: .kwd).formattedAmount == "1.234")
        #expect(Money(minorUnits: 1000, currency: .jpy).formattedAmount == "1000")
    }

    @Test("GraphQL amounts drop trailing zeros but keep one fraction digit, as Shopify writes them")
    func graphQLAmounts() {
        #expect(Money(minorUnits: 420, currency: .usd).graphQLAmount == "4.2")
        #expect(Money(minorUnits: 6000, currency: .usd).graphQLAmount == "60.0")
        #expect(Money(minorUnits: 0, currency: .usd).graphQLAmount == "0.0")
        #expect(Money(minorUnits: 2034, currency: .usd).graphQLAmount == "20.34")
        #expect(Money(minorUnits: 1500, currency: .jpy).graphQLAmount == "1500.0")
    }

    @Test("currency codes know their minor units")
    func currencies() {
        #expect(CurrencyCode(rawValue: "usd") == .usd)
        #expect(CurrencyCode(rawValue: "XYZ") == nil)
        #expect(CurrencyCode.jpy.minorUnitDigits == 0)
        #expect(CurrencyCode.kwd.minorUnitDigits == 3)
        #expect(CurrencyCode.eur.minorUnitDigits == 2)
    }
}
