import Foundation
import ProformaCore
import Testing

@Suite("Settings validation")
struct SettingsValidationTests {
    private func decode(_ json: String) throws -> ShopSettingsInput {
        try JSONDecoder().decode(ShopSettingsInput.self, from: Data(json.utf8))
    }

    @Test("a good document becomes typed settings")
    func valid() throws {
        let settings = try decode("""
            {"shop": {"name": "Shop", "email": "a@b.co", "currency": "usd",
                      "address": {"countryCode": "US", "provinceCode": "ky"}},
             "taxRates": [{"countryCode": "CA", "provinceCode": "Ontario", "name": "HST", "rate": "0.13", "shipping": true}],
             "currencies": [{"code": "JPY", "rate": "150", "roundTo": "0"}]}
            """).validated().get()
        #expect(settings.profile.currency == .usd)
        #expect(settings.profile.address.provinceCode == "KY")
        #expect(settings.taxRates[0].provinceCode == "ON")
        #expect(settings.currencies[0].roundTo == ExactDecimal("0"))
    }

    @Test("every problem is reported with its path")
    func invalid() throws {
        let result = try decode("""
            {"shop": {"name": " ", "email": "nope", "currency": "XXX", "address": {"countryCode": "ZZ"}},
             "locations": [{"name": "A", "address": {"countryCode": "US"}}, {"name": "a", "address": {}}],
             "taxRates": [{"countryCode": "CA", "provinceCode": "XX", "name": "GST", "rate": "5%"}],
             "shippingRates": [{"name": "S", "countryCodes": ["US", "Narnia"], "price": "1.001", "minSubtotal": "20", "maxSubtotal": "10"}],
             "currencies": [{"code": "CAD", "rate": "-1", "roundTo": "1.5"}],
             "paymentGateways": [{"name": "Cash", "kind": "cash"}]}
            """).validated()
        guard case .failure(let errors) = result else { Issue.record("expected errors"); return }
        let paths = Set(errors.errors.compactMap { $0.field?.joined(separator: ".") })
        let expected: Set<String> = [
            "shop.name", "shop.email", "shop.currency", "shop.address.countryCode", "locations.1.name",
            "locations.1.address.countryCode", "taxRates.0.provinceCode", "taxRates.0.rate",
            "shippingRates.0.countryCodes.1", "shippingRates.0.price", "shippingRates.0.maxSubtotal",
            "currencies.0.rate", "currencies.0.roundTo", "paymentGateways.0.kind",
        ]
        #expect(paths == expected)
    }

    @Test("rates whose handles would collide and currency rates out of range are refused")
    func handlesAndRates() throws {
        let result = try decode("""
            {"shop": {"name": "S", "email": "s@example.com", "currency": "USD", "address": {"countryCode": "US"}},
             "shippingRates": [{"name": "Express!", "countryCodes": ["US"], "price": "5"},
                               {"name": "express", "countryCodes": ["US"], "price": "6"}],
             "currencies": [{"code": "CAD", "rate": "10000000"}, {"code": "EUR", "rate": "0.0000001"},
                            {"code": "JPY", "rate": "150"}]}
            """).validated()
        guard case .failure(let errors) = result else { Issue.record("expected errors"); return }
        #expect(Set(errors.errors.compactMap { $0.field?.joined(separator: ".") })
                == ["shippingRates.1.name", "currencies.0.rate", "currencies.1.rate"])
    }
}
