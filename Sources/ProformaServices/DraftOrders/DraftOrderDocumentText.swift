import ProformaCore
import ProformaJSON

/// A draft's own document as the store keeps it: the text `Encodable` gives (keys sorted),
/// written directly. Every create and every change to a draft writes one, and through
/// `Encodable` it was about 3% of a create's CPU. `DraftOrderDocument`'s `Decodable` reads it
/// back; a test holds the two to the same text, and fails when the document or a type in it
/// gains a property this does not write.
extension DraftOrderDocument {
    public var storedText: String {
        JSONStreamWriter.write(capacity: 1024) { json in
            json.object { json in
                json.key("acceptAutomaticDiscounts")
                json.bool(acceptAutomaticDiscounts)
                json.key("allowDiscountCodesInCheckout")
                json.bool(allowDiscountCodesInCheckout)
                if let appliedDiscount {
                    json.key("appliedDiscount")
                    json.appliedDiscount(appliedDiscount)
                }
                if let billingAddress {
                    json.key("billingAddress")
                    json.mailingAddress(billingAddress)
                }
                json.key("customAttributes")
                json.attributes(customAttributes)
                json.key("discountCodes")
                json.strings(discountCodes)
                json.key("originalTags")
                json.strings(originalTags)
                if let paymentTerms {
                    json.key("paymentTerms")
                    Self.write(paymentTerms, to: &json)
                }
                json.key("settings")
                Self.write(settings, to: &json)
                if let shippingAddress {
                    json.key("shippingAddress")
                    json.mailingAddress(shippingAddress)
                }
                if let shippingLine {
                    json.key("shippingLine")
                    json.object { json in
                        json.key("price")
                        json.money(shippingLine.price)
                        json.optional("rateHandle", shippingLine.rateHandle)
                        json.key("title")
                        json.string(shippingLine.title)
                    }
                }
                json.key("taxExempt")
                json.bool(taxExempt)
                json.key("visibleToCustomer")
                json.bool(visibleToCustomer)
            }
        }
    }

    private static func write(_ terms: DraftPaymentTerms, to json: inout JSONStreamWriter) {
        json.object { json in
            json.optional("dueAt", terms.dueAt?.millisecondsSince1970)
            json.optional("issuedAt", terms.issuedAt?.millisecondsSince1970)
            json.key("templateID")
            json.integer(terms.templateID)
        }
    }

    private static func write(_ settings: CalculationSettings, to json: inout JSONStreamWriter) {
        json.object { json in
            json.key("conversion")
            json.object { json in
                let conversion = settings.conversion
                json.key("presentmentCurrency")
                json.string(conversion.presentmentCurrency.rawValue)
                json.key("rate")
                json.string(conversion.rate.description)
                json.optional("roundTo", conversion.roundTo?.description)
                json.key("shopCurrency")
                json.string(conversion.shopCurrency.rawValue)
            }
            if let shopAddress = settings.shopAddress {
                json.key("shopAddress")
                json.mailingAddress(shopAddress)
            }
            json.key("taxExempt")
            json.bool(settings.taxExempt)
            json.key("taxRates")
            json.array { json in
                for rate in settings.taxRates {
                    json.object { json in
                        json.key("appliesToShipping")
                        json.bool(rate.appliesToShipping)
                        json.key("countryCode")
                        json.string(rate.countryCode.rawValue)
                        json.optional("id", rate.id?.rawValue)
                        json.key("name")
                        json.string(rate.name)
                        json.optional("provinceCode", rate.provinceCode)
                        json.key("rate")
                        json.string(rate.rate.description)
                    }
                }
            }
            json.key("taxesIncluded")
            json.bool(settings.taxesIncluded)
        }
    }

    /// The properties `storedText` writes of each type, for the test that notices a new one.
    static let writtenProperties: [String: Int] = [
        "DraftOrderDocument": 13, "MailingAddress": 10, "AppliedDiscount": 5, "Attribute": 2, "DraftShippingLine": 3,
        "DraftPaymentTerms": 3, "CalculationSettings": 5, "CurrencyConversion": 4, "TaxRate": 6, "Money": 2,
    ]
}
