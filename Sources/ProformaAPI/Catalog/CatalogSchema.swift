import ProformaCore
import ProformaServices

/// Products, variants and `productSet`.
enum CatalogSchema {
    static let sdl = """
        enum ProductStatus { ACTIVE ARCHIVED DRAFT }
        enum ProductSortKeys { ID TITLE VENDOR PRODUCT_TYPE CREATED_AT UPDATED_AT RELEVANCE INVENTORY_TOTAL PUBLISHED_AT }
        enum ProductVariantSortKeys { ID SKU TITLE POSITION RELEVANCE }
        enum ProductVariantInventoryPolicy { DENY CONTINUE }

        type Product implements Node {
          id: ID!
          legacyResourceId: UnsignedInt64!
          title: String!
          handle: String!
          description: String!
          descriptionHtml: HTML!
          vendor: String!
          productType: String!
          tags: [String!]!
          status: ProductStatus!
          options(first: Int): [ProductOption!]!
          variants(first: Int, after: String, last: Int, before: String, reverse: Boolean = false,
                   sortKey: ProductVariantSortKeys = POSITION): ProductVariantConnection!
          variantsCount: Count
          totalInventory: Int!
          tracksInventory: Boolean!
          hasOnlyDefaultVariant: Boolean!
          onlineStoreUrl: URL
          createdAt: DateTime!
          updatedAt: DateTime!
          publishedAt: DateTime
        }

        type ProductOption implements Node {
          id: ID!
          name: String!
          position: Int!
          values: [String!]!
          optionValues: [ProductOptionValue!]!
        }

        type ProductOptionValue implements Node {
          id: ID!
          name: String!
          hasVariants: Boolean!
        }

        type SelectedOption {
          name: String!
          value: String!
        }

        type ProductVariant implements Node {
          id: ID!
          legacyResourceId: UnsignedInt64!
          title: String!
          displayName: String!
          sku: String
          barcode: String
          price: Money!
          compareAtPrice: Money
          taxable: Boolean!
          position: Int!
          inventoryPolicy: ProductVariantInventoryPolicy!
          inventoryQuantity: Int
          availableForSale: Boolean!
          selectedOptions: [SelectedOption!]!
          product: Product!
          inventoryItem: InventoryItem!
          createdAt: DateTime!
          updatedAt: DateTime!
        }

        type ProductConnection {
          edges: [ProductEdge!]!
          nodes: [Product!]!
          pageInfo: PageInfo!
        }

        type ProductEdge {
          cursor: String!
          node: Product!
        }

        type ProductVariantConnection {
          edges: [ProductVariantEdge!]!
          nodes: [ProductVariant!]!
          pageInfo: PageInfo!
        }

        type ProductVariantEdge {
          cursor: String!
          node: ProductVariant!
        }

        input ProductIdentifierInput {
          id: ID
          handle: String
        }

        input ProductSetIdentifiers {
          id: ID
          handle: String
        }

        input ProductSetInput {
          id: ID
          handle: String
          title: String
          descriptionHtml: String
          vendor: String
          productType: String
          tags: [String!]
          status: ProductStatus
          productOptions: [OptionSetInput!]
          variants: [ProductVariantSetInput!]
        }

        input OptionSetInput {
          id: ID
          name: String
          position: Int
          values: [OptionValueSetInput!]
        }

        input OptionValueSetInput {
          id: ID
          name: String
        }

        input ProductVariantSetInput {
          id: ID
          optionValues: [VariantOptionValueInput!]!
          price: Money
          compareAtPrice: Money
          taxable: Boolean
          barcode: String
          sku: String
          inventoryPolicy: ProductVariantInventoryPolicy
          position: Int
          inventoryItem: InventoryItemInput
          inventoryQuantities: [ProductSetInventoryInput!]
        }

        input VariantOptionValueInput {
          id: ID
          name: String
          optionId: ID
          optionName: String
        }

        input ProductSetInventoryInput {
          locationId: ID!
          name: String!
          quantity: Int!
        }

        input InventoryItemInput {
          sku: String
          tracked: Boolean
          requiresShipping: Boolean
          cost: Decimal
          measurement: InventoryItemMeasurementInput
        }

        input InventoryItemMeasurementInput {
          weight: WeightInput
        }

        enum ProductSetUserErrorCode {
          BLANK INVALID TAKEN TOO_LONG TOO_MANY NOT_FOUND GREATER_THAN_OR_EQUAL_TO PRODUCT_DOES_NOT_EXIST
        }

        type ProductSetUserError {
          field: [String!]
          message: String!
          code: ProductSetUserErrorCode
        }

        type ProductSetOperation implements Node {
          id: ID!
          status: ProductOperationStatus!
          product: Product
        }

        enum ProductOperationStatus { ACTIVE COMPLETE CREATED }

        type ProductSetPayload {
          product: Product
          productSetOperation: ProductSetOperation
          userErrors: [ProductSetUserError!]!
        }
        """

    static let queries = """
          product(id: ID!): Product
          productByIdentifier(identifier: ProductIdentifierInput!): Product
          products(first: Int, after: String, last: Int, before: String, reverse: Boolean = false,
                   sortKey: ProductSortKeys = ID, query: String): ProductConnection!
          productsCount(query: String, limit: Int = 10000): Count
          productVariant(id: ID!): ProductVariant
          productVariants(first: Int, after: String, last: Int, before: String, reverse: Boolean = false,
                          sortKey: ProductVariantSortKeys = ID, query: String): ProductVariantConnection!
        """

    static let mutations = """
          productSet(input: ProductSetInput!, synchronous: Boolean = true, identifier: ProductSetIdentifiers): ProductSetPayload
        """

    static let queryResolvers: [String: RootResolver] = [
        "product": { field, context in
            try context.require(.readProducts, for: "product")
            let id: ProductID = try GlobalID.id(field["id"]?.string ?? "", "Product")
            return .optional(try await context.loader.product(id).map(ProductObject.init))
        },
        "productByIdentifier": { field, context in
            try context.require(.readProducts, for: "productByIdentifier")
            let identifier = field["identifier"]
            if let text = identifier?["id"]?.string {
                let id: ProductID = try GlobalID.id(text, "Product")
                return .optional(try await context.loader.product(id).map(ProductObject.init))
            }
            guard let handle = identifier?["handle"]?.string else { return .null }
            let product = try await context.services.catalog.product(shop: context.shopID, handle: handle)
            if let product { context.loader.register([product]) }
            return .optional(product.map(ProductObject.init))
        },
        "products": { field, context in
            try context.require(.readProducts, for: "products")
            let sortKey = ConnectionObject.sortKey(field, default: ProductSortKey.id)
            let page = try await context.services.catalog.products(
                shop: context.shopID, matching: SearchQuery(parsing: field["query"]?.string ?? ""), sortedBy: sortKey,
                page: try ConnectionObject.pageRequest(field))
            context.loader.register(page.items)
            return .object(ConnectionObject("ProductConnection", page: page) { ProductObject($0) })
        },
        "productsCount": { field, context in
            try context.require(.readProducts, for: "productsCount")
            let count = try await context.services.catalog.countProducts(
                shop: context.shopID, matching: SearchQuery(parsing: field["query"]?.string ?? ""))
            return .object(CountObject(count: count, limit: try CountObject.limit(field)))
        },
        "productVariant": { field, context in
            try context.require(.readProducts, for: "productVariant")
            let id: VariantID = try GlobalID.id(field["id"]?.string ?? "", "ProductVariant")
            return .optional(try await context.services.catalog.variants(shop: context.shopID, ids: [id]).first
                .map(ProductVariantObject.init))
        },
        "productVariants": { field, context in
            try context.require(.readProducts, for: "productVariants")
            let sortKey = ConnectionObject.sortKey(field, default: VariantSortKey.id)
            let page = try await context.services.catalog.variants(
                shop: context.shopID, matching: SearchQuery(parsing: field["query"]?.string ?? ""), sortedBy: sortKey,
                page: try ConnectionObject.pageRequest(field))
            return .object(ConnectionObject("ProductVariantConnection", page: page) { ProductVariantObject($0) })
        },
    ]

    static let mutationResolvers: [String: RootResolver] = [
        "productSet": ProductSetMutation.resolve,
    ]
}
