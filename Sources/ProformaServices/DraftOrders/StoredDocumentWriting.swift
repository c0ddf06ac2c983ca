import ProformaCore
import ProformaJSON

/// The parts a draft's stored documents share, written as `Encodable` writes them: keys in
/// ascending byte order, absent optionals left out, decimals as their text. Each document
/// written with these has a test that holds it to the encoder's text.
extension JSONStreamWriter {
    mutating func money(_ money: Money) {
        object { json in
            json.key("amount")
            json.integer(money.minorUnits)
            json.key("currency")
            json.string(money.currency.rawValue)
        }
    }

    mutating func appliedDiscount(_ discount: AppliedDiscount) {
        object { json in
            if let amount = discount.amountWithCurrency {
                json.key("amountWithCurrency")
                json.money(amount)
            }
            json.key("description")
            json.string(discount.description)
            json.optional("title", discount.title)
            json.key("value")
            json.string(discount.value.description)
            json.key("valueType")
            json.string(discount.valueType.rawValue)
        }
    }

    mutating func attributes(_ attributes: [Attribute]) {
        array { json in
            for attribute in attributes {
                json.object { json in
                    json.key("key")
                    json.string(attribute.key)
                    json.key("value")
                    json.string(attribute.value)
                }
            }
        }
    }

    mutating func strings(_ values: [String]) {
        array { json in
            for value in values { json.string(value) }
        }
    }

    /// `key` and the value, when there is one.
    mutating func optional(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    /// `key` and the value, when there is one.
    mutating func optional(_ key: StaticString, _ value: Int64?) {
        guard let value else { return }
        self.key(key)
        integer(value)
    }

    mutating func mailingAddress(_ address: MailingAddress) {
        object { json in
            json.optional("address1", address.address1)
            json.optional("address2", address.address2)
            json.optional("city", address.city)
            json.optional("company", address.company)
            json.optional("countryCode", address.countryCode)
            json.optional("firstName", address.firstName)
            json.optional("lastName", address.lastName)
            json.optional("phone", address.phone)
            json.optional("provinceCode", address.provinceCode)
            json.optional("zip", address.zip)
        }
    }
}
