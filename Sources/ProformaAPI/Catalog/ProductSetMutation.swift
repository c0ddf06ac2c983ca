import ProformaCore
import ProformaServices

/// `productSet(input:, identifier:)`: the Admin API's create-or-update of a whole product.
enum ProductSetMutation {
    static let resolve: RootResolver = { field, context in
        try context.require(.writeProducts, for: "productSet")
        guard let input = field["input"] else { throw GraphQLFieldError("input is required") }
        let (setInput, problems) = decode(input, identifier: field["identifier"])
        guard problems.isEmpty else { return payload(errors: problems) }
        do {
            let product = try await context.services.catalog.setProduct(
                shop: context.shopID, setInput, identifyingHandle: field["identifier"]?["handle"]?.string)
            context.loader.register([product])
            return .object(PayloadObject(typeName: "ProductSetPayload", fields: [
                "product": .object(ProductObject(product)),
                "productSetOperation": .null,
                "userErrors": .list([]),
            ]))
        } catch let errors as ValidationErrors {
            return payload(errors: errors)
        }
    }

    private static func payload(errors: ValidationErrors) -> AdminValue {
        .object(PayloadObject(typeName: "ProductSetPayload", fields: [
            "product": .null,
            "productSetOperation": .null,
            "userErrors": UserErrorObject.list(errors, under: "input", typeName: "ProductSetUserError"),
        ]))
    }

    /// Translates the GraphQL input into the use case's; ids of the wrong kind are user errors.
    static func decode(_ input: InputValue, identifier: InputValue?) -> (ProductSetInput, ValidationErrors) {
        var errors = ValidationErrors()
        var result = ProductSetInput()
        if let text = input["id"]?.string ?? identifier?["id"]?.string {
            result.id = GlobalID.optionalID(text, "Product")
            if result.id == nil { errors.add(["id"], "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST") }
        }
        result.handle = input["handle"]?.string
        result.title = input["title"]?.string
        result.descriptionHtml = input["descriptionHtml"]?.string
        result.vendor = input["vendor"]?.string
        result.productType = input["productType"]?.string
        result.tags = input["tags"]?.strings
        result.status = input["status"]?.string.flatMap(ProductStatus.init(rawValue:))
        result.options = input["productOptions"]?.list?.map { option in
            ProductSetInput.OptionInput(name: option["name"]?.string ?? "",
                                        values: option["values"]?.list?.compactMap { $0["name"]?.string } ?? [])
        }
        if let variants = input["variants"]?.list {
            result.variants = variants.enumerated().map { index, variant in
                decodeVariant(variant, path: ["variants", String(index)], errors: &errors)
            }
        }
        return (result, errors)
    }

    private static func decodeVariant(_ variant: InputValue, path: [String],
                                      errors: inout ValidationErrors) -> ProductSetInput.VariantInput {
        var result = ProductSetInput.VariantInput()
        if let text = variant["id"]?.string {
            result.id = GlobalID.optionalID(text, "ProductVariant")
            if result.id == nil { errors.add(path + ["id"], "Product variant does not exist", code: "NOT_FOUND") }
        }
        result.optionValues = (variant["optionValues"]?.list ?? []).map {
            .init(optionName: $0["optionName"]?.string ?? "", name: $0["name"]?.string ?? "")
        }
        result.price = variant["price"]?.decimal
        result.compareAtPrice = variant["compareAtPrice"]?.decimal
        result.taxable = variant["taxable"]?.bool
        result.barcode = variant["barcode"]?.string
        result.inventoryPolicy = variant["inventoryPolicy"]?.string.flatMap(InventoryPolicy.init(rawValue:))
        let item = variant["inventoryItem"]
        result.sku = item?["sku"]?.string ?? variant["sku"]?.string
        result.tracked = item?["tracked"]?.bool
        result.requiresShipping = item?["requiresShipping"]?.bool
        result.cost = item?["cost"]?.decimal
        if let weight = item?["measurement"]?["weight"] {
            if let unit = weight["unit"]?.string.flatMap(WeightUnit.init(rawValue:)),
               let value = weight["value"]?.double.flatMap(ExactDecimal.init(_:)) {
                result.weight = Weight(value: value, unit: unit)
            }
        }
        if let quantities = variant["inventoryQuantities"]?.list {
            result.inventoryQuantities = quantities.enumerated().compactMap { index, quantity in
                let quantityPath = path + ["inventoryQuantities", String(index)]
                guard let location: LocationID = quantity["locationId"]?.string.flatMap({ GlobalID.optionalID($0, "Location") }) else {
                    errors.add(quantityPath + ["locationId"], "Location not found", code: "NOT_FOUND")
                    return nil
                }
                guard let name = quantity["name"]?.string.flatMap(InventoryQuantityName.init(rawValue:)),
                      name == .available || name == .onHand else {
                    errors.add(quantityPath + ["name"], "The quantity name must be either 'available' or 'on_hand'",
                               code: "INVALID")
                    return nil
                }
                return .init(locationID: location, name: name, quantity: Int64(quantity["quantity"]?.int ?? 0))
            }
        }
        return result
    }
}

/// A mutation payload: a fixed set of already-resolved fields.
struct PayloadObject: AdminObject {
    let typeName: String
    let fields: [String: AdminValue]

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        guard let value = fields[field.name] else { throw UnknownField(type: typeName, field: field.name) }
        return value
    }
}
