import ProformaCore
import ProformaServices
import SQLKit

struct SQLCatalogRepository: CatalogRepository {
    let context: SQLContext

    private struct StoredOption: Codable {
        var name: String
        var position: Int
        var values: [String]
    }

    func insertProduct(shop: ShopID, _ fields: ProductFields, at time: Timestamp) async throws -> ProductID {
        try await context.catalogChanged(shop)
        let id = try await context.insertReturningID("""
            INSERT INTO products (shop_id, title, handle, description_html, vendor, product_type, tags, status, options,
                                  created_at, updated_at, published_at)
            VALUES (\(bind: shop.rawValue), \(bind: fields.title), \(bind: fields.handle), \(bind: fields.descriptionHtml),
                    \(bind: fields.vendor), \(bind: fields.productType), \(bind: fields.tags.joined(separator: ", ")),
                    \(bind: fields.status.rawValue), \(bind: Self.encodeOptions(fields.options)), \(bind: time.stored),
                    \(bind: time.stored), \(bind: fields.status == .active ? time.stored : nil))
            """)
        try await TagTable.product.replace(shop: shop.rawValue, owner: id, tags: fields.tags, isNew: true, in: context)
        return ProductID(id)
    }

    func updateProduct(shop: ShopID, id: ProductID, _ fields: ProductFields, at time: Timestamp) async throws {
        try await context.catalogChanged(shop)
        try await context.run("""
            UPDATE products SET title = \(bind: fields.title), handle = \(bind: fields.handle),
                description_html = \(bind: fields.descriptionHtml), vendor = \(bind: fields.vendor),
                product_type = \(bind: fields.productType), tags = \(bind: fields.tags.joined(separator: ", ")),
                status = \(bind: fields.status.rawValue), options = \(bind: Self.encodeOptions(fields.options)),
                updated_at = \(bind: time.stored),
                published_at = \(bind: fields.status == .active ? (fields.publishedAt ?? time).stored : nil)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)
            """)
        try await TagTable.product.replace(shop: shop.rawValue, owner: id.rawValue, tags: fields.tags, in: context)
    }

    private static func encodeOptions(_ options: [ProductOption]) -> String {
        StoredJSON.encode(options.map { StoredOption(name: $0.name, position: $0.position, values: $0.values) })
    }

    private static func options(_ row: any SQLRow, column: String) throws -> [ProductOption] {
        try row.json(column, as: [StoredOption].self).map { ProductOption(name: $0.name, position: $0.position, values: $0.values) }
    }

    func product(shop: ShopID, id: ProductID) async throws -> Product? {
        try await products(shop: shop, ids: [id]).first
    }

    func productID(shop: ShopID, handle: String) async throws -> ProductID? {
        try await context.first("""
            SELECT id FROM products WHERE shop_id = \(bind: shop.rawValue) AND handle = \(bind: handle)
            """).map { ProductID(try $0.int64("id")) }
    }

    func products(shop: ShopID, ids: [ProductID]) async throws -> [Product] {
        guard !ids.isEmpty else { return [] }
        let rows = try await context.all("""
            SELECT * FROM products WHERE shop_id = \(bind: shop.rawValue) AND id IN (\(binds: ids.map(\.rawValue)))
            """)
        let products = try await assemble(rows, shop: shop)
        let byID = Dictionary(uniqueKeysWithValues: products.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// Turns product rows into products with their variants, loading all variants in one query.
    private func assemble(_ rows: [any SQLRow], shop: ShopID) async throws -> [Product] {
        guard !rows.isEmpty else { return [] }
        guard let currency = try await context.currency(of: shop) else { return [] }
        let ids = try rows.map { try $0.int64("id") }
        let variantRows = try await context.all(Self.variantSelect + """
             WHERE v.shop_id = \(bind: shop.rawValue) AND v.product_id IN (\(binds: ids)) ORDER BY v.product_id, v.position, v.id
            """)
        var variantsByProduct: [Int64: [ProductVariant]] = [:]
        for row in variantRows {
            let variant = try Self.variant(from: row, currency: currency)
            variantsByProduct[variant.productID.rawValue, default: []].append(variant)
        }
        return try rows.map { row in
            let id = try row.int64("id")
            return Product(
                id: ProductID(id), title: try row.string("title"), handle: try row.string("handle"),
                descriptionHtml: try row.string("description_html"), vendor: try row.string("vendor"),
                productType: try row.string("product_type"),
                tags: Tags.normalize([try row.string("tags")]),
                status: ProductStatus(rawValue: try row.string("status")) ?? .active,
                options: try Self.options(row, column: "options"),
                variants: variantsByProduct[id] ?? [], createdAt: try row.timestamp("created_at"),
                updatedAt: try row.timestamp("updated_at"), publishedAt: try row.optionalTimestamp("published_at"))
        }
    }

    static let productSearch = SearchSchema(
        fields: [
            "title": SearchPredicates.text("p.title"),
            "handle": SearchPredicates.text("p.handle"),
            "vendor": SearchPredicates.text("p.vendor"),
            "product_type": SearchPredicates.text("p.product_type"),
            "status": SearchPredicates.code("p.status"),
            "tag": SearchPredicates.tag(table: "product_tags", ownerColumn: "product_id", ownerTable: "p"),
            "id": SearchPredicates.integer("p.id"),
            "created_at": SearchPredicates.timestamp("p.created_at"),
            "updated_at": SearchPredicates.timestamp("p.updated_at"),
            "sku": { term, _ in
                let match = SearchPredicates.text("v.sku")(term, 0)!
                return "EXISTS (SELECT 1 FROM product_variants v WHERE v.shop_id = p.shop_id AND v.product_id = p.id AND " + match + ")"
            },
        ],
        freeText: SearchPredicates.containsAny(["p.title", "p.vendor", "p.product_type", "p.tags", "p.handle"]))

    func products(shop: ShopID, matching query: SearchQuery, sortedBy sort: ProductSortKey,
                  page: PageRequest) async throws -> Page<Product> {
        let keyset: Keyset = switch sort {
        case .id: Keyset(from: "products p", alias: "p", sortExpression: nil, sortIsText: false)
        case .title: Keyset(from: "products p", alias: "p", sortExpression: "p.title", sortIsText: true)
        case .vendor: Keyset(from: "products p", alias: "p", sortExpression: "p.vendor", sortIsText: true)
        case .productType: Keyset(from: "products p", alias: "p", sortExpression: "p.product_type", sortIsText: true)
        case .createdAt: Keyset(from: "products p", alias: "p", sortExpression: "p.created_at", sortIsText: false)
        case .updatedAt: Keyset(from: "products p", alias: "p", sortExpression: "p.updated_at", sortIsText: false)
        }
        let result = try await keyset.page(context, select: "p.*", shop: shop.rawValue,
                                           filter: Self.productSearch.predicate(for: query, shop: shop.rawValue), request: page)
        return Page(items: try await assemble(result.rows, shop: shop), cursors: result.cursors,
                    hasNextPage: result.hasNext, hasPreviousPage: result.hasPrevious)
    }

    func countProducts(shop: ShopID, matching query: SearchQuery) async throws -> Int {
        try await Self.productSearch.count(context, from: "products p", alias: "p", matching: query, shop: shop, limit: nil)
    }

    // MARK: Variants

    /// A variant's columns with its inventory item's, which `variant(from:currency:)` reads.
    private static let variantColumns: SQLQueryString = """
        v.*, i.sku AS item_sku, i.tracked, i.requires_shipping, i.weight_value, i.weight_unit, i.cost,
               i.created_at AS item_created_at
        """
    private static let variantJoin: SQLQueryString = """
        product_variants v JOIN inventory_items i ON i.shop_id = v.shop_id AND i.id = v.inventory_item_id
        """
    static let variantSelect: SQLQueryString = "SELECT " + variantColumns + " FROM " + variantJoin

    static func variant(from row: any SQLRow, currency: CurrencyCode) throws -> ProductVariant {
        let weight = Weight(value: try row.decimal("weight_value"),
                            unit: WeightUnit(rawValue: try row.string("weight_unit")) ?? .grams)
        let item = InventoryItem(
            id: InventoryItemID(try row.int64("inventory_item_id")), sku: try row.optionalString("sku"),
            tracked: try row.bool("tracked"), requiresShipping: try row.bool("requires_shipping"), weight: weight,
            cost: try row.optionalInt64("cost").map { Money(minorUnits: $0, currency: currency) })
        return ProductVariant(
            id: VariantID(try row.int64("id")), productID: ProductID(try row.int64("product_id")),
            optionValues: try row.json("option_values", as: [String].self), sku: try row.optionalString("sku"),
            barcode: try row.optionalString("barcode"), price: Money(minorUnits: try row.int64("price"), currency: currency),
            compareAtPrice: try row.optionalInt64("compare_at_price").map { Money(minorUnits: $0, currency: currency) },
            taxable: try row.bool("taxable"),
            inventoryPolicy: InventoryPolicy(rawValue: try row.string("inventory_policy")) ?? .deny,
            position: try row.int("position"), inventoryItem: item, createdAt: try row.timestamp("created_at"),
            updatedAt: try row.timestamp("updated_at"))
    }

    func insertVariant(shop: ShopID, product: ProductID, _ fields: VariantFields,
                       at time: Timestamp) async throws -> ProductVariant {
        try await context.catalogChanged(shop)
        let itemID = try await context.insertReturningID("""
            INSERT INTO inventory_items (shop_id, sku, tracked, requires_shipping, weight_value, weight_unit, cost,
                                         created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: fields.sku), \(bind: fields.tracked), \(bind: fields.requiresShipping),
                    \(bind: fields.weight.value.description), \(bind: fields.weight.unit.rawValue),
                    \(bind: fields.cost?.minorUnits), \(bind: time.stored), \(bind: time.stored))
            """)
        let id = try await context.insertReturningID("""
            INSERT INTO product_variants (shop_id, product_id, inventory_item_id, position, option_values, sku, barcode,
                                          price, compare_at_price, taxable, inventory_policy, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: product.rawValue), \(bind: itemID), \(bind: fields.position),
                    \(bind: StoredJSON.encode(fields.optionValues)), \(bind: fields.sku), \(bind: fields.barcode),
                    \(bind: fields.price.minorUnits), \(bind: fields.compareAtPrice?.minorUnits), \(bind: fields.taxable),
                    \(bind: fields.inventoryPolicy.rawValue), \(bind: time.stored), \(bind: time.stored))
            """)
        let item = InventoryItem(id: InventoryItemID(itemID), sku: fields.sku, tracked: fields.tracked,
                                 requiresShipping: fields.requiresShipping, weight: fields.weight, cost: fields.cost)
        return ProductVariant(
            id: VariantID(id), productID: product, optionValues: fields.optionValues, sku: fields.sku,
            barcode: fields.barcode, price: fields.price, compareAtPrice: fields.compareAtPrice, taxable: fields.taxable,
            inventoryPolicy: fields.inventoryPolicy, position: fields.position, inventoryItem: item,
            createdAt: time, updatedAt: time)
    }

    func updateVariant(shop: ShopID, id: VariantID, _ fields: VariantFields, at time: Timestamp) async throws {
        try await context.catalogChanged(shop)
        try await context.run("""
            UPDATE product_variants SET position = \(bind: fields.position),
                option_values = \(bind: StoredJSON.encode(fields.optionValues)), sku = \(bind: fields.sku),
                barcode = \(bind: fields.barcode), price = \(bind: fields.price.minorUnits),
                compare_at_price = \(bind: fields.compareAtPrice?.minorUnits), taxable = \(bind: fields.taxable),
                inventory_policy = \(bind: fields.inventoryPolicy.rawValue), updated_at = \(bind: time.stored)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)
            """)
        try await context.run("""
            UPDATE inventory_items SET sku = \(bind: fields.sku), tracked = \(bind: fields.tracked),
                requires_shipping = \(bind: fields.requiresShipping), weight_value = \(bind: fields.weight.value.description),
                weight_unit = \(bind: fields.weight.unit.rawValue), cost = \(bind: fields.cost?.minorUnits),
                updated_at = \(bind: time.stored)
            WHERE shop_id = \(bind: shop.rawValue)
              AND id = (SELECT inventory_item_id FROM product_variants WHERE shop_id = \(bind: shop.rawValue)
                        AND id = \(bind: id.rawValue))
            """)
    }

    func deleteVariant(shop: ShopID, id: VariantID) async throws {
        try await context.catalogChanged(shop)
        guard let row = try await context.first("""
            SELECT inventory_item_id FROM product_variants WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)
            """) else { return }
        let item = try row.int64("inventory_item_id")
        try await context.run("DELETE FROM product_variants WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)")
        // The item's levels and their reservations go with it (cascades), levels first. Every
        // stock move takes a draft's reservations first, then their levels: the reservations
        // are deleted here before anything else, in that same order, so the two never wait on
        // each other in a circle (on PostgreSQL a deadlock, and one of them aborted).
        try await context.run("""
            DELETE FROM inventory_reservations WHERE shop_id = \(bind: shop.rawValue) AND inventory_item_id = \(bind: item)
            """)
        try await context.run("DELETE FROM inventory_items WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: item)")
    }

    func variants(shop: ShopID, ids: [VariantID]) async throws -> [ProductVariant] {
        guard !ids.isEmpty, let currency = try await context.currency(of: shop) else { return [] }
        let rows = try await context.all(Self.variantSelect + """
             WHERE v.shop_id = \(bind: shop.rawValue) AND v.id IN (\(binds: ids.map(\.rawValue)))
            """)
        let byID = Dictionary(uniqueKeysWithValues: try rows.map { row in
            let variant = try Self.variant(from: row, currency: currency)
            return (variant.id, variant)
        })
        return ids.compactMap { byID[$0] }
    }

    func catalogVariants(shop: ShopID, ids: [VariantID]) async throws -> [CatalogVariant] {
        guard !ids.isEmpty, let currency = try await context.currency(of: shop) else { return [] }
        let productColumns: SQLQueryString = """
            p.title AS product_title, p.vendor AS product_vendor, p.product_type AS product_type,
            p.options AS product_options,
            (SELECT COUNT(*) FROM product_variants o WHERE o.shop_id = v.shop_id AND o.product_id = v.product_id)
                AS product_variant_count
            """
        let rows = try await context.all("SELECT " + Self.variantColumns + ", " + productColumns + " FROM " + Self.variantJoin + """
             JOIN products p ON p.shop_id = v.shop_id AND p.id = v.product_id
            WHERE v.shop_id = \(bind: shop.rawValue) AND v.id IN (\(binds: ids.map(\.rawValue)))
            """)
        return try rows.map { row in
            CatalogVariant(
                variant: try Self.variant(from: row, currency: currency), productTitle: try row.string("product_title"),
                vendor: try row.string("product_vendor"), productType: try row.string("product_type"),
                isProductsOnlyDefaultVariant: Product.hasOnlyDefaultVariant(
                    variantCount: try row.int("product_variant_count"), options: try Self.options(row, column: "product_options")))
        }
    }

    func variant(shop: ShopID, inventoryItem: InventoryItemID) async throws -> ProductVariant? {
        guard let currency = try await context.currency(of: shop) else { return nil }
        return try await context.first(Self.variantSelect + """
             WHERE v.shop_id = \(bind: shop.rawValue) AND v.inventory_item_id = \(bind: inventoryItem.rawValue)
            """).map { try Self.variant(from: $0, currency: currency) }
    }

    static let variantSearch = SearchSchema(
        fields: [
            "sku": SearchPredicates.text("v.sku"),
            "barcode": SearchPredicates.text("v.barcode"),
            "product_id": SearchPredicates.integer("v.product_id"),
            "id": SearchPredicates.integer("v.id"),
            "title": { term, _ in
                "EXISTS (SELECT 1 FROM products p WHERE p.shop_id = v.shop_id AND p.id = v.product_id AND "
                    + SearchPredicates.text("p.title")(term, 0)! + ")"
            },
            "updated_at": SearchPredicates.timestamp("v.updated_at"),
            "created_at": SearchPredicates.timestamp("v.created_at"),
        ],
        freeText: { term, _ in
            let pattern = "%" + SearchPredicates.escapeLike(term.value.lowercased()) + "%"
            return """
                LOWER(v.sku) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(v.option_values) LIKE \(bind: pattern) ESCAPE '\\' \
                OR EXISTS (SELECT 1 FROM products p WHERE p.shop_id = v.shop_id AND p.id = v.product_id \
                AND LOWER(p.title) LIKE \(bind: pattern) ESCAPE '\\')
                """
        })

    func variants(shop: ShopID, matching query: SearchQuery, sortedBy sort: VariantSortKey,
                  page: PageRequest) async throws -> Page<ProductVariant> {
        guard let currency = try await context.currency(of: shop) else {
            return Page(items: [], cursors: [], hasNextPage: false, hasPreviousPage: false)
        }
        let from: SQLQueryString = "product_variants v JOIN inventory_items i ON i.shop_id = v.shop_id AND i.id = v.inventory_item_id"
        let keyset: Keyset = switch sort {
        case .id: Keyset(from: from, alias: "v", sortExpression: nil, sortIsText: false)
        case .sku: Keyset(from: from, alias: "v", sortExpression: "COALESCE(v.sku, '')", sortIsText: true)
        case .title: Keyset(from: from, alias: "v", sortExpression: "v.option_values", sortIsText: true)
        case .position: Keyset(from: from, alias: "v", sortExpression: "v.position", sortIsText: false)
        }
        let select: SQLQueryString = """
            v.*, i.sku AS item_sku, i.tracked, i.requires_shipping, i.weight_value, i.weight_unit, i.cost,
            i.created_at AS item_created_at
            """
        let result = try await keyset.page(context, select: select, shop: shop.rawValue,
                                           filter: Self.variantSearch.predicate(for: query, shop: shop.rawValue), request: page)
        return Page(items: try result.rows.map { try Self.variant(from: $0, currency: currency) }, cursors: result.cursors,
                    hasNextPage: result.hasNext, hasPreviousPage: result.hasPrevious)
    }
}

/// The side tables that hold one lower-cased row per tag, so that `tag:` searches use an index.
struct TagTable {
    let table: String
    let ownerColumn: String

    static let product = TagTable(table: "product_tags", ownerColumn: "product_id")
    static let customer = TagTable(table: "customer_tags", ownerColumn: "customer_id")
    static let draftOrder = TagTable(table: "draft_order_tags", ownerColumn: "draft_order_id")
    static let order = TagTable(table: "order_tags", ownerColumn: "order_id")

    /// Writes the owner's tag rows; `isNew` skips clearing rows a new owner cannot have.
    func replace(shop: Int64, owner: Int64, tags: [String], isNew: Bool = false, in context: SQLContext) async throws {
        if !isNew {
            try await context.run("""
                DELETE FROM \(unsafeRaw: table) WHERE shop_id = \(bind: shop) AND \(unsafeRaw: ownerColumn) = \(bind: owner)
                """)
        }
        let keys = Self.keys(tags)
        guard !keys.isEmpty else { return }
        var values = SQLValueRows(columns: 3, capacity: keys.count)
        for key in keys { values.append(shop, owner, key) }
        try await context.run("INSERT INTO \(unsafeRaw: table) (shop_id, \(unsafeRaw: ownerColumn), tag) VALUES \(values)")
    }

    /// The rows' tags: matched without case, so each once, lowercased.
    static func keys(_ tags: [String]) -> [String] {
        Array(Set(tags.map { $0.lowercased() })).sorted()
    }
}
