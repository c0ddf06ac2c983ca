import ProformaCore
import ProformaJSON

/// A draft's line as the store keeps it: the same JSON `Encodable` gives (keys sorted), written
/// directly. A 499-line update writes 499 of them, and through `Encodable` they took a sixth of
/// its CPU. `DraftOrderLine`'s `Decodable` reads them back; a test holds the two to the same text
/// for every kind of line, and fails when `DraftOrderLine` gains a property this does not write.
public enum DraftOrderLineDocument {
    public static func encode(_ line: DraftOrderLine) -> String {
        JSONStreamWriter.write(capacity: 320) { json in
            json.object { json in
                if let discount = line.appliedDiscount {
                    json.key("appliedDiscount")
                    write(discount, to: &json)
                }
                json.key("customAttributes")
                json.array { json in
                    for attribute in line.customAttributes {
                        json.object { json in
                            json.key("key")
                            json.string(attribute.key)
                            json.key("value")
                            json.string(attribute.value)
                        }
                    }
                }
                json.key("id")
                json.integer(line.id.rawValue)
                json.key("isGiftCard")
                json.bool(line.isGiftCard)
                if let priceOverride = line.priceOverride {
                    json.key("priceOverride")
                    write(priceOverride, to: &json)
                }
                json.key("quantity")
                json.integer(Int64(line.quantity))
                json.key("requiresShipping")
                json.bool(line.requiresShipping)
                if let sku = line.sku {
                    json.key("sku")
                    json.string(sku)
                }
                json.key("source")
                write(line.source, to: &json)
                json.key("taxable")
                json.bool(line.taxable)
                json.key("title")
                json.string(line.title)
                if let uuid = line.uuid {
                    json.key("uuid")
                    json.string(uuid)
                }
                if let variantTitle = line.variantTitle {
                    json.key("variantTitle")
                    json.string(variantTitle)
                }
                if let vendor = line.vendor {
                    json.key("vendor")
                    json.string(vendor)
                }
                json.key("weight")
                json.object { json in
                    json.key("unit")
                    json.string(line.weight.unit.rawValue)
                    json.key("value")
                    json.string(line.weight.value.description)
                }
            }
        }
    }

    /// The properties `encode` writes, for the test that notices a new one.
    static let writtenProperties = 15

    /// As the synthesized `Encodable` of an enum with associated values writes it: the case as
    /// the key, its values under their labels or `_0`.
    private static func write(_ source: DraftOrderLine.Source, to json: inout JSONStreamWriter) {
        json.object { json in
            switch source {
            case .variant(let variant, let product, let price):
                json.key("variant")
                json.object { json in
                    json.key("_0")
                    json.integer(variant.rawValue)
                    json.key("catalogPrice")
                    write(price, to: &json)
                    json.key("productID")
                    json.integer(product.rawValue)
                }
            case .custom(let price):
                json.key("custom")
                json.object { json in
                    json.key("_0")
                    write(price, to: &json)
                }
            case .legacyCustom(let price):
                json.key("legacyCustom")
                json.object { json in
                    json.key("_0")
                    write(price, to: &json)
                }
            }
        }
    }

    private static func write(_ money: Money, to json: inout JSONStreamWriter) {
        json.object { json in
            json.key("amount")
            json.integer(money.minorUnits)
            json.key("currency")
            json.string(money.currency.rawValue)
        }
    }

    private static func write(_ discount: AppliedDiscount, to json: inout JSONStreamWriter) {
        json.object { json in
            if let amount = discount.amountWithCurrency {
                json.key("amountWithCurrency")
                write(amount, to: &json)
            }
            json.key("description")
            json.string(discount.description)
            if let title = discount.title {
                json.key("title")
                json.string(title)
            }
            json.key("value")
            json.string(discount.value.description)
            json.key("valueType")
            json.string(discount.valueType.rawValue)
        }
    }
}
