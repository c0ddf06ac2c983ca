/// A merchant: the tenant that owns every other row.
public struct Shop: Sendable, Hashable {
    public var id: ShopID
    public var profile: ShopProfile
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// Increases whenever the shop's settings change.
    public var settingsVersion: Int64

    public init(id: ShopID, profile: ShopProfile, createdAt: Timestamp, updatedAt: Timestamp, settingsVersion: Int64 = 1) {
        self.id = id
        self.profile = profile
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.settingsVersion = settingsVersion
    }

    public var name: String { profile.name }
    public var currency: CurrencyCode { profile.currency }
}

/// What the merchant configures about the shop itself.
public struct ShopProfile: Sendable, Hashable {
    public var name: String
    public var email: String
    public var currency: CurrencyCode
    public var taxesIncluded: Bool
    public var address: MailingAddress
    /// The host customers know the shop by; invoice links use the server's public URL.
    public var domain: String?
    public var weightUnit: WeightUnit

    public init(
        name: String, email: String, currency: CurrencyCode, taxesIncluded: Bool,
        address: MailingAddress, domain: String? = nil, weightUnit: WeightUnit = .kilograms
    ) {
        self.name = name
        self.email = email
        self.currency = currency
        self.taxesIncluded = taxesIncluded
        self.address = address
        self.domain = domain
        self.weightUnit = weightUnit
    }
}

/// A place that stocks inventory.
public struct Location: Sendable, Hashable {
    public var id: LocationID
    public var name: String
    public var address: MailingAddress
    public var isActive: Bool
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: LocationID, name: String, address: MailingAddress, isActive: Bool = true,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id
        self.name = name
        self.address = address
        self.isActive = isActive
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A tax that applies in a country, or in one province of it when `provinceCode` is set.
/// Every rate that matches an address applies, so a province rate stacks on a federal one.
public struct TaxRate: Sendable, Hashable, Codable {
    public var id: TaxRateID?
    public var countryCode: CountryCode
    public var provinceCode: String?
    public var name: String
    public var rate: ExactDecimal
    /// Whether this jurisdiction taxes shipping charges too.
    public var appliesToShipping: Bool

    public init(id: TaxRateID? = nil, countryCode: CountryCode, provinceCode: String?, name: String,
                rate: ExactDecimal, appliesToShipping: Bool) {
        self.id = id
        self.countryCode = countryCode
        self.provinceCode = provinceCode
        self.name = name
        self.rate = rate
        self.appliesToShipping = appliesToShipping
    }
}

/// A flat shipping price offered when the destination and the order meet its conditions.
public struct ShippingRate: Sendable, Hashable {
    public var id: ShippingRateID?
    public var name: String
    public var countryCodes: [CountryCode]
    /// Price in the shop's currency.
    public var price: Money
    public var minSubtotal: Money?
    public var maxSubtotal: Money?
    public var minWeightGrams: Int64?
    public var maxWeightGrams: Int64?

    public init(id: ShippingRateID? = nil, name: String, countryCodes: [CountryCode], price: Money,
                minSubtotal: Money? = nil, maxSubtotal: Money? = nil,
                minWeightGrams: Int64? = nil, maxWeightGrams: Int64? = nil) {
        self.id = id
        self.name = name
        self.countryCodes = countryCodes
        self.price = price
        self.minSubtotal = minSubtotal
        self.maxSubtotal = maxSubtotal
        self.minWeightGrams = minWeightGrams
        self.maxWeightGrams = maxWeightGrams
    }

    /// How drafts name the rate (`shippingRateHandle`): made from its name, which settings keep
    /// unique, so that it survives the rate being saved again (`proforma-rate-express-48h`).
    public var handle: String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return "proforma-rate-" + slug
    }
}

/// A currency buyers may be invoiced in, with its rate from the shop's currency and the
/// rounding rule applied to converted prices.
public struct PresentmentCurrency: Sendable, Hashable {
    public var code: CurrencyCode
    /// Units of this currency per unit of the shop's currency.
    public var rate: ExactDecimal
    /// Converted prices round up to the nearest amount ending in this fraction
    /// ("0.99": 12.50 → 12.99); nil rounds to the minor unit.
    public var roundTo: ExactDecimal?

    public init(code: CurrencyCode, rate: ExactDecimal, roundTo: ExactDecimal? = nil) {
        self.code = code
        self.rate = rate
        self.roundTo = roundTo
    }
}

/// A payment gateway as the shop set it up: its name and which kind of gateway takes the money.
public struct PaymentGatewayAccount: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Recorded by staff: bank deposit, cash on delivery, money order.
        case manual
        /// A test gateway following Shopify's test-card rules.
        case bogus
    }

    public var id: PaymentGatewayID?
    public var name: String
    public var kind: Kind

    public init(id: PaymentGatewayID? = nil, name: String, kind: Kind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}
