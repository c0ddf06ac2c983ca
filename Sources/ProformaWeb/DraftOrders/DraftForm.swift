import ProformaAPI
import ProformaCore
import ProformaServices

/// The draft editor's form: everything on screen, carried in its fields, so that the page
/// works without JavaScript. Each button posts the whole form with its `intent`; the server
/// rebuilds the draft from the fields, applies the intent and shows the result.
struct DraftForm: Sendable {
    struct Line: Sendable {
        var variantID: Int64?
        var title = ""
        /// A custom line's unit price, as typed.
        var price = ""
        var quantity = "1"
        /// "", `PERCENTAGE` or `FIXED_AMOUNT`.
        var discountType = ""
        var discountValue = ""
        var taxable = true
        var requiresShipping = true
    }

    static let addressFields = ["first_name", "last_name", "address1", "city", "province_code", "country_code", "zip"]

    var version: Int64?
    var customerID: Int64?
    var email = ""
    var lines: [Line] = []
    var discountType = ""
    var discountValue = ""
    var discountTitle = ""
    var address: [String: String] = [:]
    /// "", a shipping rate's handle, or `custom`.
    var shippingChoice = ""
    var shippingTitle = ""
    var shippingPrice = ""
    var taxExempt = false
    var tags = ""
    var note = ""
    var attributes = ""
    var reserveUntil = ""

    init() {}

    init(_ form: FormData) {
        version = form.text("version").flatMap { Int64($0) }
        customerID = form.text("customer_id").flatMap { Int64($0) }
        email = form["email"] ?? ""
        let count = min(Int(form["line_count"] ?? "") ?? 0, 500)
        lines = (0..<count).map { index in
            func field(_ name: String) -> String { form["line_\(index)_\(name)"] ?? "" }
            return Line(variantID: Int64(field("variant")), title: field("title"), price: field("price"),
                        quantity: field("quantity"), discountType: field("discount_type"), discountValue: field("discount_value"),
                        taxable: form.flag("line_\(index)_taxable"), requiresShipping: form.flag("line_\(index)_shipping"))
        }
        discountType = form["discount_type"] ?? ""
        discountValue = form["discount_value"] ?? ""
        discountTitle = form["discount_title"] ?? ""
        for name in Self.addressFields { address[name] = form["ship_\(name)"] ?? "" }
        shippingChoice = form["shipping"] ?? ""
        shippingTitle = form["shipping_title"] ?? ""
        shippingPrice = form["shipping_price"] ?? ""
        taxExempt = form.flag("tax_exempt")
        tags = form["tags"] ?? ""
        note = form["note"] ?? ""
        attributes = form["attributes"] ?? ""
        reserveUntil = form["reserve_until"] ?? ""
    }

    init(_ draft: DraftOrder) {
        version = draft.version
        customerID = draft.customerID?.rawValue
        email = draft.email ?? ""
        lines = draft.lines.map { line in
            var form = Line(variantID: line.variantID?.rawValue, title: line.title, quantity: String(line.quantity),
                            taxable: line.taxable, requiresShipping: line.requiresShipping)
            switch line.source {
            case .custom(let price), .legacyCustom(let price): form.price = price.decimal.description
            case .variant: break
            }
            if let discount = line.appliedDiscount {
                form.discountType = discount.valueType.rawValue
                form.discountValue = discount.value.description
            }
            return form
        }
        if let discount = draft.appliedDiscount {
            discountType = discount.valueType.rawValue
            discountValue = discount.value.description
            discountTitle = discount.title ?? ""
        }
        setAddress(draft.shippingAddress)
        if let shipping = draft.shippingLine {
            shippingChoice = shipping.rateHandle ?? "custom"
            shippingTitle = shipping.title
            shippingPrice = shipping.price.decimal.description
        }
        taxExempt = draft.taxExempt
        tags = draft.tags.joined(separator: ", ")
        note = draft.note ?? ""
        attributes = draft.customAttributes.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
        reserveUntil = draft.reserveInventoryUntil?.dateInputText ?? ""
    }

    mutating func setAddress(_ address: MailingAddress?) {
        let values = [address?.firstName, address?.lastName, address?.address1, address?.city, address?.provinceCode,
                      address?.countryCode, address?.zip]
        for (name, value) in zip(Self.addressFields, values) { self.address[name] = value ?? "" }
    }

    /// The whole draft as the use cases take it: every field set or cleared, so that saving
    /// an existing draft leaves it exactly as the form shows. Values the form cannot read are
    /// reported under their input paths, as the service reports its own.
    var input: DraftOrderInput {
        var input = DraftOrderInput()
        var problems = ValidationErrors()
        input.lineItems = lines.enumerated().map { index, line in
            let path = ["lineItems", String(index)]
            let quantity = Int(line.quantity.trimmingWhitespace())
            if quantity == nil { problems.add(path + ["quantity"], "Quantity must be a whole number", code: "INVALID") }
            var item = DraftOrderInput.LineItem(quantity: quantity ?? 1)
            if let id = line.variantID {
                item.variantID = VariantID(id)
            } else {
                item.title = line.title
                item.taxable = line.taxable
                item.requiresShipping = line.requiresShipping
                item.originalUnitPrice = ExactDecimal(line.price.trimmingWhitespace())
                if item.originalUnitPrice == nil {
                    problems.add(path + ["originalUnitPrice"], "Price must be an amount like 12.50", code: "INVALID")
                }
            }
            item.appliedDiscount = Self.discount(type: line.discountType, value: line.discountValue, title: nil,
                                                 path: path + ["appliedDiscount"], problems: &problems)
            return item
        }
        input.appliedDiscount = Self.discount(type: discountType, value: discountValue, title: discountTitle,
                                              path: ["appliedDiscount"], problems: &problems).map { .set($0) } ?? .cleared
        input.customerID = customerID.map { .set(CustomerID($0)) } ?? .cleared
        input.email = Self.update(email)
        let values = Self.addressFields.map { address[$0]?.trimmingWhitespace() ?? "" }
        if values.contains(where: { !$0.isEmpty }) {
            func value(_ index: Int) -> String? { values[index].isEmpty ? nil : values[index] }
            input.shippingAddress = .set(MailingAddressDraft(
                firstName: value(0), lastName: value(1), address1: value(2), city: value(3), provinceCode: value(4),
                countryCode: value(5)?.uppercased(), zip: value(6)))
        } else {
            input.shippingAddress = .cleared
        }
        switch shippingChoice {
        case "": input.shippingLine = .cleared
        case "custom":
            let price = ExactDecimal(shippingPrice.trimmingWhitespace())
            if price == nil { problems.add(["shippingLine", "price"], "Shipping price must be an amount like 9.95", code: "INVALID") }
            input.shippingLine = .set(.init(title: shippingTitle.trimmingWhitespace().isEmpty ? "Shipping" : shippingTitle,
                                            price: price ?? .zero))
        default: input.shippingLine = .set(.init(shippingRateHandle: shippingChoice))
        }
        input.taxExempt = taxExempt
        input.tags = tags.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        input.note = Self.update(note)
        input.customAttributes = attributes.split(whereSeparator: \.isNewline).compactMap { row in
            let parts = row.split(separator: ":", maxSplits: 1)
            guard let key = parts.first?.trimmingWhitespace(), !key.isEmpty else { return nil }
            return Attribute(key: key, value: parts.count > 1 ? parts[1].trimmingWhitespace() : "")
        }
        if reserveUntil.trimmingWhitespace().isEmpty {
            input.reserveInventoryUntil = .cleared
        } else if let date = Timestamp(endOfDay: reserveUntil.trimmingWhitespace()) {
            input.reserveInventoryUntil = .set(date)
        } else {
            problems.add(["reserveInventoryUntil"], "Reserve until must be a date", code: "INVALID")
        }
        input.problems = problems
        return input
    }

    private static func update(_ text: String) -> FieldUpdate<String> {
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty ? .cleared : .set(trimmed)
    }

    private static func discount(type: String, value: String, title: String?, path: [String],
                                 problems: inout ValidationErrors) -> AppliedDiscount? {
        guard let valueType = DiscountValueType(rawValue: type) else { return nil }
        guard let amount = ExactDecimal(value.trimmingWhitespace()) else {
            problems.add(path + ["value"], "Discount must be a number like 10 or 2.50", code: "INVALID")
            return nil
        }
        let title = title?.trimmingWhitespace()
        return AppliedDiscount(title: title?.isEmpty == false ? title : nil, valueType: valueType, value: amount)
    }

    /// The form field a service error path concerns, or nil for the page's list.
    static func fieldName(_ path: [String]) -> String? {
        guard let first = path.first else { return nil }
        switch first {
        case "lineItems":
            guard path.count >= 3, let index = Int(path[1]) else { return "lines" }
            switch path[2] {
            case "quantity": return "line_\(index)_quantity"
            case "appliedDiscount": return "line_\(index)_discount"
            case "originalUnitPrice", "originalUnitPriceWithCurrency": return "line_\(index)_price"
            case "title": return "line_\(index)_title"
            default: return "line_\(index)"
            }
        case "appliedDiscount": return "discount"
        case "shippingAddress":
            let field = path.count > 1 ? path[1] : ""
            let names = ["firstName": "first_name", "lastName": "last_name", "address1": "address1", "city": "city",
                         "provinceCode": "province_code", "province": "province_code", "countryCode": "country_code",
                         "country": "country_code", "zip": "zip"]
            return "ship_" + (names[field] ?? "address1")
        case "shippingLine": return "shipping"
        case "email": return "email"
        case "purchasingEntity", "customerId": return "customer"
        case "reserveInventoryUntil": return "reserve_until"
        case "tags": return "tags"
        case "note": return "note"
        case "customAttributes": return "attributes"
        default: return nil
        }
    }
}
