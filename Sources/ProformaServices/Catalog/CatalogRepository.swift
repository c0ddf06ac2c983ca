import ProformaCore

/// A product's own fields, as written.
public struct ProductFields: Sendable, Hashable {
    public var title: String
    public var handle: String
    public var descriptionHtml: String
    public var vendor: String
    public var productType: String
    public var tags: [String]
    public var status: ProductStatus
    public var options: [ProductOption]
    public var publishedAt: Timestamp?

    public init(title: String, handle: String, descriptionHtml: String, vendor: String, productType: String,
                tags: [String], status: ProductStatus, options: [ProductOption], publishedAt: Timestamp?) {
        self.title = title
        self.handle = handle
        self.descriptionHtml = descriptionHtml
        self.vendor = vendor
        self.productType = productType
        self.tags = tags
        self.status = status
        self.options = options
        self.publishedAt = publishedAt
    }

    public init(_ product: Product) {
        self.init(title: product.title, handle: product.handle, descriptionHtml: product.descriptionHtml,
                  vendor: product.vendor, productType: product.productType, tags: product.tags,
                  status: product.status, options: product.options, publishedAt: product.publishedAt)
    }
}

/// A variant's fields with its inventory item's, as written.
public struct VariantFields: Sendable, Hashable {
    public var optionValues: [String]
    public var sku: String?
    public var barcode: String?
    public var price: Money
    public var compareAtPrice: Money?
    public var taxable: Bool
    public var inventoryPolicy: InventoryPolicy
    public var position: Int
    public var tracked: Bool
    public var requiresShipping: Bool
    public var weight: Weight
    public var cost: Money?

    public init(optionValues: [String], sku: String?, barcode: String?, price: Money, compareAtPrice: Money?,
                taxable: Bool, inventoryPolicy: InventoryPolicy, position: Int, tracked: Bool,
                requiresShipping: Bool, weight: Weight, cost: Money?) {
        self.optionValues = optionValues
        self.sku = sku
        self.barcode = barcode
        self.price = price
        self.compareAtPrice = compareAtPrice
        self.taxable = taxable
        self.inventoryPolicy = inventoryPolicy
        self.position = position
        self.tracked = tracked
        self.requiresShipping = requiresShipping
        self.weight = weight
        self.cost = cost
    }

    public init(_ variant: ProductVariant) {
        self.init(optionValues: variant.optionValues, sku: variant.sku, barcode: variant.barcode,
                  price: variant.price, compareAtPrice: variant.compareAtPrice, taxable: variant.taxable,
                  inventoryPolicy: variant.inventoryPolicy, position: variant.position,
                  tracked: variant.inventoryItem.tracked, requiresShipping: variant.inventoryItem.requiresShipping,
                  weight: variant.inventoryItem.weight, cost: variant.inventoryItem.cost)
    }
}

public enum ProductSortKey: String, Sendable, CaseIterable {
    case id = "ID"
    case title = "TITLE"
    case vendor = "VENDOR"
    case productType = "PRODUCT_TYPE"
    case createdAt = "CREATED_AT"
    case updatedAt = "UPDATED_AT"
}

public enum VariantSortKey: String, Sendable, CaseIterable {
    case id = "ID"
    case sku = "SKU"
    case title = "TITLE"
    case position = "POSITION"
}

/// Products, variants and their inventory items. Products always come with their variants.
/// Every write here moves the shop's catalog version (see `ShopRepository.versions`).
public protocol CatalogRepository {
    func insertProduct(shop: ShopID, _ fields: ProductFields, at time: Timestamp) async throws -> ProductID
    func updateProduct(shop: ShopID, id: ProductID, _ fields: ProductFields, at time: Timestamp) async throws
    func product(shop: ShopID, id: ProductID) async throws -> Product?
    func productID(shop: ShopID, handle: String) async throws -> ProductID?
    func products(shop: ShopID, ids: [ProductID]) async throws -> [Product]
    func products(shop: ShopID, matching query: SearchQuery, sortedBy sort: ProductSortKey,
                  page: PageRequest) async throws -> Page<Product>
    func countProducts(shop: ShopID, matching query: SearchQuery) async throws -> Int

    func insertVariant(shop: ShopID, product: ProductID, _ fields: VariantFields,
                       at time: Timestamp) async throws -> ProductVariant
    func updateVariant(shop: ShopID, id: VariantID, _ fields: VariantFields, at time: Timestamp) async throws
    func deleteVariant(shop: ShopID, id: VariantID) async throws
    func variants(shop: ShopID, ids: [VariantID]) async throws -> [ProductVariant]
    /// The variants with what lines copy from their products, in one query; ids not found are left out.
    func catalogVariants(shop: ShopID, ids: [VariantID]) async throws -> [CatalogVariant]
    func variants(shop: ShopID, matching query: SearchQuery, sortedBy sort: VariantSortKey,
                  page: PageRequest) async throws -> Page<ProductVariant>
    func variant(shop: ShopID, inventoryItem: InventoryItemID) async throws -> ProductVariant?
}
