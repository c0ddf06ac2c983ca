import ProformaCore

/// The desired state of a product, Shopify `productSet` style: fields left nil keep their
/// value; `options` and `variants`, when given, replace the whole list.
public struct ProductSetInput: Sendable, Hashable {
    public var id: ProductID?
    public var handle: String?
    public var title: String?
    public var descriptionHtml: String?
    public var vendor: String?
    public var productType: String?
    public var tags: [String]?
    public var status: ProductStatus?
    public var options: [OptionInput]?
    public var variants: [VariantInput]?

    public init(id: ProductID? = nil, handle: String? = nil, title: String? = nil, descriptionHtml: String? = nil,
                vendor: String? = nil, productType: String? = nil, tags: [String]? = nil,
                status: ProductStatus? = nil, options: [OptionInput]? = nil, variants: [VariantInput]? = nil) {
        self.id = id
        self.handle = handle
        self.title = title
        self.descriptionHtml = descriptionHtml
        self.vendor = vendor
        self.productType = productType
        self.tags = tags
        self.status = status
        self.options = options
        self.variants = variants
    }

    public struct OptionInput: Sendable, Hashable {
        public var name: String
        public var values: [String]

        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    public struct OptionValueInput: Sendable, Hashable {
        public var optionName: String
        public var name: String

        public init(optionName: String, name: String) {
            self.optionName = optionName
            self.name = name
        }
    }

    public struct QuantityInput: Sendable, Hashable {
        public var locationID: LocationID
        public var name: InventoryQuantityName
        public var quantity: Int64

        public init(locationID: LocationID, name: InventoryQuantityName = .available, quantity: Int64) {
            self.locationID = locationID
            self.name = name
            self.quantity = quantity
        }
    }

    public struct VariantInput: Sendable, Hashable {
        public var id: VariantID?
        public var optionValues: [OptionValueInput]
        public var sku: String?
        public var barcode: String?
        /// In the shop's currency.
        public var price: ExactDecimal?
        public var compareAtPrice: ExactDecimal?
        public var taxable: Bool?
        public var inventoryPolicy: InventoryPolicy?
        public var tracked: Bool?
        public var requiresShipping: Bool?
        public var weight: Weight?
        public var cost: ExactDecimal?
        public var inventoryQuantities: [QuantityInput]?

        public init(id: VariantID? = nil, optionValues: [OptionValueInput] = [], sku: String? = nil,
                    barcode: String? = nil, price: ExactDecimal? = nil, compareAtPrice: ExactDecimal? = nil,
                    taxable: Bool? = nil, inventoryPolicy: InventoryPolicy? = nil, tracked: Bool? = nil,
                    requiresShipping: Bool? = nil, weight: Weight? = nil, cost: ExactDecimal? = nil,
                    inventoryQuantities: [QuantityInput]? = nil) {
            self.id = id
            self.optionValues = optionValues
            self.sku = sku
            self.barcode = barcode
            self.price = price
            self.compareAtPrice = compareAtPrice
            self.taxable = taxable
            self.inventoryPolicy = inventoryPolicy
            self.tracked = tracked
            self.requiresShipping = requiresShipping
            self.weight = weight
            self.cost = cost
            self.inventoryQuantities = inventoryQuantities
        }
    }
}
