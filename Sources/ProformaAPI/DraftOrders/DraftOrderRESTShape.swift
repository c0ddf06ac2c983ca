import ProformaCore

/// A draft as the REST Admin API writes it (`{"draft_order": {...}}`): plain money fields in
/// the shop's currency, `*_set` bags with both currencies, lower-case statuses, tags as one
/// string. Every amount comes from the draft's stored calculation.
enum DraftOrderRESTShape {
    static func draftOrder(_ draft: DraftOrder, customer: Customer?, invoiceURL: String?) -> RESTObject {
        let calculation = draft.calculation
        func shop(_ units: Int64) -> RESTValue { RESTShapes.shopMoney(units, calculation) }
        func set(_ units: Int64) -> RESTValue { RESTShapes.moneySet(units, calculation) }
        let dueLater = draft.paymentTerms == nil ? 0 : calculation.total
        var fields: RESTObject = [
            "id": .int(draft.id.rawValue), "note": .text(draft.note), "email": .text(draft.email),
            "taxes_included": .bool(calculation.taxesIncluded),
            "currency": .string(calculation.conversion.shopCurrency.rawValue),
            "invoice_sent_at": .time(draft.invoiceSentAt), "created_at": .time(draft.createdAt),
            "updated_at": .time(draft.updatedAt), "tax_exempt": .bool(draft.taxExempt),
            "completed_at": .time(draft.completedAt), "name": .string(draft.name),
            "allow_discount_codes_in_checkout?": .bool(draft.allowDiscountCodesInCheckout), "b2b?": false,
            "status": .string(draft.status.rawValue.lowercased()),
            "line_items": .array(zip(draft.lines, calculation.lines).map { .object(line($0, $1, calculation)) }),
            "api_client_id": nil,
            "shipping_address": RESTShapes.address(draft.shippingAddress),
            "billing_address": RESTShapes.address(draft.billingAddress),
            "invoice_url": .text(invoiceURL), "created_on_api_version": nil,
            "applied_discount": RESTShapes.appliedDiscount(draft.appliedDiscount, amount: calculation.orderDiscount, calculation),
            "order_id": .id(draft.orderID),
            "shipping_line": shippingLine(calculation),
            "tax_lines": RESTShapes.taxLines(calculation.taxLines, calculation),
            "tags": RESTShapes.tags(draft.tags), "note_attributes": RESTShapes.attributes(draft.customAttributes),
            "total_price": shop(calculation.total), "subtotal_price": shop(calculation.subtotal),
            "total_tax": shop(calculation.totalTax), "payment_terms": paymentTerms(draft.paymentTerms),
            "presentment_currency": .string(calculation.currency.rawValue),
            "total_line_items_price_set": set(calculation.totalLineItemsPrice),
            "total_price_set": set(calculation.total), "subtotal_price_set": set(calculation.subtotal),
            "total_tax_set": set(calculation.totalTax), "total_discounts_set": set(calculation.totalDiscounts),
            "total_shipping_price_set": set(calculation.shipping?.price ?? 0),
            "total_additional_fees_set": set(0), "total_duties_set": set(0),
            "amount_due_now_set": set(calculation.total - dueLater), "amount_due_later_set": set(dueLater),
            "admin_graphql_api_id": RESTShapes.gid("DraftOrder", draft.id.rawValue),
        ]
        fields["phone"] = .text(draft.phone)
        fields["po_number"] = .text(draft.poNumber)
        fields["source_name"] = .text(draft.sourceName)
        fields["reserve_inventory_until"] = .time(draft.reserveInventoryUntil)
        fields["customer"] = customer.map { .object(RESTShapes.customer($0)) } ?? .null
        return fields
    }

    static func line(_ line: DraftOrderLine, _ result: DraftCalculation.Line, _ calculation: DraftCalculation) -> RESTObject {
        [
            "id": .int(line.id.rawValue), "variant_id": .id(line.variantID?.rawValue),
            "product_id": .id(line.productID?.rawValue), "title": .string(line.title),
            "variant_title": .text(line.variantTitle), "sku": .text(line.sku), "vendor": .text(line.vendor),
            "quantity": .int(Int64(line.quantity)), "requires_shipping": .bool(line.requiresShipping),
            "taxable": .bool(line.taxable), "gift_card": .bool(line.isGiftCard), "fulfillment_service": "manual",
            "grams": .int(line.weight.grams), "tax_lines": RESTShapes.taxLines(result.taxLines, calculation),
            "applied_discount": RESTShapes.appliedDiscount(line.appliedDiscount, amount: result.discount, calculation),
            "name": .string(line.name), "properties": RESTShapes.attributes(line.customAttributes),
            "custom": .bool(line.isCustom), "price": RESTShapes.shopMoney(result.unitPrice, calculation),
            "price_set": RESTShapes.moneySet(result.unitPrice, calculation),
            "admin_graphql_api_id": RESTShapes.gid("DraftOrderLineItem", line.id.rawValue),
        ]
    }

    static func shippingLine(_ calculation: DraftCalculation) -> RESTValue {
        guard let shipping = calculation.shipping else { return .null }
        return [
            "title": .string(shipping.title), "custom": .bool(shipping.handle == nil), "handle": .text(shipping.handle),
            "price": RESTShapes.shopMoney(shipping.price, calculation),
            "price_set": RESTShapes.moneySet(shipping.price, calculation),
        ]
    }

    static func paymentTerms(_ terms: DraftPaymentTerms?) -> RESTValue {
        guard let terms, let template = PaymentTermsTemplate.template(id: terms.templateID) else { return .null }
        return [
            "payment_terms_name": .string(template.name), "payment_terms_type": .string(template.kind.rawValue.lowercased()),
            "due_in_days": template.dueInDays.map { .int(Int64($0)) } ?? .null,
            "payment_schedules": [["issued_at": .time(terms.issuedAt), "due_at": .time(terms.dueAt)]],
        ]
    }
}
