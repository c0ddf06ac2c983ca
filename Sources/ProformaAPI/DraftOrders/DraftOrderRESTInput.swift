import ProformaCore
import ProformaServices

/// Reads a REST `draft_order` object into the use case's input. Clients such as ShopifyAPI
/// send the whole object back on save, so read-only keys (ids, totals, tax lines, the
/// customer's details, …) are ignored rather than refused, and a variant line's price and title
/// come from the catalog, never from the body. A value of the wrong type is a problem named by
/// its REST field.
struct DraftOrderRESTInput {
    private var reader = RESTInputReader()

    static func decode(_ object: [String: JSONValue]) -> DraftOrderInput {
        var decoding = DraftOrderRESTInput()
        var input = decoding.decode(object)
        input.problems.add(decoding.reader.problems)
        return input
    }

    /// The draft's currency as the body names it; a price in another is not the draft's own.
    private var currency: String?

    private mutating func decode(_ object: [String: JSONValue]) -> DraftOrderInput {
        var input = DraftOrderInput()
        currency = object["presentment_currency"]?.stringValue
        if let lines = object["line_items"] {
            if case .array(let items) = lines {
                input.lineItems = items.enumerated().map { index, item in line(item, at: ["lineItems", String(index)]) }
            } else {
                reader.problems.add(["lineItems"], "must be a list", code: "INVALID")
            }
        }
        if let discount = object["applied_discount"] {
            input.appliedDiscount = discount.isNull ? .cleared
                : appliedDiscount(discount, at: ["appliedDiscount"]).map(FieldUpdate.set) ?? .unchanged
        }
        if let customer = object["customer"] {
            input.customerField = ["customer"]
            if customer.isNull {
                input.customerID = .cleared
            } else if let id = reader.integer(customer["id"], at: ["customer", "id"]) {
                input.customerID = .set(CustomerID(id))
            }
        }
        input.useCustomerDefaultAddress = reader.bool(object["use_customer_default_address"], at: ["useCustomerDefaultAddress"])
        input.email = reader.text(object, "email")
        input.phone = reader.text(object, "phone")
        input.note = reader.text(object, "note")
        input.poNumber = reader.text(object, "po_number")
        input.sourceName = reader.text(object, "source_name")
        input.billingAddress = RESTInputReader.address(object["billing_address"])
        input.shippingAddress = RESTInputReader.address(object["shipping_address"])
        if let shipping = object["shipping_line"] {
            if shipping.isNull {
                input.shippingLine = .cleared
            } else if let handle = shipping["handle"]?.stringValue, shipping["custom"].flatMap(\.boolValue) != true {
                input.shippingLine = .set(.init(shippingRateHandle: handle))
            } else {
                let price = reader.decimal(shipping["price"], at: ["shippingLine", "price"])
                input.shippingLine = .set(.init(title: shipping["title"]?.stringValue,
                                                priceWithCurrency: presentment(shipping, unlessEdited: price), price: price))
            }
        }
        input.tags = RESTInputReader.tags(object["tags"])
        if let attributes = object["note_attributes"] { input.customAttributes = reader.attributes(attributes, at: ["noteAttributes"]) }
        input.taxExempt = reader.bool(object["tax_exempt"], at: ["taxExempt"])
        input.allowDiscountCodesInCheckout = reader.bool(object["allow_discount_codes_in_checkout?"] ?? object["allow_discount_codes_in_checkout"],
                                                  at: ["allowDiscountCodesInCheckout"])
        input.presentmentCurrencyCode = object["presentment_currency"]?.stringValue
        if let until = object["reserve_inventory_until"] {
            if until.isNull {
                input.reserveInventoryUntil = .cleared
            } else if let time = until.stringValue.flatMap({ Timestamp(iso8601: $0) }) {
                input.reserveInventoryUntil = .set(time)
            } else {
                reader.problems.add(["reserveInventoryUntil"], "must be an ISO 8601 date and time", code: "INVALID")
            }
        }
        return input
    }

    private mutating func line(_ item: JSONValue, at path: [String]) -> DraftOrderInput.LineItem {
        var line = DraftOrderInput.LineItem(quantity: reader.integer(item["quantity"], at: path + ["quantity"]).map { Int(clamping: $0) } ?? 0)
        if let variant = item["variant_id"], !variant.isNull {
            if let id = reader.integer(variant, at: path + ["variantId"]) { line.variantID = VariantID(id) }
        } else {
            line.title = item["title"]?.stringValue
            line.originalUnitPrice = reader.decimal(item["price"], at: path + ["price"])
            line.originalUnitPriceWithCurrency = presentment(item, unlessEdited: line.originalUnitPrice)
            line.taxable = reader.bool(item["taxable"], at: path + ["taxable"])
            line.requiresShipping = reader.bool(item["requires_shipping"], at: path + ["requiresShipping"])
            line.sku = item["sku"]?.stringValue
            if let grams = reader.integer(item["grams"], at: path + ["grams"]) { line.weight = .grams(grams) }
        }
        if let discount = item["applied_discount"], !discount.isNull {
            line.appliedDiscount = appliedDiscount(discount, at: path + ["appliedDiscount"])
        }
        if let properties = item["properties"] { line.customAttributes = reader.attributes(properties, at: path + ["properties"]) ?? [] }
        return line
    }

    /// `{title, description, value, value_type, amount}`; `amount` is what the discount came to
    /// and is worked out again, so it is not read.
    private mutating func appliedDiscount(_ input: JSONValue, at path: [String]) -> AppliedDiscount? {
        let type: DiscountValueType
        switch input["value_type"]?.stringValue {
        case "percentage": type = .percentage
        case "fixed_amount": type = .fixedAmount
        default:
            reader.problems.add(path + ["valueType"], "must be fixed_amount or percentage", code: "INVALID")
            return nil
        }
        guard let value = reader.decimal(input["value"], at: path + ["value"]) else {
            if input["value"]?.isNull ?? true { reader.problems.add(path + ["value"], "can't be blank", code: "BLANK") }
            return nil
        }
        return AppliedDiscount(title: input["title"]?.stringValue, description: input["description"]?.stringValue ?? "",
                               valueType: type, value: value)
    }

    /// The price in the draft's own currency from `price_set`, as a client that read the draft
    /// sends it back, so that a draft in another currency does not drift by converting twice. A
    /// client that changed `price` and left `price_set` as it was meant the new `price`.
    private func presentment(_ object: JSONValue, unlessEdited price: ExactDecimal?) -> Money? {
        guard let set = object["price_set"], let shopAmount = set["shop_money"]?["amount"]?.stringValue.flatMap(ExactDecimal.init),
              price == nil || price == shopAmount,
              let amount = set["presentment_money"]?["amount"]?.stringValue.flatMap(ExactDecimal.init),
              let code = set["presentment_money"]?["currency_code"]?.stringValue, self.currency == nil || self.currency == code,
              let currency = CurrencyCode(rawValue: code) else {
            return nil
        }
        return Money(rounding: amount, currency: currency)
    }
}
