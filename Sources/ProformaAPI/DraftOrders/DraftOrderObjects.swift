import ProformaCore
import ProformaServices

/// `DraftOrder`, and `CalculatedDraftOrder` (the same amounts for a draft that was not saved).
struct DraftOrderObject: AdminObject {
    let typeName: String
    /// Made once per object rather than per field, which copied the whole draft each time.
    let details: DraftDetailFields
    var draft: DraftOrder { details.draft }
    var calculation: DraftCalculation { details.calculation }

    init(_ draft: DraftOrder, calculated: Bool = false) {
        self.details = DraftDetailFields(draft: draft)
        self.typeName = calculated ? "CalculatedDraftOrder" : "DraftOrder"
    }

    private func bag(_ units: Int64) -> AdminValue { .object(MoneyBagObject(units: units, calculation: calculation)) }
    private func shopAmount(_ units: Int64) -> AdminValue { .string(calculation.shopMoney(units).formattedAmount) }

    func resolveImmediately(_ field: FieldRequest, context: AdminContext) throws -> AdminValue? {
        if let shared = DraftDetailFields.SharedField.byName[field.name] { return details.value(of: shared) }
        switch field.name {
        case "id": return .string(GlobalID.make("DraftOrder", draft.id))
        case "legacyResourceId": return .string(String(draft.id.rawValue))
        case "name": return .string(draft.name)
        case "status": return .string(draft.status.rawValue)
        case "ready": return .bool(true)
        case "version": return .int(Int(draft.version))
        case "createdAt": return .string(draft.createdAt.iso8601)
        case "updatedAt": return .string(draft.updatedAt.iso8601)
        case "completedAt": return .optional(draft.completedAt?.iso8601)
        case "invoiceSentAt": return .optional(draft.invoiceSentAt?.iso8601)
        case "invoiceUrl":
            return .optional(draft.invoiceToken.flatMap { context.services.draftOrders.invoiceLinks.url(shop: context.shopID, token: $0) })
        case "invoiceEmailTemplateSubject": return .string("Draft Order \(draft.name)")
        case "reserveInventoryUntil": return .optional(draft.reserveInventoryUntil?.iso8601)
        case "note2": return .optional(draft.note)
        case "visibleToCustomer": return .bool(draft.visibleToCustomer)
        case "acceptAutomaticDiscounts": return .bool(draft.acceptAutomaticDiscounts)
        case "allowDiscountCodesInCheckout": return .bool(draft.allowDiscountCodesInCheckout)
        case "discountCodes": return .strings(draft.discountCodes)
        case "allVariantPricesOverridden":
            let variants = draft.lines.filter { !$0.isCustom }
            return .bool(!variants.isEmpty && variants.allSatisfy { $0.priceOverride != nil })
        case "anyVariantPricesOverridden": return .bool(draft.lines.contains { !$0.isCustom && $0.priceOverride != nil })
        case "billingAddressMatchesShippingAddress": return .bool(draft.billingAddress == draft.shippingAddress)
        case "hasTimelineComment": return .bool(false)
        case "totalQuantityOfLineItems": return .int(draft.lines.reduce(0) { $0 + $1.quantity })
        case "totalWeight": return .string(String(calculation.totalWeightGrams))
        case "billingAddress": return .optional(draft.billingAddress.map { address(address: $0, kind: 1) })
        case "shippingAddress": return .optional(draft.shippingAddress.map { address(address: $0, kind: 2) })
        case "appliedDiscount":
            guard let discount = draft.appliedDiscount else { return .null }
            return .object(AppliedDiscountObject(discount: discount, amount: calculation.orderDiscount, calculation: calculation))
        case "lineItems":
            guard typeName == "DraftOrder" else {
                return .objects(zip(draft.lines, calculation.lines).map { line, result in
                    DraftLineObject(line: line, result: result, calculation: calculation, calculated: true)
                })
            }
            return try details.lineItems(field, typeName: "DraftOrderLineItem")
        case "lineItemsSubtotalPrice": return bag(calculation.lineItemsSubtotal)
        case "totalLineItemsPriceSet": return bag(calculation.totalLineItemsPrice)
        case "subtotalPrice": return shopAmount(calculation.subtotal)
        case "totalPrice": return shopAmount(calculation.total)
        case "totalShippingPrice": return shopAmount(calculation.shipping?.price ?? 0)
        case "totalTax": return shopAmount(calculation.totalTax)
        case "warnings": return .objects(WarningObject.all(for: draft))
        case "metafield":
            let namespace = field["namespace"]?.string
            let key = field["key"]?.string
            return .optional(draft.metafields.first { ($0.namespace == namespace || namespace == nil) && $0.key == key }
                .map(MetafieldObject.init))
        case "metafields":
            let namespace = field["namespace"]?.string
            let matching = draft.metafields.filter { namespace == nil || $0.namespace == namespace }
            let page = PageSlicer.page(matching, key: \.id.rawValue, id: \.id.rawValue, request: try ConnectionObject.pageRequest(field))
            return .object(ConnectionObject("MetafieldConnection", page: page) { MetafieldObject($0) })
        case "calculationTrace": return .object(TraceObject(draft: draft))
        case "defaultCursor": return .string(Cursor(sortValue: .integer(draft.id.rawValue), id: draft.id.rawValue).token)
        case "alerts": return .list([])
        // `resolve` answers these, and any other name is not a field.
        default: return nil
        }
    }

    /// The fields that wait on the database.
    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "customer", "purchasingEntity": return try await details.customer(context)
        case "order":
            guard let id = draft.orderID,
                  let order = try await context.services.orders.order(shop: context.shopID, id: OrderID(id)) else { return .null }
            return .object(OrderObject(order))
        case "availableShippingRates":
            let options = try await context.services.draftOrders.shippingOptions(shop: context.shopID, for: draft)
            return .objects(options.map { ShippingRateObject(option: $0, typeName: "ShippingRate") })
        default: return try immediateValue(of: field, context: context)
        }
    }

    private func address(address: MailingAddress, kind: Int64) -> MailingAddressObject {
        MailingAddressObject(address: address,
                             id: GlobalID.make("MailingAddress", draft.id.rawValue * 10 + kind, query: "model_name=Address"))
    }
}

/// What drafts, calculated drafts and orders answer alike, from a draft and its amounts (an
/// order answers from the draft it was placed from): one place, so the three never disagree.
///
/// A class, so that the objects holding it share the draft: resolving each field of a struct
/// copied it, retaining every string and array in it, a twentieth of a search page's CPU.
final class DraftDetailFields: Sendable {
    let draft: DraftOrder
    var calculation: DraftCalculation { draft.calculation }

    init(draft: DraftOrder) {
        self.draft = draft
    }

    private func bag(_ units: Int64) -> AdminValue { .object(MoneyBagObject(units: units, calculation: calculation)) }

    /// The fields drafts, calculated drafts and orders answer alike. A field's name is looked
    /// up here in one hash, before the caller's own fields: a `switch` over the names compared
    /// it with each in turn, for every field of every draft on a page.
    enum SharedField: String, CaseIterable {
        case email, phone, poNumber, tags, customAttributes, taxExempt, taxesIncluded, currencyCode
        case presentmentCurrencyCode, customer, shippingLine, taxLines, subtotalPriceSet, currentSubtotalPriceSet
        case totalPriceSet, currentTotalPriceSet, totalTaxSet, currentTotalTaxSet, totalDiscountsSet
        case totalShippingPriceSet, paymentTerms

        static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
    }

    /// The value of a shared field, or nil when the field is the caller's own.
    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue? {
        guard let shared = SharedField.byName[field.name] else { return nil }
        if shared == .customer { return try await customer(context) }
        return value(of: shared)
    }

    /// A shared field's value; nil for `customer`, which waits on the database.
    func value(of field: SharedField) -> AdminValue? {
        switch field {
        case .email: .optional(draft.email)
        case .phone: .optional(draft.phone)
        case .poNumber: .optional(draft.poNumber)
        case .tags: .strings(draft.tags)
        case .customAttributes: .objects(draft.customAttributes.map(AttributeObject.init))
        case .taxExempt: .bool(draft.taxExempt)
        case .taxesIncluded: .bool(calculation.taxesIncluded)
        case .currencyCode: .string(calculation.conversion.shopCurrency.rawValue)
        case .presentmentCurrencyCode: .string(calculation.currency.rawValue)
        case .customer: nil
        case .shippingLine: calculation.shipping.map { .object(ShippingLineObject(draft: draft, line: $0)) } ?? .null
        case .taxLines: TaxLineObject.list(calculation.taxLines, calculation: calculation)
        case .subtotalPriceSet, .currentSubtotalPriceSet: bag(calculation.subtotal)
        case .totalPriceSet, .currentTotalPriceSet: bag(calculation.total)
        case .totalTaxSet, .currentTotalTaxSet: bag(calculation.totalTax)
        case .totalDiscountsSet: bag(calculation.totalDiscounts)
        case .totalShippingPriceSet: bag(calculation.shipping?.price ?? 0)
        case .paymentTerms:
            if let terms = draft.paymentTerms, let template = PaymentTermsTemplate.template(id: terms.templateID) {
                .object(PaymentTermsObject(draft: draft, terms: terms, template: template))
            } else {
                .null
            }
        }
    }

    func customer(_ context: AdminContext) async throws -> AdminValue {
        guard let id = draft.customerID, let customer = try await context.loader.customer(id) else { return .null }
        return .object(CustomerObject(customer))
    }

    /// The lines as a connection of `typeName` objects (`DraftOrderLineItem`, `LineItem`).
    func lineItems(_ field: FieldRequest, typeName: String) throws -> AdminValue {
        let objects = zip(draft.lines, calculation.lines).map { line, result in
            DraftLineObject(line: line, result: result, calculation: calculation, typeName: typeName)
        }
        let page = PageSlicer.page(Array(objects.enumerated()), key: { Int64($0.offset) },
                                   id: { draft.lines[$0.offset].id.rawValue }, request: try ConnectionObject.pageRequest(field))
        return .object(ConnectionObject(typeName + "Connection", page: page) { $0.element })
    }
}

/// `DraftOrderLineItem` and `CalculatedDraftOrderLineItem`.
struct DraftLineObject: AdminObject {
    let typeName: String
    let line: DraftOrderLine
    let result: DraftCalculation.Line
    let calculation: DraftCalculation

    init(line: DraftOrderLine, result: DraftCalculation.Line, calculation: DraftCalculation, calculated: Bool) {
        self.init(line: line, result: result, calculation: calculation,
                  typeName: calculated ? "CalculatedDraftOrderLineItem" : "DraftOrderLineItem")
    }

    /// `typeName` is `LineItem` for an order's lines, which are its draft's, frozen.
    init(line: DraftOrderLine, result: DraftCalculation.Line, calculation: DraftCalculation, typeName: String) {
        self.line = line
        self.result = result
        self.calculation = calculation
        self.typeName = typeName
    }

    private func bag(_ units: Int64) -> AdminValue { .object(MoneyBagObject(units: units, calculation: calculation)) }

    /// The deprecated single-money fields: `Money` strings on saved lines, `MoneyV2` on calculated ones.
    private func legacy(_ units: Int64) -> AdminValue {
        typeName != "CalculatedDraftOrderLineItem"
            ? .string(calculation.shopMoney(units).formattedAmount)
            : .object(MoneyV2Object(money: calculation.money(units)))
    }

    func resolveImmediately(_ field: FieldRequest, context: AdminContext) throws -> AdminValue? {
        switch field.name {
        case "id": return .string(GlobalID.make(typeName, line.id))
        case "uuid": return .optional(line.uuid)
        case "name": return .string(line.name)
        case "title": return .string(line.title)
        case "variantTitle": return .optional(line.variantTitle)
        case "sku": return .optional(line.sku)
        case "vendor": return .optional(line.vendor)
        case "quantity", "currentQuantity": return .int(line.quantity)
        case "custom": return .bool(line.isCustom)
        case "isGiftCard": return .bool(line.isGiftCard)
        case "requiresShipping": return .bool(line.requiresShipping)
        case "taxable": return .bool(line.taxable)
        case "weight": return .object(WeightObject(weight: line.weight))
        case "image": return .null
        case "fulfillmentService":
            return .object(PayloadObject(typeName: "FulfillmentService", fields: [
                "id": .string(GlobalID.make("FulfillmentService", 1)), "handle": .string("manual"),
                "serviceName": .string("Manual"), "type": .string(line.isGiftCard ? "GIFT_CARD" : "MANUAL"),
            ]))
        case "customAttributes": return .objects(line.customAttributes.map(AttributeObject.init))
        case "appliedDiscount":
            guard let discount = line.appliedDiscount else { return .null }
            return .object(AppliedDiscountObject(discount: discount, amount: result.discount, calculation: calculation))
        case "taxLines": return TaxLineObject.list(result.taxLines, calculation: calculation)
        case "priceOverride": return .optional(line.priceOverride.map(MoneyV2Object.init))
        case "originalUnitPriceWithCurrency": return .object(MoneyV2Object(money: calculation.money(result.unitPrice)))
        case "originalUnitPriceSet": return bag(result.unitPrice)
        case "originalTotalSet": return bag(result.originalTotal)
        case "discountedTotalSet": return bag(result.discountedTotal)
        case "totalDiscountSet": return bag(result.discount)
        case "approximateDiscountedUnitPriceSet", "discountedUnitPriceSet":
            let unit = line.quantity > 0
                ? Int64(ExactDecimal.divideRoundingHalfAwayFromZero(Int128(result.discountedTotal), by: Int128(line.quantity))) : 0
            return bag(unit)
        case "originalUnitPrice": return legacy(result.unitPrice)
        case "originalTotal": return legacy(result.originalTotal)
        case "discountedTotal": return legacy(result.discountedTotal)
        case "totalDiscount": return legacy(result.discount)
        case "components": return .list([])
        // `resolve` answers these, and any other name is not a field.
        default: return nil
        }
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "variant":
            guard let id = line.variantID, let variant = try await context.loader.variant(id) else { return .null }
            return .object(ProductVariantObject(variant))
        case "product":
            guard let id = line.productID, let product = try await context.loader.product(id) else { return .null }
            return .object(ProductObject(product))
        default: return try immediateValue(of: field, context: context)
        }
    }
}

struct MoneyBagObject: ImmediateAdminObject {
    let typeName = "MoneyBag"
    let units: Int64
    /// Only the calculation's conversion: the whole calculation (its lines, taxes and warnings)
    /// was copied into every bag, a reference count per array.
    let conversion: CurrencyConversion

    init(units: Int64, calculation: DraftCalculation) {
        self.units = units
        self.conversion = calculation.conversion
    }

    func value(of field: FieldRequest, context: AdminContext) throws -> AdminValue {
        switch field.name {
        case "presentmentMoney": .object(MoneyV2Object(money: Money(minorUnits: units, currency: conversion.presentmentCurrency)))
        case "shopMoney": .object(MoneyV2Object(money: conversion.shopAmount(units)))
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct TaxLineObject: AdminObject {
    let typeName = "TaxLine"
    let line: DraftCalculation.TaxLine
    let calculation: DraftCalculation

    static func list(_ lines: [DraftCalculation.TaxLine], calculation: DraftCalculation) -> AdminValue {
        .objects(lines.map { TaxLineObject(line: $0, calculation: calculation) })
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "title": return .string(line.title)
        case "rate": return .float(Double(line.rate.description) ?? 0)
        case "ratePercentage":
            return .float(Double((line.rate.multipliedExactly(by: .hundred) ?? line.rate).description) ?? 0)
        case "priceSet": return .object(MoneyBagObject(units: line.amount, calculation: calculation))
        case "price": return .string(calculation.shopMoney(line.amount).formattedAmount)
        case "source", "channelLiable": return .null
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct AppliedDiscountObject: AdminObject {
    let typeName = "DraftOrderAppliedDiscount"
    let discount: AppliedDiscount
    let amount: Int64
    let calculation: DraftCalculation

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "title": .optional(discount.title)
        case "description": .string(discount.description)
        case "value": .float(Double(discount.value.description) ?? 0)
        case "valueType": .string(discount.valueType.rawValue)
        case "amountSet": .object(MoneyBagObject(units: amount, calculation: calculation))
        case "amountV2": .object(MoneyV2Object(money: calculation.money(amount)))
        case "amount": .string(calculation.shopMoney(amount).formattedAmount)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct ShippingLineObject: AdminObject {
    let typeName = "ShippingLine"
    let draft: DraftOrder
    let line: DraftCalculation.Shipping

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        let bag = AdminValue.object(MoneyBagObject(units: line.price, calculation: draft.calculation))
        switch field.name {
        // A calculated draft is not saved, so its shipping line has no id yet, as on Shopify.
        case "id": return .optional(draft.id.rawValue == 0 ? nil : GlobalID.make("ShippingLine", draft.id))
        case "title": return .string(line.title)
        case "code": return .optional(line.handle == nil ? nil : line.title)
        case "source": return .string(line.handle == nil ? "shopify" : "proforma")
        case "custom": return .bool(line.handle == nil)
        case "shippingRateHandle": return .optional(line.handle)
        case "carrierIdentifier", "deliveryCategory", "phone": return .null
        case "isRemoved": return .bool(false)
        case "originalPriceSet", "discountedPriceSet", "currentDiscountedPriceSet": return bag
        case "taxLines": return TaxLineObject.list(line.taxLines, calculation: draft.calculation)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}
