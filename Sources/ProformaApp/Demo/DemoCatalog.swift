import ProformaCore
import ProformaServices

/// About twenty products a winter-sports shop sells, with variants and stock at both locations.
enum DemoCatalog {
    struct Item {
        var title: String
        var vendor: String
        var type: String
        var tags: [String]
        var price: String
        var grams: Int64
        var sku: String
        /// Option name and its values; no options means a single default variant.
        var options: [(name: String, values: [String])] = []
        var taxable = true
        var requiresShipping = true
        var stock: (warehouse: Int64, showroom: Int64) = (25, 8)
        var description = ""
    }

    static let items: [Item] = [
        Item(title: "Alpine Pro Snowboard", vendor: "Snowdevil", type: "Snowboards", tags: ["snowboard", "winter"],
             price: "499.00", grams: 3200, sku: "SB-ALP", options: [("Length", ["150", "155", "160"])], stock: (12, 4),
             description: "<p>An all-mountain board with a <strong>medium flex</strong>.</p>"),
        Item(title: "Freestyle Park Snowboard", vendor: "Snowdevil", type: "Snowboards", tags: ["snowboard", "park"],
             price: "429.00", grams: 3000, sku: "SB-FRE", options: [("Length", ["148", "152", "156"])], stock: (10, 3)),
        Item(title: "Powder Hound Snowboard", vendor: "Ridgeline", type: "Snowboards", tags: ["snowboard", "powder"],
             price: "579.00", grams: 3400, sku: "SB-POW", options: [("Length", ["156", "162"])], stock: (6, 2)),
        Item(title: "Summit Snowboard Boots", vendor: "Ridgeline", type: "Boots", tags: ["boots", "winter"],
             price: "199.00", grams: 1800, sku: "BT-SUM", options: [("Size", ["8", "9", "10", "11", "12"])]),
        Item(title: "Step-On Bindings", vendor: "Snowdevil", type: "Bindings", tags: ["bindings"],
             price: "249.00", grams: 1600, sku: "BD-STP", options: [("Size", ["S", "M", "L"])]),
        Item(title: "Storm Shell Jacket", vendor: "Northface Labs", type: "Outerwear", tags: ["jacket", "waterproof"],
             price: "329.00", grams: 900, sku: "JK-STM",
             options: [("Color", ["Black", "Glacier Blue"]), ("Size", ["S", "M", "L", "XL"])], stock: (6, 2)),
        Item(title: "Insulated Bib Pants", vendor: "Northface Labs", type: "Outerwear", tags: ["pants", "waterproof"],
             price: "259.00", grams: 1100, sku: "PT-BIB", options: [("Size", ["S", "M", "L", "XL"])]),
        Item(title: "Merino Base Layer Top", vendor: "Woolly", type: "Base Layers", tags: ["merino", "base layer"],
             price: "89.00", grams: 250, sku: "BL-TOP", options: [("Size", ["S", "M", "L"])]),
        Item(title: "Heated Gloves", vendor: "Warmfinger", type: "Accessories", tags: ["gloves", "heated"],
             price: "149.99", grams: 400, sku: "GL-HTD", options: [("Size", ["S", "M", "L"])]),
        Item(title: "Mirror Goggles", vendor: "Clearview", type: "Accessories", tags: ["goggles"],
             price: "119.50", grams: 300, sku: "GG-MIR", options: [("Lens", ["Gold", "Silver", "Rose"])]),
        Item(title: "MIPS Helmet", vendor: "Safehead", type: "Protection", tags: ["helmet", "safety"],
             price: "179.00", grams: 550, sku: "HM-MIP", options: [("Size", ["S", "M", "L"])]),
        Item(title: "Wrist Guards", vendor: "Safehead", type: "Protection", tags: ["safety"],
             price: "34.95", grams: 200, sku: "PR-WRS"),
        Item(title: "Cable Knit Beanie", vendor: "Woolly", type: "Accessories", tags: ["beanie", "gift"],
             price: "29.00", grams: 120, sku: "BN-CBL", options: [("Color", ["Red", "Charcoal", "Cream"])], stock: (40, 15)),
        Item(title: "Hiking Socks 3-Pack", vendor: "Woolly", type: "Accessories", tags: ["socks", "gift"],
             price: "24.00", grams: 180, sku: "SK-3PK", stock: (60, 20)),
        Item(title: "Universal Board Wax", vendor: "Snowdevil", type: "Tuning", tags: ["wax", "tuning"],
             price: "12.50", grams: 150, sku: "WX-UNI", stock: (120, 30)),
        Item(title: "Edge Tuning Kit", vendor: "Snowdevil", type: "Tuning", tags: ["tuning"],
             price: "59.00", grams: 700, sku: "TN-KIT"),
        Item(title: "Avalanche Backpack 30L", vendor: "Ridgeline", type: "Packs", tags: ["backpack", "safety"],
             price: "649.00", grams: 2900, sku: "BP-AV30", stock: (5, 1)),
        Item(title: "Insulated Thermos", vendor: "Warmfinger", type: "Accessories", tags: ["gift"],
             price: "39.00", grams: 450, sku: "TH-INS"),
        Item(title: "Toboggan Sled", vendor: "Snowdevil", type: "Sleds", tags: ["sled", "family"],
             price: "149.00", grams: 22000, sku: "SL-TOB", stock: (4, 0)),
        Item(title: "Gift Card", vendor: "Snowdevil Outfitters", type: "Gift Cards", tags: ["gift"],
             price: "50.00", grams: 0, sku: "GIFT-50", options: [("Amount", ["25", "50", "100"])], taxable: false,
             requiresShipping: false, stock: (0, 0)),
    ]

    static func inputs(warehouse: LocationID, showroom: LocationID) -> [ProductSetInput] {
        items.map { item in
            let combinations = item.options.reduce([[String]]([[]])) { partial, option in
                partial.flatMap { prefix in option.values.map { prefix + [$0] } }
            }
            let variants = combinations.enumerated().map { index, values in
                // Gift card amounts are their own prices.
                let price = item.type == "Gift Cards" ? values[0] + ".00" : item.price
                return ProductSetInput.VariantInput(
                    optionValues: zip(item.options, values).map { .init(optionName: $0.name, name: $1) },
                    sku: values.isEmpty ? item.sku : "\(item.sku)-\(values.joined(separator: "-").uppercased().replacingSpaces)",
                    price: ExactDecimal(price), taxable: item.taxable, tracked: item.type != "Gift Cards",
                    requiresShipping: item.requiresShipping, weight: .grams(item.grams),
                    inventoryQuantities: [
                        .init(locationID: warehouse, quantity: max(0, item.stock.warehouse - Int64(index % 3))),
                        .init(locationID: showroom, quantity: item.stock.showroom),
                    ])
            }
            return ProductSetInput(
                title: item.title, descriptionHtml: item.description, vendor: item.vendor, productType: item.type,
                tags: item.tags, status: .active,
                options: item.options.map { .init(name: $0.name, values: $0.values) },
                variants: variants)
        }
    }
}

private extension String {
    var replacingSpaces: String { split(separator: " ").joined(separator: "") }
}
