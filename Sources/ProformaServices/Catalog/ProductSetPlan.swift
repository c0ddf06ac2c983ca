import ProformaCore

/// What `productSet` will write, worked out and checked before anything is written.
struct ProductSetPlan: Sendable {
    struct VariantPlan: Sendable {
        var existingID: VariantID?
        var fields: VariantFields
        var quantities: [ProductSetInput.QuantityInput]
        /// Index in the input, for error paths.
        var inputIndex: Int?
    }

    var fields: ProductFields
    var variants: [VariantPlan]
    var deletedVariants: [VariantID]

    static let maximumOptions = 3
    static let maximumVariants = 2048

    /// Checks `input` against the product it updates (nil when creating) and returns the plan
    /// or every problem found, with paths relative to the input (`["variants", "0", "price"]`).
    static func make(
        _ input: ProductSetInput, existing: Product?, handle: String, currency: CurrencyCode,
        locations: Set<LocationID>
    ) -> Result<ProductSetPlan, ValidationErrors> {
        var errors = ValidationErrors()

        let title = (input.title ?? existing?.title ?? "").trimmingWhitespace()
        if title.isEmpty { errors.add(["title"], "Title can't be blank", code: "BLANK") }
        if title.count > 255 { errors.add(["title"], "Title is too long (maximum is 255 characters)", code: "TOO_LONG") }
        let tags = input.tags.map(Tags.normalize) ?? existing?.tags ?? []
        if tags.count > Tags.maximumCount { errors.add(["tags"], "Tags cannot be more than \(Tags.maximumCount)") }

        // Options: given explicitly, or kept, or derived from the variants' option names.
        var options: [ProductOption]
        let optionsGiven = input.options != nil
        if let given = input.options {
            options = []
            var names = Set<String>()
            for (index, option) in given.enumerated() {
                let name = option.name.trimmingWhitespace()
                if name.isEmpty { errors.add(["options", String(index), "name"], "Option name can't be blank") }
                if !names.insert(name.lowercased()).inserted {
                    errors.add(["options", String(index), "name"], "Option name '\(name)' is used twice")
                }
                var values: [String] = []
                for (valueIndex, value) in option.values.enumerated() {
                    let trimmed = value.trimmingWhitespace()
                    if trimmed.isEmpty {
                        errors.add(["options", String(index), "values", String(valueIndex)], "Option value can't be blank")
                    } else if values.contains(trimmed) {
                        errors.add(["options", String(index), "values", String(valueIndex)],
                                   "Option value '\(trimmed)' is used twice")
                    } else {
                        values.append(trimmed)
                    }
                }
                options.append(ProductOption(name: name, position: index + 1, values: values))
            }
        } else if let variants = input.variants {
            var names: [String] = []
            for variant in variants {
                for value in variant.optionValues where !names.contains(value.optionName.trimmingWhitespace()) {
                    names.append(value.optionName.trimmingWhitespace())
                }
            }
            options = names.enumerated().map { ProductOption(name: $1, position: $0 + 1, values: []) }
            if options.isEmpty, let existing { options = existing.options.map { ProductOption(name: $0.name, position: $0.position, values: []) } }
        } else {
            options = existing?.options ?? []
        }
        if options.isEmpty { options = [ProductOption(name: ProductOption.defaultName, position: 1, values: [])] }
        if options.count > maximumOptions {
            errors.add(["options"], "Products can have at most \(maximumOptions) options", code: "TOO_MANY")
        }

        // Variants: given, or kept, or one default variant for a new product.
        var plans: [VariantPlan] = []
        var deleted: [VariantID] = []
        if let inputs = input.variants {
            if inputs.count > maximumVariants {
                errors.add(["variants"], "Products can have at most \(maximumVariants) variants", code: "TOO_MANY")
            }
            var unmatched = existing?.variants ?? []
            var combinations = Set<[String]>()
            let isDefaultProduct = options.count == 1 && options[0].name == ProductOption.defaultName
            for (index, variantInput) in inputs.enumerated() {
                let path = ["variants", String(index)]
                var values: [String] = []
                for (optionIndex, option) in options.enumerated() {
                    let given = variantInput.optionValues.first {
                        $0.optionName.trimmingWhitespace().lowercased() == option.name.lowercased()
                    }?.name.trimmingWhitespace()
                    guard let value = given ?? (isDefaultProduct ? ProductOption.defaultValue : nil), !value.isEmpty else {
                        errors.add(path + ["optionValues"], "A value for option '\(option.name)' is required")
                        continue
                    }
                    if !options[optionIndex].values.contains(value) {
                        if optionsGiven && !isDefaultProduct {
                            errors.add(path + ["optionValues"], "Option '\(option.name)' has no value '\(value)'")
                        } else {
                            options[optionIndex].values.append(value)
                        }
                    }
                    values.append(value)
                }
                for (valueIndex, value) in variantInput.optionValues.enumerated()
                where !options.contains(where: { $0.name.lowercased() == value.optionName.trimmingWhitespace().lowercased() }) {
                    errors.add(path + ["optionValues", String(valueIndex), "optionName"],
                               "The product has no option '\(value.optionName)'")
                }
                if values.count == options.count, !combinations.insert(values).inserted {
                    errors.add(path + ["optionValues"], "The variant '\(values.joined(separator: " / "))' already exists",
                               code: "TAKEN")
                }

                var match: ProductVariant?
                if let id = variantInput.id {
                    if let found = unmatched.firstIndex(where: { $0.id == id }) {
                        match = unmatched.remove(at: found)
                    } else {
                        errors.add(path + ["id"], "Product variant does not exist", code: "NOT_FOUND")
                    }
                } else if let found = unmatched.firstIndex(where: { $0.optionValues == values }) {
                    match = unmatched.remove(at: found)
                }
                let fields = variantFields(variantInput, existing: match, optionValues: values, position: index + 1,
                                           currency: currency, path: path, errors: &errors)
                let quantities = variantInput.inventoryQuantities ?? []
                for (quantityIndex, quantity) in quantities.enumerated() where !locations.contains(quantity.locationID) {
                    errors.add(path + ["inventoryQuantities", String(quantityIndex), "locationId"], "Location not found",
                               code: "NOT_FOUND")
                }
                plans.append(VariantPlan(existingID: match?.id, fields: fields, quantities: quantities, inputIndex: index))
            }
            deleted = unmatched.map(\.id)
        } else if let existing {
            plans = existing.variants.map { VariantPlan(existingID: $0.id, fields: VariantFields($0), quantities: []) }
            for variant in existing.variants {
                for (index, value) in variant.optionValues.enumerated() where index < options.count {
                    if !options[index].values.contains(value) { options[index].values.append(value) }
                }
            }
        } else {
            let values = options.map { _ in ProductOption.defaultValue }
            for index in options.indices where options[index].values.isEmpty {
                options[index].values = [ProductOption.defaultValue]
            }
            let fields = variantFields(ProductSetInput.VariantInput(), existing: nil, optionValues: values, position: 1,
                                       currency: currency, path: ["variants", "0"], errors: &errors)
            plans = [VariantPlan(existingID: nil, fields: fields, quantities: [])]
        }
        if plans.isEmpty { errors.add(["variants"], "A product needs at least one variant") }

        guard errors.isEmpty else { return .failure(errors) }
        let status = input.status ?? existing?.status ?? .active
        let fields = ProductFields(
            title: title, handle: handle,
            descriptionHtml: input.descriptionHtml ?? existing?.descriptionHtml ?? "",
            vendor: (input.vendor ?? existing?.vendor ?? "").trimmingWhitespace(),
            productType: (input.productType ?? existing?.productType ?? "").trimmingWhitespace(),
            tags: tags, status: status, options: options, publishedAt: existing?.publishedAt)
        return .success(ProductSetPlan(fields: fields, variants: plans, deletedVariants: deleted))
    }

    private static func variantFields(
        _ input: ProductSetInput.VariantInput, existing: ProductVariant?, optionValues: [String], position: Int,
        currency: CurrencyCode, path: [String], errors: inout ValidationErrors
    ) -> VariantFields {
        func money(_ value: ExactDecimal?, _ key: String, _ label: String) -> Money? {
            guard let value else { return nil }
            guard let money = Money(exactly: value, currency: currency) else {
                errors.add(path + [key], "\(label) must have at most \(currency.minorUnitDigits) decimal places")
                return nil
            }
            if money.isNegative {
                errors.add(path + [key], "\(label) must be greater than or equal to 0", code: "GREATER_THAN_OR_EQUAL_TO")
                return nil
            }
            return money
        }
        let price = money(input.price, "price", "Price") ?? existing?.price ?? .zero(currency)
        let compareAt = input.compareAtPrice.map { _ in money(input.compareAtPrice, "compareAtPrice", "Compare-at price") }
            ?? existing?.compareAtPrice
        let cost = input.cost.map { _ in money(input.cost, "cost", "Cost") } ?? existing?.inventoryItem.cost
        if let weight = input.weight, weight.value.isNegative {
            errors.add(path + ["weight"], "Weight must be greater than or equal to 0")
        }
        let sku = input.sku.map { $0.trimmingWhitespace().nonEmpty } ?? existing?.sku
        return VariantFields(
            optionValues: optionValues, sku: sku,
            barcode: input.barcode.map { $0.trimmingWhitespace().nonEmpty } ?? existing?.barcode,
            price: price, compareAtPrice: compareAt ?? nil,
            taxable: input.taxable ?? existing?.taxable ?? true,
            inventoryPolicy: input.inventoryPolicy ?? existing?.inventoryPolicy ?? .deny,
            position: position,
            tracked: input.tracked ?? existing?.inventoryItem.tracked ?? true,
            requiresShipping: input.requiresShipping ?? existing?.inventoryItem.requiresShipping ?? true,
            weight: input.weight ?? existing?.inventoryItem.weight ?? .grams(0),
            cost: cost ?? nil)
    }
}
