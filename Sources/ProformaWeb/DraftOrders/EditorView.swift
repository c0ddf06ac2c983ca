import ProformaCore
import ProformaServices

/// Turns the editor's form into what its template shows, calculating through the same
/// `draftOrderCalculate` use case the API runs, so the screen and the API always agree.
struct EditorView {
    let services: Services
    let shop: ShopID

    func view(_ form: DraftForm, extras: EditorExtras) async throws -> [String: Any] {
        var errors = extras.errors
        var calculated: DraftOrder?
        do {
            calculated = try await services.draftOrders.calculate(shop: shop, form.input)
        } catch let problems as ValidationErrors {
            let found = FieldErrors(problems, fieldName: DraftForm.fieldName)
            for (field, messages) in found.byField where errors.byField[field] == nil { errors.byField[field] = messages }
            errors.general += found.general.filter { !errors.general.contains($0) }
        }
        let options = (try? await services.draftOrders.shippingOptions(shop: shop, form.input)) ?? []
        var customer: [String: Any]?
        if let id = form.customerID, let found = try await services.customers.customer(shop: shop, id: CustomerID(id)) {
            customer = ["id": String(id), "name": found.displayName, "email": found.email ?? ""]
        }
        var view: [String: Any] = [
            "version": form.version.map(String.init) ?? "",
            "customerID": form.customerID.map(String.init) ?? "",
            "email": form.email,
            "lineCount": String(form.lines.count),
            "lines": try await lineViews(form, calculated: calculated, errors: errors),
            "discountTitle": form.discountTitle, "discountValue": form.discountValue,
            "discountTypes": Self.discountTypes(selected: form.discountType),
            "address": form.address,
            "shippingOptions": shippingOptions(form, options: options),
            "customShipping": form.shippingChoice == "custom",
            "shippingTitle": form.shippingTitle, "shippingPrice": form.shippingPrice,
            "taxExempt": form.taxExempt, "tags": form.tags, "note": form.note, "attributes": form.attributes,
            "reserveUntil": form.reserveUntil,
            "customerQuery": extras.customerQuery, "productQuery": extras.productQuery,
            "customerResults": extras.customers.map { ["id": String($0.id.rawValue), "name": $0.displayName,
                                                       "email": $0.email ?? ""] },
            "variantResults": extras.variants,
            "newCustomer": extras.newCustomer,
            "errors": errors.view,
            "totals": totalsView(calculated, explain: extras.explain),
        ]
        if let customer { view["customer"] = customer }
        if let message = extras.searchMessage["customer"] { view["customerMessage"] = message }
        if let message = extras.searchMessage["product"] { view["productMessage"] = message }
        if let conflict = extras.conflict { view["conflict"] = conflict }
        return view
    }

    /// The totals panel for the live update; errors leave it saying why there are none.
    func totals(_ form: DraftForm) async throws -> [String: Any] {
        do {
            return totalsView(try await services.draftOrders.calculate(shop: shop, form.input), explain: false)
        } catch let problems as ValidationErrors {
            return ["problem": problems.errors.map(\.message).joined(separator: " ")]
        }
    }

    private func totalsView(_ draft: DraftOrder?, explain: Bool) -> [String: Any] {
        guard let draft else { return ["problem": "Fix the problems marked on the form to see the totals."] }
        let calculation = draft.calculation
        let currency = draft.presentmentCurrency
        func amount(_ units: Int64) -> [String: String] {
            ["text": moneyText(units, currency), "amount": Money(minorUnits: units, currency: currency).decimal.description]
        }
        var view: [String: Any] = [
            "subtotal": amount(calculation.lineItemsSubtotal),
            "shipping": amount(calculation.shipping?.price ?? 0),
            "tax": amount(calculation.totalTax),
            "total": amount(calculation.total),
            "taxesIncluded": calculation.taxesIncluded,
            "taxLines": calculation.taxLines.map { ["title": $0.title, "rate": percentText($0.rate),
                                                   "text": moneyText($0.amount, currency)] },
            "warnings": calculation.warnings.map(\.message),
        ]
        // Line discounts are already in the lines' subtotal; only the order's own discount is a row.
        if calculation.orderDiscount > 0 { view["discount"] = amount(-calculation.orderDiscount) }
        if explain {
            view["explain"] = true
            view["trace"] = draft.calculationTrace.map { ["text": $0.subjectDescription + ": " + $0.description(currency: currency)] }
        }
        return view
    }

    private func lineViews(_ form: DraftForm, calculated: DraftOrder?, errors: FieldErrors) async throws -> [[String: Any]] {
        let variantIDs = form.lines.compactMap(\.variantID).map { VariantID($0) }
        let variants = Dictionary(try await services.catalog.variants(shop: shop, ids: variantIDs).map { ($0.id.rawValue, $0) },
                                  uniquingKeysWith: { first, _ in first })
        let currency = calculated?.presentmentCurrency
        return form.lines.enumerated().map { index, line in
            var view: [String: Any] = [
                "index": String(index), "variantID": line.variantID.map(String.init) ?? "",
                "isCustom": line.variantID == nil, "title": line.title, "price": line.price, "quantity": line.quantity,
                "discountValue": line.discountValue, "discountTypes": Self.discountTypes(selected: line.discountType),
                "taxable": line.taxable, "requiresShipping": line.requiresShipping,
            ]
            if let calculated, index < calculated.lines.count, let currency {
                let result = calculated.calculation.lines[index]
                view["name"] = calculated.lines[index].name
                view["sku"] = calculated.lines[index].sku ?? ""
                view["unitPrice"] = moneyText(result.unitPrice, currency)
                view["lineTotal"] = moneyText(result.discountedTotal, currency)
            } else if let id = line.variantID {
                view["name"] = variants[id].map { $0.sku ?? "Variant \(id)" } ?? "Variant \(id)"
            } else {
                view["name"] = line.title
            }
            for suffix in ["quantity", "discount", "price", "title"] {
                if let message = errors.byField["line_\(index)_\(suffix)"] { view["\(suffix)Error"] = message.joined(separator: " ") }
            }
            if let message = errors.byField["line_\(index)"] { view["lineError"] = message.joined(separator: " ") }
            return view
        }
    }

    private func shippingOptions(_ form: DraftForm, options: [ShippingOption]) -> [[String: Any]] {
        var list: [[String: Any]] = [["value": "", "label": "No shipping", "selected": form.shippingChoice.isEmpty]]
        list += options.map { ["value": $0.handle, "label": "\($0.title) — \($0.price.displayString)",
                               "selected": form.shippingChoice == $0.handle] }
        // A rate chosen before the address changed stays listed, so the rep sees it went stale.
        if !form.shippingChoice.isEmpty, form.shippingChoice != "custom", !options.contains(where: { $0.handle == form.shippingChoice }) {
            list.append(["value": form.shippingChoice, "label": form.shippingChoice + " (does not match the address)", "selected": true])
        }
        list.append(["value": "custom", "label": "Custom rate…", "selected": form.shippingChoice == "custom"])
        return list
    }

    static func discountTypes(selected: String) -> [[String: Any]] {
        [("", "No discount"), ("PERCENTAGE", "Percent"), ("FIXED_AMOUNT", "Amount")].map {
            ["value": $0.0, "label": $0.1, "selected": $0.0 == selected]
        }
    }
}
