import ProformaCore
import ProformaServices

/// Reads a GraphQL `DraftOrderInput` into the use case's input. Absent fields stay
/// `.unchanged`; explicit nulls clear. Deprecated shapes (`customerId`, `originalUnitPrice`,
/// `shippingLine.price`, `appliedDiscount.amount`, `grams`, address names) are accepted.
/// Values that passed GraphQL's checks but cannot be represented are recorded in `problems`
/// rather than dropped.
struct DraftOrderInputDecoding {
    private var problems = ValidationErrors()

    static func decode(_ input: InputValue) -> DraftOrderInput {
        var decoding = DraftOrderInputDecoding()
        var result = decoding.decode(input)
        result.problems = decoding.problems
        return result
    }

    private mutating func decode(_ input: InputValue) -> DraftOrderInput {
        var result = DraftOrderInput()
        if let lines = input["lineItems"]?.list {
            var items: [DraftOrderInput.LineItem] = []
            items.reserveCapacity(lines.count)
            for index in lines.indices { items.append(lineItem(lines[index], index: index)) }
            result.lineItems = items
        }
        if let discount = input["appliedDiscount"] {
            result.appliedDiscount = discount.isNull ? .cleared
                : appliedDiscount(discount, at: ["appliedDiscount"]).map(FieldUpdate.set) ?? .unchanged
        }
        let entity = input["purchasingEntity"]
        if entity?["purchasingCompany"].map({ !$0.isNull }) == true { result.purchasingCompanyGiven = true }
        if let customer = entity?["customerId"] ?? input["customerId"] {
            result.customerField = entity?["customerId"] != nil ? ["purchasingEntity", "customerId"] : ["customerId"]
            if customer.isNull {
                result.customerID = .cleared
            } else if let text = customer.string {
                if let id: CustomerID = GlobalID.optionalID(text, "Customer") { result.customerID = .set(id) } else {
                    result.invalidCustomerID = text
                }
            }
        } else if let entity, entity.isNull {
            result.customerID = .cleared
        }
        result.useCustomerDefaultAddress = input["useCustomerDefaultAddress"]?.bool
        result.email = input.update("email")
        result.phone = input.update("phone")
        result.note = input.update("note")
        result.poNumber = input.update("poNumber")
        result.sourceName = input.update("sourceName")
        result.billingAddress = Self.address(input["billingAddress"])
        result.shippingAddress = Self.address(input["shippingAddress"])
        if let shipping = input["shippingLine"] {
            result.shippingLine = shipping.isNull ? .cleared : .set(DraftOrderInput.ShippingLine(
                title: shipping["title"]?.string,
                priceWithCurrency: shipping["priceWithCurrency"].flatMap { money($0, at: ["shippingLine", "priceWithCurrency"]) },
                price: shipping["price"]?.decimal, shippingRateHandle: shipping["shippingRateHandle"]?.string))
        }
        result.tags = input["tags"]?.strings
        result.customAttributes = input["customAttributes"]?.list.map(Self.attributes)
        result.metafields = input["metafields"]?.list?.map { metafield in
            MetafieldInput(id: metafield["id"]?.string.flatMap { GlobalID.optionalID($0, "Metafield") },
                           namespace: metafield["namespace"]?.string, key: metafield["key"]?.string,
                           type: metafield["type"]?.string, value: metafield["value"]?.string ?? "")
        }
        result.taxExempt = input["taxExempt"]?.bool
        result.visibleToCustomer = input["visibleToCustomer"]?.bool
        result.allowDiscountCodesInCheckout = input["allowDiscountCodesInCheckout"]?.bool
        result.acceptAutomaticDiscounts = input["acceptAutomaticDiscounts"]?.bool
        result.discountCodes = input["discountCodes"]?.strings
        result.presentmentCurrencyCode = input["presentmentCurrencyCode"]?.string
        if let until = input["reserveInventoryUntil"] {
            result.reserveInventoryUntil = until.isNull ? .cleared
                : until.string.flatMap { Timestamp(iso8601: $0) }.map(FieldUpdate.set) ?? .unchanged
        }
        if let terms = input["paymentTerms"] {
            if terms.isNull {
                result.paymentTerms = .cleared
            } else {
                let schedule = terms["paymentSchedules"]?.list?.first
                let template = terms["paymentTermsTemplateId"]?.string.flatMap { GlobalID.parse($0) }
                result.paymentTerms = .set(DraftOrderInput.PaymentTerms(
                    templateID: template?.type == "PaymentTermsTemplate" ? template?.id : nil,
                    issuedAt: schedule?["issuedAt"]?.string.flatMap { Timestamp(iso8601: $0) },
                    dueAt: schedule?["dueAt"]?.string.flatMap { Timestamp(iso8601: $0) }))
            }
        }
        return result
    }

    /// Reads the fields a line has in one pass, rather than looking up each of the fifteen it
    /// may have: a 499-line update spent about 4% of its CPU hashing names of absent fields.
    /// Plain fields go straight into the line; the few that can record a problem are read after
    /// the pass, in one order, so that problems come out the same whatever the order of the keys.
    private mutating func lineItem(_ input: InputValue, index: Int) -> DraftOrderInput.LineItem {
        var line = DraftOrderInput.LineItem(quantity: 0)
        guard case .object(let fields) = input else { return line }
        var unitPriceWithCurrency, priceOverride, discount, weight: InputValue?
        var grams: Int?
        for (name, value) in fields {
            switch name {
            case "quantity": line.quantity = value.int ?? 0
            case "variantId":
                guard let text = value.string else { continue }
                if let id: VariantID = GlobalID.optionalID(text, "ProductVariant") { line.variantID = id } else {
                    line.invalidVariantID = text
                }
            case "title": line.title = value.string
            case "originalUnitPriceWithCurrency": unitPriceWithCurrency = value
            case "originalUnitPrice": line.originalUnitPrice = value.decimal
            case "priceOverride": priceOverride = value
            case "generatePriceOverride": line.generatePriceOverride = value.bool ?? false
            case "appliedDiscount": discount = value
            case "taxable": line.taxable = value.bool
            case "requiresShipping": line.requiresShipping = value.bool
            case "sku": line.sku = value.string
            case "weight": weight = value
            case "grams": grams = value.int
            case "customAttributes": line.customAttributes = value.list.map(Self.attributes) ?? []
            case "uuid": line.uuid = value.string
            default: continue
            }
        }
        // A function, not a closure in a constant, which was allocated for every line.
        func path() -> [String] { ["lineItems", String(index)] }
        line.originalUnitPriceWithCurrency = unitPriceWithCurrency.flatMap {
            money($0, at: path() + ["originalUnitPriceWithCurrency"])
        }
        line.priceOverride = priceOverride.flatMap { money($0, at: path() + ["priceOverride"]) }
        line.appliedDiscount = discount.flatMap { appliedDiscount($0, at: path() + ["appliedDiscount"]) }
        if let weight, !weight.isNull {
            if let unit = weight["unit"]?.string.flatMap(WeightUnit.init(rawValue:)),
               let value = number(weight["value"], at: path() + ["weight", "value"]) {
                line.weight = Weight(value: value, unit: unit)
            }
        } else if let grams {
            line.weight = .grams(Int64(grams))
        }
        return line
    }

    private mutating func appliedDiscount(_ input: InputValue, at path: @autoclosure () -> [String]) -> AppliedDiscount? {
        guard !input.isNull, let type = input["valueType"]?.string.flatMap(DiscountValueType.init(rawValue:)),
              let value = number(input["value"], at: path() + ["value"]) else { return nil }
        return AppliedDiscount(title: input["title"]?.string, description: input["description"]?.string ?? "",
                               valueType: type, value: value,
                               amountWithCurrency: input["amountWithCurrency"].flatMap { money($0, at: path() + ["amountWithCurrency"]) })
    }

    /// A `Float` as an exact decimal; one too large or too fine for 64 bits is a problem.
    private mutating func number(_ input: InputValue?, at path: @autoclosure () -> [String]) -> ExactDecimal? {
        guard let double = input?.double else { return nil }
        guard let value = ExactDecimal(double) else {
            problems.add(path(), "Value is out of range", code: "INVALID")
            return nil
        }
        return value
    }

    /// A `MoneyInput`, rounded to the currency's minor unit.
    private mutating func money(_ input: InputValue, at path: @autoclosure () -> [String]) -> Money? {
        guard !input.isNull, let amount = input["amount"]?.decimal, let code = input["currencyCode"]?.string else { return nil }
        guard let currency = CurrencyCode(rawValue: code) else {
            problems.add(path() + ["currencyCode"], "Currency \(code) is not supported", code: "INVALID")
            return nil
        }
        guard let money = Money(rounding: amount, currency: currency) else {
            problems.add(path() + ["amount"], "Amount is out of range", code: "INVALID")
            return nil
        }
        return money
    }

    static func address(_ input: InputValue?) -> FieldUpdate<MailingAddressDraft> {
        guard let input else { return .unchanged }
        return input.isNull ? .cleared : .set(MailingAddressDraft(input))
    }

    static func attributes(_ list: [InputValue]) -> [Attribute] {
        list.compactMap { item in
            guard let key = item["key"]?.string else { return nil }
            return Attribute(key: key, value: item["value"]?.string ?? "")
        }
    }
}
