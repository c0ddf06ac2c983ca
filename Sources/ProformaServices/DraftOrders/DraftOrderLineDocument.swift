import ProformaCore
import ProformaJSON

/// A draft's line as the store keeps it: the same JSON `Encodable` gives (keys sorted, what
/// most lines have left out), written directly. A 499-line update writes 499 of them, and
/// through `Encodable` they took a sixth of its CPU. `DraftOrderLine`'s `Decodable` reads them
/// back; a test holds the two to the same text for every kind of line, and fails when
/// `DraftOrderLine` gains a property this does not write.
public enum DraftOrderLineDocument {
    public static func encode(_ line: DraftOrderLine) -> String {
        JSONStreamWriter.write(capacity: 320) { json in write(line, to: &json) }
    }

    /// The lines' documents as one JSON array, as the store keeps a draft's lines.
    public static func encode(_ lines: [DraftOrderLine]) -> String {
        JSONStreamWriter.write(capacity: 2 + 128 * lines.count) { json in
            json.array { json in
                for index in lines.indices { write(lines[index], to: &json) }
            }
        }
    }

    private static func write(_ line: DraftOrderLine, to json: inout JSONStreamWriter) {
        json.object { json in
            if let discount = line.appliedDiscount {
                json.key("appliedDiscount")
                json.appliedDiscount(discount)
            }
            // What most lines have is left out, as `DraftOrderLine`'s `Encodable` does.
            if !line.customAttributes.isEmpty {
                json.key("customAttributes")
                json.attributes(line.customAttributes)
            }
            if line.id.rawValue != 0 {
                json.key("id")
                json.integer(line.id.rawValue)
            }
            if line.isGiftCard {
                json.key("isGiftCard")
                json.bool(true)
            }
            if let priceOverride = line.priceOverride {
                json.key("priceOverride")
                json.money(priceOverride)
            }
            json.key("quantity")
            json.integer(Int64(line.quantity))
            if !line.requiresShipping {
                json.key("requiresShipping")
                json.bool(false)
            }
            json.optional("sku", line.sku)
            json.key("source")
            write(line.source, to: &json)
            if !line.taxable {
                json.key("taxable")
                json.bool(false)
            }
            json.key("title")
            json.string(line.title)
            json.optional("uuid", line.uuid)
            json.optional("variantTitle", line.variantTitle)
            json.optional("vendor", line.vendor)
            if !line.isWeightless {
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
                    json.money(price)
                    json.key("productID")
                    json.integer(product.rawValue)
                }
            case .custom(let price):
                json.key("custom")
                json.object { json in
                    json.key("_0")
                    json.money(price)
                }
            case .legacyCustom(let price):
                json.key("legacyCustom")
                json.object { json in
                    json.key("_0")
                    json.money(price)
                }
            }
        }
    }
}
