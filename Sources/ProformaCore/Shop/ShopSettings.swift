/// The whole configuration of a shop, applied at once by `settings import` and the demo.
public struct ShopSettings: Sendable, Hashable {
    public var profile: ShopProfile
    public var locations: [LocationSettings]
    public var taxRates: [TaxRate]
    public var shippingRates: [ShippingRate]
    public var currencies: [PresentmentCurrency]
    public var paymentGateways: [PaymentGatewayAccount]

    public init(profile: ShopProfile, locations: [LocationSettings], taxRates: [TaxRate],
                shippingRates: [ShippingRate], currencies: [PresentmentCurrency],
                paymentGateways: [PaymentGatewayAccount]) {
        self.profile = profile
        self.locations = locations
        self.taxRates = taxRates
        self.shippingRates = shippingRates
        self.currencies = currencies
        self.paymentGateways = paymentGateways
    }
}

public struct LocationSettings: Sendable, Hashable {
    public var name: String
    public var address: MailingAddress

    public init(name: String, address: MailingAddress) {
        self.name = name
        self.address = address
    }
}

/// The settings document as written by a person: text where the typed model has codes and
/// exact decimals. `validated()` turns it into `ShopSettings` or says what is wrong where.
public struct ShopSettingsInput: Sendable, Hashable, Decodable {
    public struct ShopInput: Sendable, Hashable, Decodable {
        public var name: String
        public var email: String
        public var currency: String
        public var taxesIncluded: Bool?
        public var address: MailingAddressDraft
        public var domain: String?
        public var weightUnit: String?
    }

    public struct LocationInput: Sendable, Hashable, Decodable {
        public var name: String
        public var address: MailingAddressDraft
    }

    public struct TaxRateInput: Sendable, Hashable, Decodable {
        public var countryCode: String
        public var provinceCode: String?
        public var name: String
        public var rate: String
        public var shipping: Bool?

        public init(countryCode: String, provinceCode: String?, name: String, rate: String, shipping: Bool?) {
            self.countryCode = countryCode
            self.provinceCode = provinceCode
            self.name = name
            self.rate = rate
            self.shipping = shipping
        }
    }

    public struct ShippingRateInput: Sendable, Hashable, Decodable {
        public var name: String
        public var countryCodes: [String]
        public var price: String
        public var minSubtotal: String?
        public var maxSubtotal: String?
        public var minWeightGrams: Int64?
        public var maxWeightGrams: Int64?

        public init(name: String, countryCodes: [String], price: String, minSubtotal: String? = nil,
                    maxSubtotal: String? = nil, minWeightGrams: Int64? = nil, maxWeightGrams: Int64? = nil) {
            self.name = name
            self.countryCodes = countryCodes
            self.price = price
            self.minSubtotal = minSubtotal
            self.maxSubtotal = maxSubtotal
            self.minWeightGrams = minWeightGrams
            self.maxWeightGrams = maxWeightGrams
        }
    }

    public struct CurrencyInput: Sendable, Hashable, Decodable {
        public var code: String
        public var rate: String
        public var roundTo: String?
    }

    public struct PaymentGatewayInput: Sendable, Hashable, Decodable {
        public var name: String
        public var kind: String

        public init(name: String, kind: String) {
            self.name = name
            self.kind = kind
        }
    }

    public var shop: ShopInput
    public var locations: [LocationInput]?
    public var taxRates: [TaxRateInput]?
    public var shippingRates: [ShippingRateInput]?
    public var currencies: [CurrencyInput]?
    public var paymentGateways: [PaymentGatewayInput]?

    /// Checks every entry and returns the typed settings, or every problem with its path
    /// (`["taxRates", "1", "rate"]`).
    public func validated() -> Result<ShopSettings, ValidationErrors> {
        var errors = ValidationErrors()

        let currency = CurrencyCode(rawValue: shop.currency)
        if currency == nil { errors.add(["shop", "currency"], "is not an ISO 4217 currency code") }
        let shopCurrency = currency ?? .usd
        if shop.name.trimmingWhitespace().isEmpty { errors.add(["shop", "name"], "must not be blank") }
        if !EmailAddress.isValid(shop.email) { errors.add(["shop", "email"], "is not a valid email address") }
        let address = Self.address(shop.address, at: ["shop", "address"], requireCountry: true, into: &errors)
        var weightUnit = WeightUnit.kilograms
        if let text = shop.weightUnit {
            if let unit = WeightUnit(rawValue: text.uppercased()) { weightUnit = unit } else {
                errors.add(["shop", "weightUnit"], "must be one of GRAMS, KILOGRAMS, OUNCES, POUNDS")
            }
        }

        var locations: [LocationSettings] = []
        var locationNames = Set<String>()
        for (index, location) in (self.locations ?? []).enumerated() {
            let path = ["locations", String(index)]
            let name = location.name.trimmingWhitespace()
            if name.isEmpty { errors.add(path + ["name"], "must not be blank") }
            if !locationNames.insert(name.lowercased()).inserted {
                errors.add(path + ["name"], "duplicates another location's name")
            }
            let address = Self.address(location.address, at: path + ["address"], requireCountry: true, into: &errors)
            locations.append(LocationSettings(name: name, address: address))
        }

        let taxRates = Self.taxRates(self.taxRates ?? [], into: &errors)
        let shippingRates = Self.shippingRates(self.shippingRates ?? [], currency: shopCurrency, into: &errors)
        var currencies: [PresentmentCurrency] = []
        var seenCurrencies = Set<CurrencyCode>()
        for (index, input) in (self.currencies ?? []).enumerated() {
            let path = ["currencies", String(index)]
            let code = CurrencyCode(rawValue: input.code)
            if code == nil { errors.add(path + ["code"], "is not an ISO 4217 currency code") }
            if let code, code == shopCurrency { errors.add(path + ["code"], "is the shop's own currency") }
            if let code, !seenCurrencies.insert(code).inserted { errors.add(path + ["code"], "is listed twice") }
            let rate = ExactDecimal(input.rate)
            if rate == nil || rate! <= .zero { errors.add(path + ["rate"], "must be a positive decimal string like \"1.25\"") }
            if let rate, rate > .zero, rate < ExactDecimal("0.000001")! || rate > ExactDecimal(1_000_000) {
                errors.add(path + ["rate"], "must be between 0.000001 and 1000000")
            }
            var roundTo: ExactDecimal?
            if let text = input.roundTo {
                roundTo = ExactDecimal(text)
                if let value = roundTo, let code {
                    if value.isNegative || value >= .one || value.normalized.scale > code.minorUnitDigits {
                        errors.add(path + ["roundTo"], "must be a fraction below 1 in the currency's minor unit, like \"0.99\"")
                    }
                } else if roundTo == nil {
                    errors.add(path + ["roundTo"], "must be a decimal string like \"0.99\"")
                }
            }
            if let code, let rate {
                currencies.append(PresentmentCurrency(code: code, rate: rate, roundTo: roundTo))
            }
        }

        let gateways = Self.paymentGateways(self.paymentGateways ?? [], into: &errors)

        guard errors.isEmpty else { return .failure(errors) }
        let profile = ShopProfile(
            name: shop.name.trimmingWhitespace(), email: shop.email.trimmingWhitespace(), currency: shopCurrency,
            taxesIncluded: shop.taxesIncluded ?? false, address: address,
            domain: shop.domain.cleaned, weightUnit: weightUnit)
        return .success(ShopSettings(profile: profile, locations: locations, taxRates: taxRates,
                                     shippingRates: shippingRates, currencies: currencies, paymentGateways: gateways))
    }

    /// Tax rates as the settings document lists them, under `taxRates.N` in `errors`.
    public static func taxRates(_ inputs: [TaxRateInput], into errors: inout ValidationErrors) -> [TaxRate] {
        var taxRates: [TaxRate] = []
        for (index, input) in inputs.enumerated() {
            let path = ["taxRates", String(index)]
            let country = CountryCode(rawValue: input.countryCode)
            if country == nil { errors.add(path + ["countryCode"], "is not an ISO 3166 country code") }
            var province: String?
            if let code = input.provinceCode {
                if let country, Geography.hasProvinces(country) {
                    province = Geography.provinceCode(matching: code, in: country)
                    if province == nil { errors.add(path + ["provinceCode"], "is not a province of \(country)") }
                } else {
                    province = code.uppercased()
                }
            }
            let rate = ExactDecimal(input.rate)
            if let rate {
                if rate.isNegative || rate > .one { errors.add(path + ["rate"], "must be between 0 and 1 (\"0.05\" is 5%)") }
            } else {
                errors.add(path + ["rate"], "must be a decimal string like \"0.05\"")
            }
            if input.name.trimmingWhitespace().isEmpty { errors.add(path + ["name"], "must not be blank") }
            if let country, let rate {
                taxRates.append(TaxRate(countryCode: country, provinceCode: province, name: input.name.trimmingWhitespace(),
                                        rate: rate, appliesToShipping: input.shipping ?? false))
            }
        }
        return taxRates
    }

    /// Shipping rates priced in `currency`, under `shippingRates.N` in `errors`.
    public static func shippingRates(_ inputs: [ShippingRateInput], currency: CurrencyCode,
                                     into errors: inout ValidationErrors) -> [ShippingRate] {
        var shippingRates: [ShippingRate] = []
        var shippingHandles = Set<String>()
        for (index, input) in inputs.enumerated() {
            let path = ["shippingRates", String(index)]
            if input.name.trimmingWhitespace().isEmpty { errors.add(path + ["name"], "must not be blank") }
            var countries: [CountryCode] = []
            if input.countryCodes.isEmpty { errors.add(path + ["countryCodes"], "must name at least one country") }
            for (countryIndex, code) in input.countryCodes.enumerated() {
                if let country = CountryCode(rawValue: code) { countries.append(country) } else {
                    errors.add(path + ["countryCodes", String(countryIndex)], "is not an ISO 3166 country code")
                }
            }
            let price = Self.money(input.price, currency, at: path + ["price"], into: &errors)
            let minSubtotal = input.minSubtotal.flatMap { Self.money($0, currency, at: path + ["minSubtotal"], into: &errors) }
            let maxSubtotal = input.maxSubtotal.flatMap { Self.money($0, currency, at: path + ["maxSubtotal"], into: &errors) }
            if let minSubtotal, let maxSubtotal, minSubtotal.minorUnits > maxSubtotal.minorUnits {
                errors.add(path + ["maxSubtotal"], "must not be less than minSubtotal")
            }
            for (key, value) in [("minWeightGrams", input.minWeightGrams), ("maxWeightGrams", input.maxWeightGrams)] {
                if let value, value < 0 { errors.add(path + [key], "must not be negative") }
            }
            if let low = input.minWeightGrams, let high = input.maxWeightGrams, low > high {
                errors.add(path + ["maxWeightGrams"], "must not be less than minWeightGrams")
            }
            let rate = ShippingRate(
                name: input.name.trimmingWhitespace(), countryCodes: countries, price: price ?? .zero(currency),
                minSubtotal: minSubtotal, maxSubtotal: maxSubtotal,
                minWeightGrams: input.minWeightGrams, maxWeightGrams: input.maxWeightGrams)
            if !rate.name.isEmpty, !shippingHandles.insert(rate.handle).inserted {
                errors.add(path + ["name"], "is too like another rate's name: both would be \(rate.handle)")
            }
            if price != nil { shippingRates.append(rate) }
        }
        return shippingRates
    }

    /// Payment gateways, under `paymentGateways.N` in `errors`.
    public static func paymentGateways(_ inputs: [PaymentGatewayInput],
                                       into errors: inout ValidationErrors) -> [PaymentGatewayAccount] {
        var gateways: [PaymentGatewayAccount] = []
        var gatewayNames = Set<String>()
        for (index, input) in inputs.enumerated() {
            let path = ["paymentGateways", String(index)]
            let name = input.name.trimmingWhitespace()
            if name.isEmpty { errors.add(path + ["name"], "must not be blank") }
            if !gatewayNames.insert(name.lowercased()).inserted { errors.add(path + ["name"], "duplicates another gateway's name") }
            guard let kind = PaymentGatewayAccount.Kind(rawValue: input.kind) else {
                let kinds = PaymentGatewayAccount.Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                errors.add(path + ["kind"], "must be \(kinds)")
                continue
            }
            gateways.append(PaymentGatewayAccount(name: name, kind: kind))
        }
        return gateways
    }

    private static func address(_ input: MailingAddressDraft, at path: [String], requireCountry: Bool,
                                into errors: inout ValidationErrors) -> MailingAddress {
        switch input.resolve() {
        case .success(let address):
            if requireCountry, address.countryCode == nil { errors.add(path + ["countryCode"], "is required") }
            return address
        case .failure(let problems):
            errors.add(problems, under: path)
            return MailingAddress()
        }
    }

    private static func money(_ text: String, _ currency: CurrencyCode, at path: [String],
                              into errors: inout ValidationErrors) -> Money? {
        guard let money = Money(text, currency: currency) else {
            errors.add(path, "must be a decimal string with at most \(currency.minorUnitDigits) fraction digits, like \"10.00\"")
            return nil
        }
        if money.isNegative {
            errors.add(path, "must not be negative")
            return nil
        }
        return money
    }
}
