import ProformaCore
import ProformaServices

/// Reads Shopify's product CSV export as-is: several rows per handle make one product, the
/// first carrying the product's fields; rows without option values or variant fields
/// (extra images) are skipped. Stock goes to the shop's first location.
struct ProductCSVImporter {
    let table: CSVTable
    let stockLocation: LocationID?

    struct Parsed {
        var inputs: [ProductSetInput]
        /// The line of each product's first row, and of each of its variant rows.
        var productLines: [Int]
        var variantLines: [[Int]]
    }

    /// Column names for the fields a service error can name.
    static let columnsByField: [String: String] = [
        "title": "Title", "handle": "Handle", "tags": "Tags", "options": "Option1 Name", "optionValues": "Option1 Value",
        "price": "Variant Price", "compareAtPrice": "Variant Compare At Price", "sku": "Variant SKU",
        "weight": "Variant Grams", "cost": "Cost per item", "inventoryQuantities": "Variant Inventory Qty",
        "barcode": "Variant Barcode",
    ]

    func parse() -> Result<Parsed, ImportFailed> {
        var problems: [ImportProblem] = []
        guard let handleColumn = table.column("Handle") else {
            return .failure(ImportFailed(problems: [ImportProblem(line: 1, column: "Handle", message: "the column is missing")]))
        }
        var order: [String] = []
        var groups: [String: [CSVReader.Record]] = [:]
        for row in table.rows {
            guard let handle = table.value(row, handleColumn) else {
                problems.append(ImportProblem(line: row.line, column: "Handle", message: "is empty"))
                continue
            }
            if groups[handle] == nil { order.append(handle) }
            groups[handle, default: []].append(row)
        }

        var parsed = Parsed(inputs: [], productLines: [], variantLines: [])
        for handle in order {
            let rows = groups[handle]!
            let first = rows[0]
            func cell(_ row: CSVReader.Record, _ names: String...) -> String? {
                for name in names { if let value = table.value(row, table.column(name)) { return value } }
                return nil
            }
            guard let title = cell(first, "Title") else {
                problems.append(ImportProblem(line: first.line, column: "Title",
                                              message: "the first row of handle \"\(handle)\" needs a title"))
                continue
            }
            let optionNames = (1...3).compactMap { cell(first, "Option\($0) Name") }
            var input = ProductSetInput(
                handle: handle, title: title, descriptionHtml: cell(first, "Body (HTML)", "Body HTML") ?? "",
                vendor: cell(first, "Vendor") ?? "", productType: cell(first, "Type", "Product Type") ?? "",
                tags: cell(first, "Tags").map { [$0] } ?? [])
            if let status = cell(first, "Status") {
                if let value = ProductStatus(rawValue: status.uppercased()) {
                    input.status = value
                } else {
                    problems.append(ImportProblem(line: first.line, column: "Status", message: "must be active, draft or archived"))
                }
            } else if let published = cell(first, "Published") {
                input.status = parseBool(published) == true ? .active : .draft
            }

            var variants: [ProductSetInput.VariantInput] = []
            var lines: [Int] = []
            for row in rows {
                let values = (1...3).map { cell(row, "Option\($0) Value") }
                let isVariantRow = values.contains { $0 != nil } || cell(row, "Variant SKU") != nil
                    || cell(row, "Variant Price") != nil
                guard isVariantRow else { continue }  // an image-only row
                var variant = ProductSetInput.VariantInput()
                for (index, name) in optionNames.enumerated() {
                    guard let value = values[index] else {
                        problems.append(ImportProblem(line: row.line, column: "Option\(index + 1) Value",
                                                      message: "a value for option \"\(name)\" is required"))
                        continue
                    }
                    variant.optionValues.append(.init(optionName: name, name: value))
                }
                variant.sku = cell(row, "Variant SKU")
                variant.barcode = cell(row, "Variant Barcode")
                variant.price = decimal(row, "Variant Price", &problems)
                variant.compareAtPrice = decimal(row, "Variant Compare At Price", &problems)
                variant.cost = decimal(row, "Cost per item", &problems)
                if let grams = integer(row, "Variant Grams", &problems) {
                    if grams < 0 {
                        problems.append(ImportProblem(line: row.line, column: "Variant Grams", message: "must not be negative"))
                    } else {
                        variant.weight = .grams(grams)
                    }
                }
                variant.requiresShipping = boolean(row, "Variant Requires Shipping", &problems)
                variant.taxable = boolean(row, "Variant Taxable", &problems)
                if table.column("Variant Inventory Tracker") != nil {
                    variant.tracked = cell(row, "Variant Inventory Tracker") != nil
                }
                if let policy = cell(row, "Variant Inventory Policy") {
                    if let value = InventoryPolicy(rawValue: policy.uppercased()) {
                        variant.inventoryPolicy = value
                    } else {
                        problems.append(ImportProblem(line: row.line, column: "Variant Inventory Policy",
                                                      message: "must be deny or continue"))
                    }
                }
                if let quantity = integer(row, "Variant Inventory Qty", &problems), let stockLocation {
                    variant.inventoryQuantities = [.init(locationID: stockLocation, quantity: quantity)]
                }
                variants.append(variant)
                lines.append(row.line)
            }
            if optionNames.isEmpty, variants.count > 1 {
                problems.append(ImportProblem(line: first.line, column: "Option1 Name",
                                              message: "handle \"\(handle)\" has several variants but no option names"))
            }
            if !variants.isEmpty {
                input.variants = variants
                input.options = optionNames.map { name in
                    var seen: [String] = []
                    for variant in variants {
                        if let value = variant.optionValues.first(where: { $0.optionName == name })?.name, !seen.contains(value) {
                            seen.append(value)
                        }
                    }
                    return .init(name: name, values: seen)
                }
            }
            parsed.inputs.append(input)
            parsed.productLines.append(first.line)
            parsed.variantLines.append(lines)
        }
        return problems.isEmpty ? .success(parsed) : .failure(ImportFailed(problems: problems))
    }

    /// Places a service error (`["3", "variants", "1", "price"]`) on its line and column.
    static func problem(for error: FieldError, in parsed: Parsed) -> ImportProblem {
        let path = error.field ?? []
        guard let productIndex = path.first.flatMap(Int.init), productIndex < parsed.productLines.count else {
            return ImportProblem(line: 1, column: nil, message: error.message)
        }
        var line = parsed.productLines[productIndex]
        var rest = Array(path.dropFirst())
        if rest.first == "variants", rest.count > 1, let variantIndex = Int(rest[1]),
           variantIndex < parsed.variantLines[productIndex].count {
            line = parsed.variantLines[productIndex][variantIndex]
            rest = Array(rest.dropFirst(2))
        }
        let column = rest.first.flatMap { columnsByField[$0] }
        return ImportProblem(line: line, column: column, message: error.message)
    }

    private func decimal(_ row: CSVReader.Record, _ column: String, _ problems: inout [ImportProblem]) -> ExactDecimal? {
        guard let text = table.value(row, table.column(column)) else { return nil }
        guard let value = ExactDecimal(text) else {
            problems.append(ImportProblem(line: row.line, column: column, message: "\"\(text)\" is not a decimal number"))
            return nil
        }
        return value
    }

    private func integer(_ row: CSVReader.Record, _ column: String, _ problems: inout [ImportProblem]) -> Int64? {
        guard let text = table.value(row, table.column(column)) else { return nil }
        guard let value = Int64(text) ?? ExactDecimal(text).flatMap({ $0.normalized.scale == 0 ? $0.normalized.significand : nil }) else {
            problems.append(ImportProblem(line: row.line, column: column, message: "\"\(text)\" is not a whole number"))
            return nil
        }
        return value
    }

    private func boolean(_ row: CSVReader.Record, _ column: String, _ problems: inout [ImportProblem]) -> Bool? {
        guard let text = table.value(row, table.column(column)) else { return nil }
        guard let value = parseBool(text) else {
            problems.append(ImportProblem(line: row.line, column: column, message: "\"\(text)\" is not TRUE or FALSE"))
            return nil
        }
        return value
    }
}

func parseBool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "yes", "y", "1": true
    case "false", "no", "n", "0": false
    default: nil
    }
}
