public enum ProductStatus: String, Sendable, Hashable, CaseIterable {
    case active = "ACTIVE"
    case archived = "ARCHIVED"
    case draft = "DRAFT"
}

/// A product with its options and variants, as the catalog stores it.
public struct Product: Sendable, Hashable {
    public var id: ProductID
    public var title: String
    public var handle: String
    public var descriptionHtml: String
    public var vendor: String
    public var productType: String
    public var tags: [String]
    public var status: ProductStatus
    public var options: [ProductOption]
    public var variants: [ProductVariant]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var publishedAt: Timestamp?

    public init(id: ProductID, title: String, handle: String, descriptionHtml: String, vendor: String,
                productType: String, tags: [String], status: ProductStatus, options: [ProductOption],
                variants: [ProductVariant], createdAt: Timestamp, updatedAt: Timestamp, publishedAt: Timestamp?) {
        self.id = id
        self.title = title
        self.handle = handle
        self.descriptionHtml = descriptionHtml
        self.vendor = vendor
        self.productType = productType
        self.tags = tags
        self.status = status
        self.options = options
        self.variants = variants
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.publishedAt = publishedAt
    }

    /// A product whose only variant stands for "no options" (Shopify's "Default Title").
    public var hasOnlyDefaultVariant: Bool {
        Self.hasOnlyDefaultVariant(variantCount: variants.count, options: options)
    }

    /// The rule behind `hasOnlyDefaultVariant`, for callers that counted the variants without loading them.
    public static func hasOnlyDefaultVariant(variantCount: Int, options: [ProductOption]) -> Bool {
        variantCount == 1 && options.count == 1 && options[0].name == ProductOption.defaultName
            && options[0].values == [ProductOption.defaultValue]
    }
}

/// A variant with what a line of a draft copies from its product. Pricing a draft needs only
/// this, so it is read in one query rather than as whole products with all their variants.
public struct CatalogVariant: Sendable, Hashable {
    public var variant: ProductVariant
    public var productTitle: String
    public var vendor: String
    public var productType: String
    /// See `Product.hasOnlyDefaultVariant`: such a line shows no variant title.
    public var isProductsOnlyDefaultVariant: Bool

    public init(variant: ProductVariant, productTitle: String, vendor: String, productType: String,
                isProductsOnlyDefaultVariant: Bool) {
        self.variant = variant
        self.productTitle = productTitle
        self.vendor = vendor
        self.productType = productType
        self.isProductsOnlyDefaultVariant = isProductsOnlyDefaultVariant
    }

    public init(_ variant: ProductVariant, of product: Product) {
        self.init(variant: variant, productTitle: product.title, vendor: product.vendor, productType: product.productType,
                  isProductsOnlyDefaultVariant: product.hasOnlyDefaultVariant)
    }

    /// A product whose type mentions "gift card", in any letter case, sells gift cards.
    public var isGiftCard: Bool { productType.contains(bytes: "gift card", ignoringASCIICase: true) }
}

public struct ProductOption: Sendable, Hashable {
    /// The option and value Shopify gives a product that has no real options.
    public static let defaultName = "Title"
    public static let defaultValue = "Default Title"

    public var name: String
    public var position: Int
    public var values: [String]

    public init(name: String, position: Int, values: [String]) {
        self.name = name
        self.position = position
        self.values = values
    }
}

public enum InventoryPolicy: String, Sendable, Hashable, CaseIterable {
    /// Stop selling when stock runs out.
    case deny = "DENY"
    /// Keep selling below zero.
    case `continue` = "CONTINUE"
}

/// One purchasable combination of a product's option values.
public struct ProductVariant: Sendable, Hashable {
    public var id: VariantID
    public var productID: ProductID
    /// Option values in the product's option order.
    public var optionValues: [String]
    public var sku: String?
    public var barcode: String?
    public var price: Money
    public var compareAtPrice: Money?
    public var taxable: Bool
    public var inventoryPolicy: InventoryPolicy
    public var position: Int
    public var inventoryItem: InventoryItem
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: VariantID, productID: ProductID, optionValues: [String], sku: String?, barcode: String?,
                price: Money, compareAtPrice: Money?, taxable: Bool, inventoryPolicy: InventoryPolicy,
                position: Int, inventoryItem: InventoryItem, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id
        self.productID = productID
        self.optionValues = optionValues
        self.sku = sku
        self.barcode = barcode
        self.price = price
        self.compareAtPrice = compareAtPrice
        self.taxable = taxable
        self.inventoryPolicy = inventoryPolicy
        self.position = position
        self.inventoryItem = inventoryItem
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// "Red / Small", or "Default Title" for a product without options.
    public var title: String { optionValues.joined(separator: " / ") }
}

public enum WeightUnit: String, Sendable, Hashable, CaseIterable, Codable {
    case grams = "GRAMS"
    case kilograms = "KILOGRAMS"
    case ounces = "OUNCES"
    case pounds = "POUNDS"

    /// Grams in one unit, exactly as defined (the avoirdupois pound is 453.59237 g).
    public var grams: ExactDecimal {
        switch self {
        case .grams: ExactDecimal(1)
        case .kilograms: ExactDecimal(1000)
        case .ounces: ExactDecimal(significand: 28_349_523_125, scale: 9)
        case .pounds: ExactDecimal(significand: 45_359_237, scale: 5)
        }
    }
}

public struct Weight: Sendable, Hashable, Codable {
    public var value: ExactDecimal
    public var unit: WeightUnit

    public init(value: ExactDecimal, unit: WeightUnit) {
        self.value = value
        self.unit = unit
    }

    public static func grams(_ grams: Int64) -> Weight {
        Weight(value: ExactDecimal(significand: grams, scale: 0), unit: .grams)
    }

    /// Whole grams, rounded half away from zero; shipping-rate conditions compare these.
    public var grams: Int64 {
        let product = value.multipliedExactly(by: unit.grams) ?? value
        return product.rounded(toScale: 0).significand
    }
}

/// The stock-keeping side of a variant: whether it is tracked, shipped and how much it weighs.
public struct InventoryItem: Sendable, Hashable {
    public var id: InventoryItemID
    public var sku: String?
    public var tracked: Bool
    public var requiresShipping: Bool
    public var weight: Weight
    public var cost: Money?

    public init(id: InventoryItemID, sku: String?, tracked: Bool, requiresShipping: Bool, weight: Weight, cost: Money?) {
        self.id = id
        self.sku = sku
        self.tracked = tracked
        self.requiresShipping = requiresShipping
        self.weight = weight
        self.cost = cost
    }
}
