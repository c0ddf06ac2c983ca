import ProformaCore

/// The JSON shapes several REST resources share: addresses, customers, money bags, tax lines
/// and discounts, written the way Shopify's REST Admin API writes them.
enum RESTShapes {
    static func gid(_ type: String, _ id: Int64) -> RESTValue { .string("gid://shopify/\(type)/\(id)") }

    static func tags(_ tags: [String]) -> RESTValue { .string(tags.joined(separator: ", ")) }

    /// `{"shop_money": {...}, "presentment_money": {...}}`.
    static func moneySet(shop: Money, presentment: Money) -> RESTValue {
        ["shop_money": money(shop), "presentment_money": money(presentment)]
    }

    private static func money(_ value: Money) -> RESTValue {
        ["amount": .money(value), "currency_code": .string(value.currency.rawValue)]
    }

    /// An amount of a draft's calculation, in the shop's currency, as the plain REST fields show it.
    static func shopMoney(_ units: Int64, _ calculation: DraftCalculation) -> RESTValue {
        .money(calculation.shopMoney(units))
    }

    /// An amount of a draft's calculation in both currencies.
    static func moneySet(_ units: Int64, _ calculation: DraftCalculation) -> RESTValue {
        moneySet(shop: calculation.shopMoney(units), presentment: calculation.money(units))
    }

    static func address(_ address: MailingAddress?) -> RESTValue {
        guard let address else { return .null }
        return .object(addressFields(address))
    }

    static func addressFields(_ address: MailingAddress) -> RESTObject {
        let name = [address.firstName, address.lastName].compactMap { $0 }.joined(separator: " ")
        return [
            "first_name": .text(address.firstName), "address1": .text(address.address1), "phone": .text(address.phone),
            "city": .text(address.city), "zip": .text(address.zip),
            "province": .text(address.provinceName ?? address.provinceCode), "country": .text(address.countryName),
            "last_name": .text(address.lastName), "address2": .text(address.address2), "company": .text(address.company),
            "latitude": nil, "longitude": nil, "name": .string(name), "country_code": .text(address.countryCode),
            "province_code": .text(address.provinceCode),
        ]
    }

    static func customerAddress(_ address: CustomerAddress, customer: Customer) -> RESTObject {
        var fields: RESTObject = ["id": .int(address.id.rawValue), "customer_id": .int(customer.id.rawValue)]
        for field in addressFields(address.address).fields where !["latitude", "longitude"].contains(field.key) {
            fields[field.key] = field.value
        }
        fields["country_name"] = .text(address.address.countryName)
        fields["default"] = .bool(address.id == customer.defaultAddressID)
        return fields
    }

    static func customer(_ customer: Customer) -> RESTObject {
        var fields: RESTObject = [
            "id": .int(customer.id.rawValue), "email": .text(customer.email),
            "created_at": .time(customer.createdAt), "updated_at": .time(customer.updatedAt),
            "first_name": .text(customer.firstName), "last_name": .text(customer.lastName),
            "state": .string(customer.state.rawValue.lowercased()), "note": .text(customer.note),
            "verified_email": true, "multipass_identifier": nil, "tax_exempt": .bool(customer.taxExempt),
            "tags": tags(customer.tags), "phone": .text(customer.phone), "tax_exemptions": [],
            "email_marketing_consent": customer.email == nil ? nil : [
                "state": customer.acceptsMarketing ? "subscribed" : "not_subscribed", "opt_in_level": "single_opt_in",
                "consent_updated_at": nil,
            ],
            "admin_graphql_api_id": gid("Customer", customer.id.rawValue),
        ]
        fields["addresses"] = .array(customer.addresses.map { .object(customerAddress($0, customer: customer)) })
        fields["default_address"] = customer.defaultAddress.map { .object(customerAddress($0, customer: customer)) } ?? .null
        return fields
    }

    static func taxLines(_ lines: [DraftCalculation.TaxLine], _ calculation: DraftCalculation) -> RESTValue {
        .array(lines.map { line in
            ["rate": .number(line.rate.description), "title": .string(line.title),
             "price": shopMoney(line.amount, calculation), "price_set": moneySet(line.amount, calculation)]
        })
    }

    /// An applied discount with the amount it came to.
    static func appliedDiscount(_ discount: AppliedDiscount?, amount: Int64, _ calculation: DraftCalculation) -> RESTValue {
        guard let discount else { return .null }
        return [
            "description": .string(discount.description), "value": .string(discount.value.description),
            "title": .text(discount.title), "amount": shopMoney(amount, calculation),
            "value_type": .string(discount.valueType == .percentage ? "percentage" : "fixed_amount"),
        ]
    }

    static func attributes(_ attributes: [Attribute]) -> RESTValue {
        .array(attributes.map { ["name": .string($0.key), "value": .string($0.value)] })
    }
}
