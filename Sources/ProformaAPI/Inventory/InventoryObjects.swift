import Foundation
import ProformaCore
import ProformaServices

struct InventoryItemObject: AdminObject {
    let typeName = "InventoryItem"
    let item: InventoryItem
    let variant: ProductVariant

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": return .string(GlobalID.make("InventoryItem", item.id))
        case "legacyResourceId": return .string(String(item.id.rawValue))
        case "sku": return .optional(item.sku)
        case "tracked": return .bool(item.tracked)
        case "requiresShipping": return .bool(item.requiresShipping)
        case "measurement": return .object(MeasurementObject(id: item.id, weight: item.weight))
        case "unitCost": return .optional(item.cost.map(MoneyV2Object.init))
        case "variant": return .object(ProductVariantObject(variant))
        case "createdAt": return .string(variant.createdAt.iso8601)
        case "updatedAt": return .string(variant.updatedAt.iso8601)
        case "inventoryLevel":
            let location: LocationID = try GlobalID.id(field["locationId"]?.string ?? "", "Location")
            let levels = try await context.loader.levels(of: item.id)
            return .optional(levels.first { $0.locationID == location }.map { InventoryLevelObject(level: $0) })
        case "inventoryLevels":
            let levels = try await context.loader.levels(of: item.id)
            let page = PageSlicer.page(levels, key: \.locationID.rawValue, id: \.locationID.rawValue,
                                       request: try ConnectionObject.pageRequest(field))
            return .object(ConnectionObject("InventoryLevelConnection", page: page) { InventoryLevelObject(level: $0) })
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct MeasurementObject: AdminObject {
    let typeName = "InventoryItemMeasurement"
    let id: InventoryItemID
    let weight: Weight

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .string(GlobalID.make("InventoryItemMeasurement", id.rawValue))
        case "weight": .object(WeightObject(weight: weight))
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct InventoryLevelObject: AdminObject {
    let typeName = "InventoryLevel"
    let level: InventoryLevel

    /// Shopify's form: the location id, qualified by the item.
    var id: String {
        GlobalID.make("InventoryLevel", level.locationID.rawValue, query: "inventory_item_id=\(level.itemID.rawValue)")
    }

    /// Names Shopify defines that Proforma does not track are reported as zero.
    static let untrackedNames: Set<String> = ["incoming", "damaged", "quality_control", "safety_stock"]

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": return .string(id)
        case "quantities":
            var quantities: [AnyAdminObject] = []
            for name in field["names"]?.strings ?? [] {
                let quantity: Int64
                if let known = InventoryQuantityName(rawValue: name) {
                    quantity = level.quantity(known)
                } else if Self.untrackedNames.contains(name) {
                    quantity = 0
                } else {
                    throw GraphQLFieldError("The quantity name '\(name)' is not valid.", extensions: ["code": .string("BAD_REQUEST")])
                }
                quantities.append(InventoryQuantityObject(levelID: id, name: name, quantity: quantity, updatedAt: level.updatedAt))
            }
            return .list(quantities.map { .object($0) })
        case "item":
            guard let variant = try await context.services.catalog.variant(shop: context.shopID, inventoryItem: level.itemID) else {
                return .null
            }
            return .object(InventoryItemObject(item: variant.inventoryItem, variant: variant))
        case "location": return .optional(try await context.loader.location(level.locationID).map(LocationObject.init))
        case "canDeactivate": return .bool(level.reserved == 0 && level.committed == 0)
        case "createdAt": return .string(level.createdAt.iso8601)
        case "updatedAt": return .string(level.updatedAt.iso8601)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct InventoryQuantityObject: AdminObject {
    let typeName = "InventoryQuantity"
    let levelID: String
    let name: String
    let quantity: Int64
    let updatedAt: Timestamp

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .string(levelID.replacingOccurrences(of: "InventoryLevel", with: "InventoryQuantity") + "&name=\(name)")
        case "name": .string(name)
        case "quantity": .int(Int(quantity))
        case "updatedAt": .string(updatedAt.iso8601)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct InventoryAdjustmentGroupObject: AdminObject {
    let typeName = "InventoryAdjustmentGroup"
    let adjustment: InventoryAdjustment

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": return .string(GlobalID.make("InventoryAdjustmentGroup", adjustment.createdAt.millisecondsSince1970))
        case "createdAt": return .string(adjustment.createdAt.iso8601)
        case "reason": return .string(adjustment.reason)
        case "referenceDocumentUri": return .optional(adjustment.referenceDocumentURI)
        case "changes":
            let names = field["quantityNames"]?.strings.map(Set.init)
            let items = field["inventoryItemIds"]?.strings.map(Set.init)
            let locations = field["locationIds"]?.strings.map(Set.init)
            let changes = adjustment.changes.filter { change in
                names.map { $0.contains(change.name.rawValue) } ?? true
                    && items.map { $0.contains(GlobalID.make("InventoryItem", change.item)) } ?? true
                    && locations.map { $0.contains(GlobalID.make("Location", change.location)) } ?? true
            }
            return .objects(changes.map { InventoryChangeObject(change: $0) })
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct InventoryChangeObject: AdminObject {
    let typeName = "InventoryChange"
    let change: InventoryAdjustment.Change

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "name": return .string(change.name.rawValue)
        case "delta": return .int(Int(change.delta))
        case "quantityAfterChange": return .int(Int(change.quantityAfterChange))
        case "ledgerDocumentUri": return .null
        case "location": return .optional(try await context.loader.location(change.location).map(LocationObject.init))
        case "item":
            guard let variant = try await context.services.catalog.variant(shop: context.shopID, inventoryItem: change.item) else {
                return .null
            }
            return .object(InventoryItemObject(item: variant.inventoryItem, variant: variant))
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}
