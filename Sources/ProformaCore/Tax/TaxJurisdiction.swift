/// Which address a draft is taxed at.
public enum TaxAddressSource: String, Sendable, Hashable {
    case shippingAddress = "SHIPPING_ADDRESS"
    case billingAddress = "BILLING_ADDRESS"
    case shopAddress = "SHOP_ADDRESS"
    case none = "NONE"
}

/// Picks the address taxes are computed for and the rates that apply there.
public enum TaxJurisdiction {
    /// The shipping address, else the billing address, else the shop's address; an address
    /// counts once it names a country.
    public static func taxAddress(shipping: MailingAddress?, billing: MailingAddress?,
                                  shop: MailingAddress?) -> (MailingAddress?, TaxAddressSource) {
        if let shipping, shipping.country != nil { return (shipping, .shippingAddress) }
        if let billing, billing.country != nil { return (billing, .billingAddress) }
        if let shop, shop.country != nil { return (shop, .shopAddress) }
        return (nil, .none)
    }

    /// Every rate for the address's country that is country-wide or for its province.
    public static func rates(for address: MailingAddress, from rates: [TaxRate]) -> [TaxRate] {
        guard let country = address.country else { return [] }
        return rates.filter { rate in
            rate.countryCode == country && (rate.provinceCode == nil || rate.provinceCode == address.provinceCode)
        }
    }

    /// The rates a draft keeps with its settings: those that can apply at `address`, or, when it
    /// names no province, every rate of its country, so that its calculation can still tell
    /// that provinces' rates were left out. Calculating from these gives what calculating from
    /// all the shop's rates gives; a draft keeps two rates rather than a country's fifty.
    public static func snapshot(for address: MailingAddress?, from rates: [TaxRate]) -> [TaxRate] {
        guard let address, let country = address.country else { return [] }
        guard address.provinceCode != nil else { return rates.filter { $0.countryCode == country } }
        return self.rates(for: address, from: rates)
    }

    /// Whether the shop has province-level rates in the address's country that cannot be
    /// applied because the address names no province.
    public static func isMissingProvince(_ address: MailingAddress, rates: [TaxRate]) -> Bool {
        guard let country = address.country, address.provinceCode == nil else { return false }
        return rates.contains { $0.countryCode == country && $0.provinceCode != nil }
    }
}
