import Foundation
import ProformaCore
import ProformaServices

struct ProductObject: AdminObject {
    let typeName = "Product"
    let product: Product

    init(_ product: Product) {
        self.product = product
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": return .string(GlobalID.make("Product", product.id))
        case "legacyResourceId": return .string(String(product.id.rawValue))
        case "title": return .string(product.title)
        case "handle": return .string(product.handle)
        case "descriptionHtml": return .string(product.descriptionHtml)
        case "description": return .string(HTMLText.plain(product.descriptionHtml))
        case "vendor": return .string(product.vendor)
        case "productType": return .string(product.productType)
        case "tags": return .strings(product.tags)
        case "status": return .string(product.status.rawValue)
        case "options":
            let options = field["first"]?.int.map { Array(product.options.prefix($0)) } ?? product.options
            return .objects(options.map { ProductOptionObject(product: product, option: $0) })
        case "variants":
            let sortKey = ConnectionObject.sortKey(field, default: VariantSortKey.position)
            let key: (ProductVariant) -> Int64 = sortKey == .id ? { $0.id.rawValue } : { Int64($0.position) }
            let page = PageSlicer.page(product.variants, key: key, id: \.id.rawValue,
                                       request: try ConnectionObject.pageRequest(field))
            return .object(ConnectionObject("ProductVariantConnection", page: page) { ProductVariantObject($0) })
        case "variantsCount": return .object(CountObject(count: product.variants.count, limit: nil))
        case "totalInventory":
            var total: Int64 = 0
            for variant in product.variants {
                total += try await context.loader.levels(of: variant.inventoryItem.id).reduce(0) { $0 + $1.available }
            }
            return .int(Int(total))
        case "tracksInventory": return .bool(product.variants.contains { $0.inventoryItem.tracked })
        case "hasOnlyDefaultVariant": return .bool(product.hasOnlyDefaultVariant)
        case "onlineStoreUrl": return .null
        case "createdAt": return .string(product.createdAt.iso8601)
        case "updatedAt": return .string(product.updatedAt.iso8601)
        case "publishedAt": return .optional(product.publishedAt?.iso8601)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct ProductOptionObject: AdminObject {
    let typeName = "ProductOption"
    let product: Product
    let option: ProductOption

    private var numericID: Int64 { product.id.rawValue * 10 + Int64(option.position) }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": return .string(GlobalID.make("ProductOption", numericID))
        case "name": return .string(option.name)
        case "position": return .int(option.position)
        case "values": return .strings(option.values)
        case "optionValues":
            let index = option.position - 1
            return .objects(option.values.enumerated().map { position, value in
                ProductOptionValueObject(
                    id: GlobalID.make("ProductOptionValue", numericID, query: "position=\(position + 1)"), name: value,
                    hasVariants: product.variants.contains { index < $0.optionValues.count && $0.optionValues[index] == value })
            })
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct ProductOptionValueObject: AdminObject {
    let typeName = "ProductOptionValue"
    let id: String
    let name: String
    let hasVariants: Bool

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .string(id)
        case "name": .string(name)
        case "hasVariants": .bool(hasVariants)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct SelectedOptionObject: AdminObject {
    let typeName = "SelectedOption"
    let name: String
    let value: String

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "name": .string(name)
        case "value": .string(value)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct ProductVariantObject: AdminObject {
    let typeName = "ProductVariant"
    let variant: ProductVariant

    init(_ variant: ProductVariant) {
        self.variant = variant
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": return .string(GlobalID.make("ProductVariant", variant.id))
        case "legacyResourceId": return .string(String(variant.id.rawValue))
        case "title": return .string(variant.title)
        case "displayName":
            let product = try await context.loader.product(variant.productID)
            return .string([product?.title, variant.title].compactMap { $0 }.joined(separator: " - "))
        case "sku": return .optional(variant.sku)
        case "barcode": return .optional(variant.barcode)
        case "price": return .string(variant.price.formattedAmount)
        case "compareAtPrice": return .optional(variant.compareAtPrice?.formattedAmount)
        case "taxable": return .bool(variant.taxable)
        case "position": return .int(variant.position)
        case "inventoryPolicy": return .string(variant.inventoryPolicy.rawValue)
        case "inventoryQuantity": return .int(Int(try await available(context)))
        case "availableForSale":
            let product = try await context.loader.product(variant.productID)
            guard product?.status == .active else { return .bool(false) }
            if !variant.inventoryItem.tracked || variant.inventoryPolicy == .continue { return .bool(true) }
            return .bool(try await available(context) > 0)
        case "selectedOptions":
            let product = try await context.loader.product(variant.productID)
            let names = product?.options.map(\.name) ?? []
            return .objects(zip(names, variant.optionValues).map { SelectedOptionObject(name: $0, value: $1) })
        case "product":
            guard let product = try await context.loader.product(variant.productID) else { return .null }
            return .object(ProductObject(product))
        case "inventoryItem": return .object(InventoryItemObject(item: variant.inventoryItem, variant: variant))
        case "createdAt": return .string(variant.createdAt.iso8601)
        case "updatedAt": return .string(variant.updatedAt.iso8601)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }

    private func available(_ context: AdminContext) async throws -> Int64 {
        try await context.loader.levels(of: variant.inventoryItem.id).reduce(0) { $0 + $1.available }
    }
}

/// Plain text from HTML, for `Product.description`: tags dropped, common entities decoded.
enum HTMLText {
    static func plain(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; continue }
            if character == ">" { inTag = false; continue }
            if !inTag { text.append(character) }
        }
        for (entity, value) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " ")] {
            text = text.replacingOccurrences(of: entity, with: value)
        }
        return text.trimmingWhitespace()
    }
}
