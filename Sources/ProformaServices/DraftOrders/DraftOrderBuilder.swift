import ProformaCore

/// What building a draft needs from the database, loaded before the (pure) build.
struct DraftBuildContext: Sendable {
    var configuration: ShopConfiguration
    var variants: [VariantID: CatalogVariant]
    /// The customer the draft will have: the one the input names, else the existing draft's.
    var customer: Customer?
    var now: Timestamp
}

/// Turns a `DraftOrderInput` (a whole draft on create, a partial one on update) into the draft
/// it describes, checking every field and calculating its amounts. Pure: all lookups are in
/// the context. Errors carry paths relative to the input.
struct DraftOrderBuilder {
    let context: DraftBuildContext

    var shop: Shop { context.configuration.shop }

    func build(_ input: DraftOrderInput, existing: DraftOrder?) -> Result<DraftOrder, ValidationErrors> {
        var errors = input.problems
        guard errors.isEmpty else { return .failure(errors) }

        if input.purchasingCompanyGiven {
            errors.add(["purchasingEntity", "purchasingCompany"], "Purchasing companies (B2B) are not supported yet",
                       code: "NOT_SUPPORTED")
        }

        // Currency first: custom prices must be in it.
        var currency = existing?.presentmentCurrency ?? shop.currency
        var presentment: PresentmentCurrency?
        if let code = input.presentmentCurrencyCode {
            if let parsed = CurrencyCode(rawValue: code), parsed == shop.currency {
                currency = parsed
            } else if let enabled = context.configuration.currencies.first(where: { $0.code.rawValue == code.uppercased() }) {
                currency = enabled.code
            } else {
                errors.add(["presentmentCurrencyCode"], "Presentment currency \(code) is not enabled for this shop", code: "INVALID")
            }
        }
        if currency != shop.currency {
            presentment = context.configuration.currencies.first { $0.code == currency }
            if presentment == nil, input.presentmentCurrencyCode == nil {
                errors.add(["presentmentCurrencyCode"],
                           "Presentment currency \(currency) is no longer enabled for this shop; choose another",
                           code: "INVALID")
            }
        }
        let conversion = CurrencyConversion(shopCurrency: shop.currency, presentment: presentment)
        if let existing, currency != existing.presentmentCurrency {
            errors.add(amountsLeftInOldCurrency(existing, input: input, currency: currency))
        }

        // Customer and contact details.
        if let invalid = input.invalidCustomerID {
            errors.add(input.customerField, "Customer \(invalid) does not exist", code: "NOT_FOUND")
        } else if case .set(let id) = input.customerID, context.customer?.id != id {
            errors.add(input.customerField, "Customer does not exist", code: "NOT_FOUND")
        }
        let customer: Customer? = input.customerID.isUnchanged
            ? (existing?.customerID == nil ? nil : context.customer)
            : (input.customerID.value == nil ? nil : context.customer)

        var email = input.email.applied(to: existing?.email).cleaned
        if input.email.isUnchanged, existing == nil || !input.customerID.isUnchanged, email == nil {
            email = customer?.email
        }
        if let text = email, !EmailAddress.isValid(text) { errors.add(["email"], "Email is invalid", code: "INVALID") }
        let phone = input.phone.applied(to: existing?.phone).cleaned

        var billing = resolve(input.billingAddress, existing: existing?.billingAddress, field: "billingAddress", &errors)
        var shipping = resolve(input.shippingAddress, existing: existing?.shippingAddress, field: "shippingAddress", &errors)
        if input.useCustomerDefaultAddress == true, let address = customer?.defaultAddress?.address {
            if input.billingAddress.isUnchanged { billing = address }
            if input.shippingAddress.isUnchanged { shipping = address }
        }

        // Lines.
        var lines = existing?.lines ?? []
        if let inputs = input.lineItems {
            if inputs.isEmpty {
                errors.add(nil, "Add at least 1 product", code: "INVALID")
            } else if inputs.count > DraftOrder.maximumLines {
                errors.add(["lineItems"], "Draft orders can have at most \(DraftOrder.maximumLines) line items", code: "TOO_MANY")
            }
            // By index, so that each line, input and built, is read in place rather than copied:
            // lines are large values, and an update may have 499 of them.
            lines = []
            lines.reserveCapacity(inputs.count)
            for index in inputs.indices {
                guard let built = buildLine(inputs[index], index: index, currency: currency, conversion: conversion,
                                            errors: &errors) else { continue }
                errors.add(sizeProblems(built, index: index, conversion: conversion))
                lines.append(built)
            }
            if errors.isEmpty { errors.add(totalProblems(lines, conversion: conversion)) }
        } else if existing == nil {
            errors.add(nil, "Add at least 1 product", code: "INVALID")
        }

        // Discounts.
        let orderDiscount = input.appliedDiscount.applied(to: existing?.appliedDiscount)
        if let orderDiscount {
            errors.add(discountProblems(orderDiscount, currency: currency), under: ["appliedDiscount"])
        }

        // Shipping.
        var shippingLine = existing?.shippingLine
        switch input.shippingLine {
        case .unchanged: break
        case .cleared: shippingLine = nil
        case .set(let given):
            shippingLine = buildShippingLine(given, currency: currency, errors: &errors)
        }

        // The rest.
        let tags = input.tags.map(Tags.normalize) ?? existing?.tags ?? []
        if tags.count > Tags.maximumCount { errors.add(["tags"], "Tags cannot be more than \(Tags.maximumCount)", code: "TOO_MANY") }
        let customAttributes = input.customAttributes ?? existing?.customAttributes ?? []
        for (index, attribute) in customAttributes.enumerated() where attribute.key.trimmingWhitespace().isEmpty {
            errors.add(["customAttributes", String(index), "key"], "Key can't be blank", code: "BLANK")
        }
        let metafields = buildMetafields(input.metafields, existing: existing?.metafields ?? [], errors: &errors)
        let paymentTerms = buildPaymentTerms(input.paymentTerms, existing: existing?.paymentTerms, errors: &errors)
        // Sending back the date the draft already has is no change, even once it has passed: a
        // client that saves the whole object it read must not be refused for it.
        if case .set(let until) = input.reserveInventoryUntil, until <= context.now, until != existing?.reserveInventoryUntil {
            errors.add(["reserveInventoryUntil"], "Reserve inventory until must be in the future", code: "INVALID")
        }

        guard errors.isEmpty else { return .failure(errors) }

        let taxExempt = input.taxExempt ?? existing?.taxExempt ?? false
        let (taxAddress, _) = TaxJurisdiction.taxAddress(shipping: shipping, billing: billing, shop: shop.profile.address)
        let settings = CalculationSettings(
            conversion: conversion, taxesIncluded: shop.profile.taxesIncluded,
            taxRates: TaxJurisdiction.snapshot(for: taxAddress, from: context.configuration.taxRates),
            shopAddress: shop.profile.address, taxExempt: taxExempt || customer?.taxExempt == true)
        var draft = DraftOrder(
            id: existing?.id ?? DraftOrderID(0), number: existing?.number ?? 0, status: existing?.status ?? .open,
            customerID: customer?.id, email: email, phone: phone, note: input.note.applied(to: existing?.note),
            poNumber: input.poNumber.applied(to: existing?.poNumber).cleaned,
            sourceName: input.sourceName.applied(to: existing?.sourceName).cleaned, tags: tags,
            customAttributes: customAttributes, metafields: metafields, billingAddress: billing,
            shippingAddress: shipping, lines: lines, appliedDiscount: orderDiscount, shippingLine: shippingLine,
            taxExempt: taxExempt, visibleToCustomer: input.visibleToCustomer ?? existing?.visibleToCustomer ?? false,
            allowDiscountCodesInCheckout: input.allowDiscountCodesInCheckout ?? existing?.allowDiscountCodesInCheckout ?? false,
            acceptAutomaticDiscounts: input.acceptAutomaticDiscounts ?? existing?.acceptAutomaticDiscounts ?? false,
            discountCodes: input.discountCodes ?? existing?.discountCodes ?? [],
            reserveInventoryUntil: input.reserveInventoryUntil.applied(to: existing?.reserveInventoryUntil),
            paymentTerms: paymentTerms, settings: settings,
            invoiceSentAt: existing?.invoiceSentAt, completedAt: existing?.completedAt, orderID: existing?.orderID,
            createdAt: existing?.createdAt ?? context.now, updatedAt: context.now, version: (existing?.version ?? 0) + 1)
        draft.invoiceToken = existing?.invoiceToken

        // A rate-backed shipping line must still be offered when what rates depend on has changed.
        if let handle = draft.shippingLine?.rateHandle,
           input.shippingLine.value != nil || existing.map({ ShippingOptions.conditionsDiffer($0, draft) }) ?? true {
            draft.shippingLine = nil
            let options = ShippingOptions.available(for: draft, rates: context.configuration.shippingRates)
            guard let option = options.first(where: { $0.handle == handle }) else {
                var problems = ValidationErrors()
                problems.add(["shippingLine", "shippingRateHandle"],
                             "Shipping rate is not available for this draft order's address and items", code: "INVALID")
                return .failure(problems)
            }
            draft.shippingLine = option.line
            draft.recalculate()
        }
        return .success(draft)
    }

    private func resolve(_ update: FieldUpdate<MailingAddressDraft>, existing: MailingAddress?, field: String,
                         _ errors: inout ValidationErrors) -> MailingAddress? {
        switch update {
        case .unchanged: return existing
        case .cleared: return nil
        case .set(let given):
            let draft = existing.map(given.filled(from:)) ?? given
            switch draft.resolve() {
            case .success(let address): return address
            case .failure(let problems):
                errors.add(problems, under: [field])
                return nil
            }
        }
    }

    private func buildLine(_ input: DraftOrderInput.LineItem, index: Int, currency: CurrencyCode,
                           conversion: CurrencyConversion, errors: inout ValidationErrors) -> DraftOrderLine? {
        var ok = true
        if input.quantity > DraftOrder.maximumLineQuantity {
            errors.add(Self.linePath(index, "quantity"),
                       "Quantity must be less than or equal to \(DraftOrder.maximumLineQuantity)",
                       code: "LESS_THAN_OR_EQUAL_TO")
        }
        if input.quantity < 1 {
            errors.add(Self.linePath(index, "quantity"),
                       "Quantity must be greater than or equal to 1", code: "GREATER_THAN_OR_EQUAL_TO")
            ok = false
        }
        if let discount = input.appliedDiscount {
            let problems = discountProblems(discount, currency: currency)
            if !problems.isEmpty {
                ok = false
                errors.add(problems, under: Self.linePath(index, "appliedDiscount"))
            }
        }
        if let invalid = input.invalidVariantID {
            errors.add(Self.linePath(index, "variantId"), "Product variant \(invalid) does not exist", code: "NOT_FOUND")
            return nil
        }
        if let variantID = input.variantID {
            guard let found = context.variants[variantID] else {
                errors.add(Self.linePath(index, "variantId"), "Product variant does not exist", code: "NOT_FOUND")
                return nil
            }
            let variant = found.variant
            var override = input.priceOverride
            if let given = override {
                if given.isNegative {
                    errors.add(Self.linePath(index, "priceOverride", "amount"),
                               "Price override must be greater than or equal to 0",
                               code: "GREATER_THAN_OR_EQUAL_TO")
                    ok = false
                } else if given.currency != currency && given.currency != shop.currency {
                    errors.add(Self.linePath(index, "priceOverride", "currencyCode"),
                               "Price override must be in the draft order's currency (\(currency))", code: "INVALID")
                    ok = false
                }
            } else if input.generatePriceOverride {
                override = conversion.convertPrice(variant.price)
            }
            guard ok else { return nil }
            return DraftOrderLine(
                id: DraftOrderLineID(0), uuid: input.uuid,
                source: .variant(variant.id, productID: variant.productID, catalogPrice: variant.price),
                title: found.productTitle, variantTitle: found.isProductsOnlyDefaultVariant ? nil : variant.title,
                sku: variant.sku, vendor: found.vendor.nonEmpty, quantity: input.quantity, taxable: variant.taxable,
                requiresShipping: variant.inventoryItem.requiresShipping, weight: variant.inventoryItem.weight,
                isGiftCard: found.isGiftCard, priceOverride: override,
                appliedDiscount: input.appliedDiscount, customAttributes: input.customAttributes)
        }

        // A custom line.
        let title = input.title?.trimmingWhitespace() ?? ""
        if title.isEmpty {
            errors.add(Self.linePath(index, "title"), "Title can't be blank", code: "BLANK")
            ok = false
        }
        let source: DraftOrderLine.Source
        if let price = input.originalUnitPriceWithCurrency {
            if price.currency != currency {
                errors.add(Self.linePath(index, "originalUnitPriceWithCurrency", "currencyCode"),
                           "Currency must match the draft order's currency (\(currency))", code: "INVALID")
                ok = false
            }
            if price.isNegative {
                errors.add(Self.linePath(index, "originalUnitPriceWithCurrency", "amount"),
                           "Price must be greater than or equal to 0",
                           code: "GREATER_THAN_OR_EQUAL_TO")
                ok = false
            }
            source = .custom(price)
        } else if let value = input.originalUnitPrice {
            guard let price = Money(rounding: value, currency: shop.currency), !price.isNegative else {
                errors.add(Self.linePath(index, "originalUnitPrice"),
                           value.isNegative ? "Price must be greater than or equal to 0" : Self.tooLarge(shop.currency),
                           code: value.isNegative ? "GREATER_THAN_OR_EQUAL_TO" : "LESS_THAN_OR_EQUAL_TO")
                return nil
            }
            source = .legacyCustom(price)
        } else {
            errors.add(Self.linePath(index, "originalUnitPriceWithCurrency"), "A custom line item needs a price", code: "BLANK")
            return nil
        }
        if let weight = input.weight, weight.value.isNegative {
            errors.add(Self.linePath(index, "weight", "value"),
                       "Weight must be greater than or equal to 0", code: "GREATER_THAN_OR_EQUAL_TO")
            ok = false
        }
        guard ok else { return nil }
        return DraftOrderLine(
            id: DraftOrderLineID(0), uuid: input.uuid, source: source, title: title, variantTitle: nil,
            sku: input.sku.cleaned, vendor: nil, quantity: input.quantity, taxable: input.taxable ?? true,
            requiresShipping: input.requiresShipping ?? true, weight: input.weight ?? .grams(0), isGiftCard: false,
            priceOverride: nil, appliedDiscount: input.appliedDiscount, customAttributes: input.customAttributes)
    }

    private func discountProblems(_ discount: AppliedDiscount, currency: CurrencyCode) -> ValidationErrors {
        var problems = discount.problems()
        if let amount = discount.amountWithCurrency, amount.currency != currency, amount.currency != shop.currency {
            problems.add(["amountWithCurrency", "currencyCode"],
                         "Currency must match the draft order's currency (\(currency))", code: "INVALID")
        }
        if discount.valueType == .fixedAmount {
            let value = Money(rounding: discount.value, currency: shop.currency)
            if value.map({ $0.minorUnits > DraftOrder.maximumAmount }) ?? true {
                problems.add(["value"], Self.tooLarge(shop.currency), code: "LESS_THAN_OR_EQUAL_TO")
            }
            if let amount = discount.amountWithCurrency, amount.minorUnits > DraftOrder.maximumAmount {
                problems.add(["amountWithCurrency", "amount"], Self.tooLarge(amount.currency), code: "LESS_THAN_OR_EQUAL_TO")
            }
        }
        return problems
    }

    static func tooLarge(_ currency: CurrencyCode) -> String {
        "Amount must be less than or equal to \(maximum(currency))"
    }

    /// Where line `index`'s problems go, made only for a problem: most lines have none.
    private static func linePath(_ index: Int, _ rest: String...) -> [String] {
        ["lineItems", String(index)] + rest
    }

    /// A line whose total or weight is beyond what a draft may hold (`DraftOrder.maximumAmount`,
    /// `maximumLineGrams`), worked out in 128 bits so that the check itself cannot overflow.
    private func sizeProblems(_ line: DraftOrderLine, index: Int, conversion: CurrencyConversion) -> ValidationErrors {
        var problems = ValidationErrors()
        let quantity = Int128(line.quantity)
        if Int128(line.calculationPrice.unitPrice(conversion).minorUnits) * quantity > Int128(DraftOrder.maximumAmount) {
            problems.add(Self.linePath(index),
                         "Price × quantity must be less than or equal to \(Self.maximum(conversion.presentmentCurrency))",
                         code: "LESS_THAN_OR_EQUAL_TO")
        }
        if Int128(line.weight.grams) * quantity > Int128(DraftOrder.maximumLineGrams) {
            problems.add(Self.linePath(index, "weight"),
                         "Weight × quantity must be less than or equal to \(DraftOrder.maximumLineGrams / 1_000_000) tonnes",
                         code: "LESS_THAN_OR_EQUAL_TO")
        }
        return problems
    }

    /// Lines each within bounds can still add up beyond them.
    private func totalProblems(_ lines: [DraftOrderLine], conversion: CurrencyConversion) -> ValidationErrors {
        var sum = Int128(0)
        for index in lines.indices {
            sum += Int128(lines[index].calculationPrice.unitPrice(conversion).minorUnits) * Int128(lines[index].quantity)
        }
        var problems = ValidationErrors()
        if sum > Int128(DraftOrder.maximumAmount) {
            problems.add(["lineItems"], "The line items must total less than or equal to "
                            + "\(Self.maximum(conversion.presentmentCurrency))", code: "LESS_THAN_OR_EQUAL_TO")
        }
        return problems
    }

    static func maximum(_ currency: CurrencyCode) -> ExactDecimal {
        Money(minorUnits: DraftOrder.maximumAmount, currency: currency).decimal
    }

    /// What keeps amounts in the draft's old currency when the input moves it to `currency`
    /// without sending them again: custom prices, locked prices, fixed discounts and a custom
    /// shipping charge. Shop-currency amounts convert, so they may stay.
    private func amountsLeftInOldCurrency(_ existing: DraftOrder, input: DraftOrderInput,
                                          currency: CurrencyCode) -> ValidationErrors {
        func stale(_ money: Money?) -> Bool { money.map { $0.currency != currency && $0.currency != shop.currency } ?? false }
        var problems = ValidationErrors()
        let message = "Send it again in \(currency) to change the draft order's currency"
        if input.lineItems == nil, existing.lines.contains(where: { line in
            if case .custom(let price) = line.source, stale(price) { return true }
            return stale(line.priceOverride) || stale(line.appliedDiscount?.amountWithCurrency)
        }) {
            problems.add(["lineItems"], "Line items are priced in \(existing.presentmentCurrency). " + message, code: "INVALID")
        }
        if input.appliedDiscount.isUnchanged, stale(existing.appliedDiscount?.amountWithCurrency) {
            problems.add(["appliedDiscount"], "The discount is in \(existing.presentmentCurrency). " + message, code: "INVALID")
        }
        if input.shippingLine.isUnchanged, existing.shippingLine?.rateHandle == nil, stale(existing.shippingLine?.price) {
            problems.add(["shippingLine"], "The shipping charge is in \(existing.presentmentCurrency). " + message,
                         code: "INVALID")
        }
        return problems
    }

    private func buildShippingLine(_ input: DraftOrderInput.ShippingLine, currency: CurrencyCode,
                                   errors: inout ValidationErrors) -> DraftShippingLine? {
        if let handle = input.shippingRateHandle?.trimmingWhitespace().nonEmpty {
            // Checked against the draft's address and items once those are known.
            return DraftShippingLine(title: "", price: .zero(shop.currency), rateHandle: handle)
        }
        let title = input.title?.trimmingWhitespace().nonEmpty ?? "Shipping"
        if let price = input.priceWithCurrency {
            if price.currency != currency && price.currency != shop.currency {
                errors.add(["shippingLine", "priceWithCurrency", "currencyCode"],
                           "Currency must match the draft order's currency (\(currency))", code: "INVALID")
                return nil
            }
            if price.isNegative {
                errors.add(["shippingLine", "priceWithCurrency", "amount"], "Price must be greater than or equal to 0",
                           code: "GREATER_THAN_OR_EQUAL_TO")
                return nil
            }
            if price.minorUnits > DraftOrder.maximumAmount {
                errors.add(["shippingLine", "priceWithCurrency", "amount"], Self.tooLarge(price.currency),
                           code: "LESS_THAN_OR_EQUAL_TO")
                return nil
            }
            return DraftShippingLine(title: title, price: price)
        }
        if let value = input.price {
            guard let price = Money(rounding: value, currency: shop.currency), !price.isNegative,
                  price.minorUnits <= DraftOrder.maximumAmount else {
                errors.add(["shippingLine", "price"], value.isNegative ? "Price must be greater than or equal to 0"
                           : Self.tooLarge(shop.currency), code: value.isNegative ? "GREATER_THAN_OR_EQUAL_TO" : "LESS_THAN_OR_EQUAL_TO")
                return nil
            }
            return DraftShippingLine(title: title, price: price)
        }
        errors.add(["shippingLine"], "A shipping line needs a price or a shipping rate handle", code: "BLANK")
        return nil
    }

    private func buildMetafields(_ inputs: [MetafieldInput]?, existing: [Metafield],
                                 errors: inout ValidationErrors) -> [Metafield] {
        guard let inputs else { return existing }
        var result = existing
        for (index, input) in inputs.enumerated() {
            let path = ["metafields", String(index)]
            let match = input.id.flatMap { id in result.firstIndex { $0.id == id } }
                ?? result.firstIndex { $0.namespace == input.namespace && $0.key == input.key }
            if input.id != nil && match == nil {
                errors.add(path + ["id"], "Metafield does not exist", code: "NOT_FOUND")
                continue
            }
            if let match {
                let type = input.type ?? result[match].type
                if let problem = MetafieldTypes.problem(type: type, value: input.value) {
                    errors.add(path + ["value"], problem, code: "INVALID")
                    continue
                }
                result[match].value = input.value
                result[match].type = type
                result[match].updatedAt = context.now
                continue
            }
            guard let namespace = input.namespace?.trimmingWhitespace().nonEmpty,
                  let key = input.key?.trimmingWhitespace().nonEmpty, let type = input.type else {
                errors.add(path, "A new metafield needs a namespace, a key and a type", code: "BLANK")
                continue
            }
            if let problem = MetafieldTypes.problem(type: type, value: input.value) {
                errors.add(path + ["value"], problem, code: "INVALID")
                continue
            }
            result.append(Metafield(id: MetafieldID(0), namespace: namespace, key: key, type: type, value: input.value,
                                    createdAt: context.now, updatedAt: context.now))
        }
        return result
    }

    private func buildPaymentTerms(_ update: FieldUpdate<DraftOrderInput.PaymentTerms>, existing: DraftPaymentTerms?,
                                   errors: inout ValidationErrors) -> DraftPaymentTerms? {
        switch update {
        case .unchanged: return existing
        case .cleared: return nil
        case .set(let input):
            guard let id = input.templateID, let template = PaymentTermsTemplate.template(id: id) else {
                errors.add(["paymentTerms", "paymentTermsTemplateId"], "Payment terms template does not exist", code: "NOT_FOUND")
                return nil
            }
            if template.kind == .net && input.issuedAt == nil {
                errors.add(["paymentTerms", "paymentSchedules", "0", "issuedAt"], "Net payment terms need an issued date",
                           code: "BLANK")
            }
            if template.kind == .fixed && input.dueAt == nil {
                errors.add(["paymentTerms", "paymentSchedules", "0", "dueAt"], "Fixed payment terms need a due date",
                           code: "BLANK")
            }
            return DraftPaymentTerms(templateID: id, issuedAt: input.issuedAt, dueAt: input.dueAt)
        }
    }
}
