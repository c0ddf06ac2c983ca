import Foundation
import HTTPTypes
import ProformaCore
import ProformaServices

/// `products.json`, `variants/{id}.json` and `inventory_levels.json`, read-only, in Shopify's
/// REST dialect. A variant's `inventory_quantity` is what is available across locations.
struct CatalogREST {
    let services: Services

    func addRoutes(to routes: RESTRoutes) {
        routes.get("products.json") { rest in
            try rest.require(.readProducts)
            let paging = try RESTPaging(rest, filterNames: Self.productFilters)
            let page = try await services.catalog.products(shop: rest.shopID, matching: try Self.productQuery(paging),
                                                           sortedBy: .id, page: paging.request)
            let available = try await available(page.items.flatMap(\.variants), rest)
            let fields = rest.fields
            return RESTResponse(body: ["products": .array(page.items.map { .object(product($0, available).only(fields)) })],
                                link: paging.link(for: page, rest))
        }
        routes.get("products/count.json") { rest in
            try rest.require(.readProducts)
            let count = try await services.catalog.countProducts(
                shop: rest.shopID, matching: try Self.productQuery(try RESTPaging(rest, filterNames: Self.productFilters)))
            return RESTResponse(body: ["count": .int(Int64(count))])
        }
        routes.get("products/{id}.json") { rest in
            try rest.require(.readProducts)
            guard let found = try await services.catalog.product(shop: rest.shopID, id: ProductID(try rest.id())) else {
                throw RESTError.notFound
            }
            let available = try await available(found.variants, rest)
            return RESTResponse(body: ["product": .object(product(found, available).only(rest.fields))])
        }
        routes.get("variants/{id}.json") { rest in
            try rest.require(.readProducts)
            guard let found = try await services.catalog.variants(shop: rest.shopID, ids: [VariantID(try rest.id())]).first else {
                throw RESTError.notFound
            }
            let available = try await available([found], rest)
            return RESTResponse(body: ["variant": .object(variant(found, available).only(rest.fields))])
        }
        routes.get("inventory_levels.json") { try await inventoryLevels($0) }
    }

    static let productFilters = ["ids", "since_id", "created_at_min", "created_at_max", "updated_at_min", "updated_at_max",
                                 "vendor", "product_type", "handle", "status", "title"]

    static func productQuery(_ paging: RESTPaging) throws -> SearchQuery {
        var terms = try paging.commonTerms()
        for name in ["vendor", "product_type", "status", "title"] {
            if let value = paging.filters[name] { terms.append(.term(SearchTerm(field: name, value: value))) }
        }
        if let handles = paging.filters["handle"] {
            terms.append(.or(handles.split(separator: ",").map { .term(SearchTerm(field: "handle", value: String($0))) }))
        }
        return .all(terms)
    }

    /// Needs `inventory_item_ids` or `location_ids`, as Shopify's does; paged by location, then
    /// item, with `Link` cursors like every list.
    private func inventoryLevels(_ rest: RESTRequest) async throws -> RESTResponse {
        try rest.require(.readInventory)
        let paging = try RESTPaging(rest, filterNames: ["inventory_item_ids", "location_ids"])
        func ids(_ name: String) throws -> [Int64]? {
            guard let text = paging.filters[name] else { return nil }
            let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let ids = parts.compactMap { Int64($0) }
            guard !ids.isEmpty, ids.count == parts.count else {
                throw RESTError(status: .badRequest, message: [name: ["must be a comma-separated list of ids"]])
            }
            return ids
        }
        let items = try ids("inventory_item_ids")?.map(InventoryItemID.init)
        guard items != nil || paging.filters["location_ids"] != nil else {
            throw RESTError(status: .unprocessableContent,
                            message: ["base": ["inventory_item_ids, location_ids, or both must be given"]])
        }
        var locations = try ids("location_ids")?.map(LocationID.init) ?? []
        if locations.isEmpty { locations = try await services.shops.locations(shop: rest.shopID).map(\.id) }
        let page = try await services.inventory.levels(shop: rest.shopID, locations: locations, items: items,
                                                       page: paging.request)
        return RESTResponse(body: ["inventory_levels": .array(page.items.map { .object(Self.inventoryLevel($0)) })],
                            link: paging.link(for: page, rest))
    }

    static func inventoryLevel(_ level: InventoryLevel) -> RESTObject {
        [
            "inventory_item_id": .int(level.itemID.rawValue), "location_id": .int(level.locationID.rawValue),
            "available": .int(level.available), "updated_at": .time(level.updatedAt),
            "admin_graphql_api_id": .string("gid://shopify/InventoryLevel/\(level.locationID.rawValue)?inventory_item_id=\(level.itemID.rawValue)"),
        ]
    }

    private func available(_ variants: [ProductVariant], _ rest: RESTRequest) async throws -> [InventoryItemID: Int64] {
        let levels = try await services.inventory.levels(shop: rest.shopID, items: variants.map(\.inventoryItem.id))
        return levels.reduce(into: [:]) { $0[$1.itemID, default: 0] += $1.available }
    }

    private func product(_ product: Product, _ available: [InventoryItemID: Int64]) -> RESTObject {
        [
            "id": .int(product.id.rawValue), "title": .string(product.title), "body_html": .string(product.descriptionHtml),
            "vendor": .string(product.vendor), "product_type": .string(product.productType),
            "created_at": .time(product.createdAt), "handle": .string(product.handle), "updated_at": .time(product.updatedAt),
            "published_at": .time(product.publishedAt), "template_suffix": nil,
            "published_scope": "web", "tags": RESTShapes.tags(product.tags),
            "status": .string(product.status.rawValue.lowercased()),
            "admin_graphql_api_id": RESTShapes.gid("Product", product.id.rawValue),
            "variants": .array(product.variants.map { .object(variant($0, available)) }),
            "options": .array(product.options.map { option in
                ["product_id": .int(product.id.rawValue), "name": .string(option.name),
                 "position": .int(Int64(option.position)), "values": .array(option.values.map(RESTValue.string))]
            }),
            "images": [], "image": nil,
        ]
    }

    private func variant(_ variant: ProductVariant, _ available: [InventoryItemID: Int64]) -> RESTObject {
        let item = variant.inventoryItem
        let quantity = available[item.id] ?? 0
        var fields: RESTObject = [
            "id": .int(variant.id.rawValue), "product_id": .int(variant.productID.rawValue), "title": .string(variant.title),
            "price": .money(variant.price), "position": .int(Int64(variant.position)),
            "inventory_policy": .string(variant.inventoryPolicy == .continue ? "continue" : "deny"),
            "compare_at_price": variant.compareAtPrice.map(RESTValue.money) ?? .null,
        ]
        for index in 0..<3 {
            fields["option\(index + 1)"] = .text(index < variant.optionValues.count ? variant.optionValues[index] : nil)
        }
        for (key, value) in [
            ("created_at", RESTValue.time(variant.createdAt)), ("updated_at", .time(variant.updatedAt)),
            ("taxable", .bool(variant.taxable)), ("barcode", .text(variant.barcode)), ("fulfillment_service", "manual"),
            ("grams", .int(item.weight.grams)), ("inventory_management", item.tracked ? "shopify" : nil),
            ("requires_shipping", .bool(item.requiresShipping)), ("sku", .text(variant.sku)),
            ("weight", .number(item.weight.value.description)), ("weight_unit", .string(Self.unit(item.weight.unit))),
            ("inventory_item_id", .int(item.id.rawValue)), ("inventory_quantity", .int(quantity)),
            ("old_inventory_quantity", .int(quantity)), ("image_id", nil),
            ("admin_graphql_api_id", RESTShapes.gid("ProductVariant", variant.id.rawValue)),
        ] as [(String, RESTValue)] {
            fields[key] = value
        }
        return fields
    }

    private static func unit(_ unit: WeightUnit) -> String {
        switch unit {
        case .grams: "g"
        case .kilograms: "kg"
        case .ounces: "oz"
        case .pounds: "lb"
        }
    }
}
