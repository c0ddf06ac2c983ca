import ProformaCore
import ProformaServices

struct AttributeObject: AdminObject {
    let typeName = "Attribute"
    let attribute: Attribute

    init(_ attribute: Attribute) {
        self.attribute = attribute
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "key": .string(attribute.key)
        case "value": .string(attribute.value)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct MetafieldObject: AdminObject {
    let typeName = "Metafield"
    let metafield: Metafield

    init(_ metafield: Metafield) {
        self.metafield = metafield
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .string(GlobalID.make("Metafield", metafield.id))
        case "namespace": .string(metafield.namespace)
        case "key": .string(metafield.key)
        case "type": .string(metafield.type)
        case "value": .string(metafield.value)
        case "ownerType": .string("DRAFTORDER")
        case "createdAt": .string(metafield.createdAt.iso8601)
        case "updatedAt": .string(metafield.updatedAt.iso8601)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

/// `DraftOrderWarning`s: discount codes Proforma cannot apply, and incomplete tax addresses.
struct WarningObject: AdminObject {
    let typeName: String
    let errorCode: String
    let fieldPath: String
    let message: String
    var discountCode: String?

    static func all(for draft: DraftOrder) -> [AnyAdminObject] {
        let codes = draft.discountCodes.map { code -> AnyAdminObject in
            WarningObject(typeName: "DraftOrderDiscountNotAppliedWarning", errorCode: "NOT_APPLICABLE",
                          fieldPath: "discountCodes", message: "Discount code \(code) could not be applied.",
                          discountCode: code)
        }
        let taxes = draft.calculation.warnings.map { warning -> AnyAdminObject in
            WarningObject(typeName: "DraftOrderTaxAddressWarning", errorCode: warning.code, fieldPath: warning.field,
                          message: warning.message)
        }
        return codes + taxes
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "errorCode": .string(errorCode)
        case "field": .string(fieldPath)
        case "message": .string(message)
        case "discountCode": .optional(discountCode)
        case "discountTitle": .null
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct PaymentTermsTemplateObject: AdminObject {
    let typeName = "PaymentTermsTemplate"
    let template: PaymentTermsTemplate

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .string(GlobalID.make("PaymentTermsTemplate", template.id))
        case "name", "translatedName": .string(template.name)
        case "description": .string(template.description)
        case "dueInDays": .optional(template.dueInDays)
        case "paymentTermsType": .string(template.kind.rawValue)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

/// A draft's payment terms; the schedule is due `dueInDays` after it is issued (NET) or on
/// its date (FIXED). Overdue tracking starts with orders.
struct PaymentTermsObject: AdminObject {
    let typeName = "PaymentTerms"
    let draft: DraftOrder
    let terms: DraftPaymentTerms
    let template: PaymentTermsTemplate

    var dueAt: Timestamp? {
        if let dueAt = terms.dueAt { return dueAt }
        guard let issuedAt = terms.issuedAt, let days = template.dueInDays else { return nil }
        return issuedAt.adding(days: days)
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": return .string(GlobalID.make("PaymentTerms", draft.id))
        case "paymentTermsName", "translatedName": return .string(template.name)
        case "paymentTermsType": return .string(template.kind.rawValue)
        case "dueInDays": return .optional(template.dueInDays)
        case "due", "overdue": return .bool(false)
        case "paymentSchedules":
            let schedule = PayloadObject(typeName: "PaymentSchedule", fields: [
                "id": .string(GlobalID.make("PaymentSchedule", draft.id)),
                "issuedAt": .optional(terms.issuedAt?.iso8601), "dueAt": .optional(dueAt?.iso8601), "completedAt": .null,
            ])
            let schedules = template.kind == .net || template.kind == .fixed ? [schedule] : []
            let page = PageSlicer.page(schedules, key: { _ in 0 }, id: { _ in draft.id.rawValue },
                                       request: try ConnectionObject.pageRequest(field))
            return .object(ConnectionObject("PaymentScheduleConnection", page: page) { $0 })
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct TraceObject: AdminObject {
    let typeName = "DraftOrderCalculationTrace"
    let draft: DraftOrder

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        let calculation = draft.calculation
        switch field.name {
        case "taxAddressSource": return .string(calculation.taxAddressSource.rawValue)
        case "taxAddress":
            let address: MailingAddress? = switch calculation.taxAddressSource {
            case .shippingAddress: draft.shippingAddress
            case .billingAddress: draft.billingAddress
            case .shopAddress: draft.settings.shopAddress
            case .none: nil
            }
            return .optional(address.map { MailingAddressObject(address: $0, id: GlobalID.make("MailingAddress", draft.id)) })
        case "steps":
            return .objects(draft.calculationTrace.map { step -> AnyAdminObject in
                PayloadObject(typeName: "DraftOrderCalculationStep", fields: [
                    "kind": .string(step.kind.rawValue), "subject": .string(step.subjectDescription),
                    "description": .string(step.description(currency: calculation.currency)),
                    "amountSet": .object(MoneyBagObject(units: step.amount, calculation: calculation)),
                ])
            })
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

/// `ShippingRate` (on `CalculatedDraftOrder`) and `DraftOrderShippingRate`.
struct ShippingRateObject: AdminObject {
    let option: ShippingOption
    let typeName: String

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "handle": .string(option.handle)
        case "code", "title": .string(option.title)
        case "source": .string("proforma")
        case "price": .object(MoneyV2Object(money: option.price))
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}
