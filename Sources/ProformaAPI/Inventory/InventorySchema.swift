import ProformaCore
import ProformaServices

/// Inventory items, levels with their named quantities, and `inventorySetQuantities`.
enum InventorySchema {
    static let sdl = """
        type InventoryItem implements Node {
          id: ID!
          legacyResourceId: UnsignedInt64!
          sku: String
          tracked: Boolean!
          requiresShipping: Boolean!
          measurement: InventoryItemMeasurement!
          unitCost: MoneyV2
          variant: ProductVariant!
          inventoryLevel(locationId: ID!): InventoryLevel
          inventoryLevels(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): InventoryLevelConnection!
          createdAt: DateTime!
          updatedAt: DateTime!
        }

        type InventoryItemMeasurement implements Node {
          id: ID!
          weight: Weight
        }

        type InventoryLevel implements Node {
          id: ID!
          quantities(names: [String!]!): [InventoryQuantity!]!
          item: InventoryItem!
          location: Location!
          canDeactivate: Boolean!
          createdAt: DateTime!
          updatedAt: DateTime!
        }

        type InventoryQuantity implements Node {
          id: ID!
          name: String!
          quantity: Int!
          updatedAt: DateTime
        }

        type InventoryLevelConnection {
          edges: [InventoryLevelEdge!]!
          nodes: [InventoryLevel!]!
          pageInfo: PageInfo!
        }

        type InventoryLevelEdge {
          cursor: String!
          node: InventoryLevel!
        }

        input InventorySetQuantitiesInput {
          name: String!
          reason: String!
          referenceDocumentUri: String
          ignoreCompareQuantity: Boolean = false
          quantities: [InventoryQuantityInput!]!
        }

        input InventoryQuantityInput {
          inventoryItemId: ID!
          locationId: ID!
          quantity: Int!
          compareQuantity: Int
          changeFromQuantity: Int
        }

        type InventoryAdjustmentGroup implements Node {
          id: ID!
          createdAt: DateTime!
          reason: String!
          referenceDocumentUri: String
          changes(inventoryItemIds: [ID!], locationIds: [ID!], quantityNames: [String!]): [InventoryChange!]!
        }

        type InventoryChange {
          name: String!
          delta: Int!
          quantityAfterChange: Int
          item: InventoryItem
          location: Location
          ledgerDocumentUri: URL
        }

        enum InventorySetQuantitiesUserErrorCode {
          INVALID_NAME INVALID_REASON INVALID_QUANTITY INVALID_QUANTITY_TOO_LOW INVALID_QUANTITY_TOO_HIGH
          COMPARE_QUANTITY_REQUIRED COMPARE_QUANTITY_STALE INVALID_INVENTORY_ITEM INVALID_LOCATION
          ITEM_NOT_STOCKED_AT_LOCATION NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR
        }

        type InventorySetQuantitiesUserError {
          field: [String!]
          message: String!
          code: InventorySetQuantitiesUserErrorCode
        }

        type InventorySetQuantitiesPayload {
          inventoryAdjustmentGroup: InventoryAdjustmentGroup
          userErrors: [InventorySetQuantitiesUserError!]!
        }
        """

    static let queries = """
          inventoryItem(id: ID!): InventoryItem
          inventoryLevel(id: ID!): InventoryLevel
        """

    static let mutations = """
          inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload
        """

    static let queryResolvers: [String: RootResolver] = [
        "inventoryItem": { field, context in
            try context.require(.readInventory, for: "inventoryItem")
            let id: InventoryItemID = try GlobalID.id(field["id"]?.string ?? "", "InventoryItem")
            guard let variant = try await context.services.catalog.variant(shop: context.shopID, inventoryItem: id) else {
                return .null
            }
            return .object(InventoryItemObject(item: variant.inventoryItem, variant: variant))
        },
        "inventoryLevel": { field, context in
            try context.require(.readInventory, for: "inventoryLevel")
            let text = field["id"]?.string ?? ""
            guard let parsed = GlobalID.parse(text), parsed.type == "InventoryLevel",
                  let itemText = parsed.query?.split(separator: "&").first(where: { $0.hasPrefix("inventory_item_id=") }),
                  let itemID = Int64(itemText.dropFirst("inventory_item_id=".count)) else {
                throw GraphQLFieldError("Invalid global id '\(text)'", extensions: ["code": .string("argumentLiteralsIncompatible")])
            }
            let levels = try await context.loader.levels(of: InventoryItemID(itemID))
            return .optional(levels.first { $0.locationID.rawValue == parsed.id }.map { InventoryLevelObject(level: $0) })
        },
    ]

    static let mutationResolvers: [String: RootResolver] = [
        "inventorySetQuantities": { field, context in
            try context.require(.writeInventory, for: "inventorySetQuantities")
            let input = field["input"]
            var problems = ValidationErrors()
            var entries: [InventorySetQuantitiesInput.Entry] = []
            for (index, quantity) in (input?["quantities"]?.list ?? []).enumerated() {
                let path = ["quantities", String(index)]
                let item: InventoryItemID? = quantity["inventoryItemId"]?.string.flatMap { GlobalID.optionalID($0, "InventoryItem") }
                let location: LocationID? = quantity["locationId"]?.string.flatMap { GlobalID.optionalID($0, "Location") }
                if item == nil {
                    problems.add(path + ["inventoryItemId"], "The specified inventory item could not be found.",
                                 code: "INVALID_INVENTORY_ITEM")
                }
                if location == nil {
                    problems.add(path + ["locationId"], "The specified location could not be found.", code: "INVALID_LOCATION")
                }
                if let item, let location {
                    let compare = (quantity["changeFromQuantity"] ?? quantity["compareQuantity"])?.int.map(Int64.init)
                    entries.append(.init(item: item, location: location, quantity: Int64(quantity["quantity"]?.int ?? 0),
                                         compareQuantity: compare))
                }
            }
            func failure(_ errors: ValidationErrors) -> AdminValue {
                .object(PayloadObject(typeName: "InventorySetQuantitiesPayload", fields: [
                    "inventoryAdjustmentGroup": .null,
                    "userErrors": UserErrorObject.list(errors, under: "input", typeName: "InventorySetQuantitiesUserError"),
                ]))
            }
            guard problems.isEmpty else { return failure(problems) }
            do {
                let adjustment = try await context.services.inventory.setQuantities(shop: context.shopID, .init(
                    name: input?["name"]?.string ?? "", reason: input?["reason"]?.string ?? "",
                    referenceDocumentURI: input?["referenceDocumentUri"]?.string,
                    ignoreCompareQuantity: input?["ignoreCompareQuantity"]?.bool ?? false, quantities: entries))
                return .object(PayloadObject(typeName: "InventorySetQuantitiesPayload", fields: [
                    "inventoryAdjustmentGroup": .object(InventoryAdjustmentGroupObject(adjustment: adjustment)),
                    "userErrors": .list([]),
                ]))
            } catch let errors as ValidationErrors {
                return failure(errors)
            }
        },
    ]
}
