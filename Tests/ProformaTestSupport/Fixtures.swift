import Foundation
import ProformaCore
import ProformaServices

/// Sample data shared by tests: a US shop with Canadian and Kentucky taxes, like the shop
/// Shopify's recorded fixtures were taken from.
public enum Fixtures {
    public static let settingsJSON = """
        {"shop": {"name": "Snowdevil", "email": "owner@snowdevil.test", "currency": "USD", "taxesIncluded": false,
                  "domain": "snowdevil.test",
                  "address": {"address1": "1 Main St", "city": "Louisville", "provinceCode": "KY", "countryCode": "US",
                              "zip": "40202"}},
         "locations": [
            {"name": "Main warehouse", "address": {"address1": "1 Main St", "city": "Louisville", "provinceCode": "KY",
                                                   "countryCode": "US", "zip": "40202"}},
            {"name": "Toronto store", "address": {"address1": "9 Queen St", "city": "Toronto", "provinceCode": "ON",
                                                  "countryCode": "CA", "zip": "M5H 2N2"}}],
         "taxRates": [
            {"countryCode": "US", "provinceCode": "KY", "name": "Tax", "rate": "0.06", "shipping": false},
            {"countryCode": "CA", "provinceCode": null, "name": "GST", "rate": "0.05", "shipping": false},
            {"countryCode": "CA", "provinceCode": "ON", "name": "Tax", "rate": "0.08", "shipping": true}],
         "shippingRates": [{"name": "Standard", "countryCodes": ["US", "CA"], "price": "10.00"}],
         "currencies": [{"code": "CAD", "rate": "1.25", "roundTo": "0.99"}],
         "paymentGateways": [{"name": "Bank Deposit", "kind": "manual"}, {"name": "Bogus Gateway", "kind": "bogus"}]}
        """

    public static var settingsInput: ShopSettingsInput {
        try! JSONDecoder().decode(ShopSettingsInput.self, from: Data(settingsJSON.utf8))
    }

    /// Decodes a value from JSON text, for building inputs that are normally decoded.
    public static func decode<T: Decodable>(_ json: String, as type: T.Type = T.self) -> T {
        try! JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    public static var settings: ShopSettings { try! settingsInput.validated().get() }

    /// A two-option product with four variants.
    public static func boots(quantity: Int64 = 0, location: LocationID? = nil) -> ProductSetInput {
        var variants: [ProductSetInput.VariantInput] = []
        for color in ["Black", "Brown"] {
            for size in ["9", "10"] {
                variants.append(.init(
                    optionValues: [.init(optionName: "Color", name: color), .init(optionName: "Size", name: size)],
                    sku: "BOOT-\(color.prefix(2).uppercased())-\(size)", price: ExactDecimal("199.00"),
                    weight: .grams(1200),
                    inventoryQuantities: location.map { [.init(locationID: $0, quantity: quantity)] }))
            }
        }
        return ProductSetInput(
            title: "Winter Boots", vendor: "Snowdevil", productType: "Footwear", tags: ["winter", "Boots"],
            options: [.init(name: "Color", values: ["Black", "Brown"]), .init(name: "Size", values: ["9", "10"])],
            variants: variants)
    }
}
