import Foundation
import ProformaCore
import ProformaJSON

/// A draft as the store writes it: its own fields, the customer's display name (kept for
/// sorting and searching by it), and the parts never searched as JSON documents.
///
/// The documents are encoded when the record is made. Encoding is a large part of a write's
/// CPU and SQLite runs write transactions one at a time, so creates make their record before
/// the transaction begins; the number, which only the transaction can take, is no part of any
/// document. Updates make theirs from a snapshot too (see `DraftOrderService.update`); only
/// changes to a draft read under lock make theirs inside.
public struct DraftOrderRecord: Sendable {
    public private(set) var draft: DraftOrder
    public let customerName: String
    /// `DraftOrderDocument` as JSON.
    public let document: String
    /// The lines as one JSON array, in order, when the write stores them: when some line has no
    /// id yet, as new lines replace all of a draft's (and a new draft's are all new). Nil when
    /// the draft keeps the lines it has, as an edit of anything else does: a 499-line draft's
    /// lines are then not encoded for nothing.
    public let linesDocument: String?

    public init(draft: DraftOrder, customerName: String) {
        self.draft = draft
        self.customerName = customerName
        self.document = DraftOrderDocument(draft).storedText
        let writesLines = draft.lines.isEmpty || draft.lines.contains { $0.id.rawValue == 0 }
        self.linesDocument = writesLines ? DraftOrderLineDocument.encode(draft.lines) : nil
    }

    /// The record of `draft`, named for lists by its customer as looked up (see
    /// `DraftOrderService.customerName`).
    public init(draft: DraftOrder, customer: Customer?) {
        self.init(draft: draft, customerName: DraftOrderService.customerName(draft, customer: customer))
    }
}

/// The fields of a draft kept as one JSON document: never searched, always read together.
public struct DraftOrderDocument: Codable, Sendable {
    public var customAttributes: [Attribute]
    public var billingAddress: MailingAddress?
    public var shippingAddress: MailingAddress?
    public var appliedDiscount: AppliedDiscount?
    public var shippingLine: DraftShippingLine?
    public var taxExempt: Bool
    public var visibleToCustomer: Bool
    public var allowDiscountCodesInCheckout: Bool
    public var acceptAutomaticDiscounts: Bool
    public var discountCodes: [String]
    public var paymentTerms: DraftPaymentTerms?
    public var settings: CalculationSettings
    /// The tags as written; the searchable tag rows are lowercased.
    public var originalTags: [String]

    public init(_ draft: DraftOrder) {
        customAttributes = draft.customAttributes
        billingAddress = draft.billingAddress
        shippingAddress = draft.shippingAddress
        appliedDiscount = draft.appliedDiscount
        shippingLine = draft.shippingLine
        taxExempt = draft.taxExempt
        visibleToCustomer = draft.visibleToCustomer
        allowDiscountCodesInCheckout = draft.allowDiscountCodesInCheckout
        acceptAutomaticDiscounts = draft.acceptAutomaticDiscounts
        discountCodes = draft.discountCodes
        paymentTerms = draft.paymentTerms
        settings = draft.settings
        originalTags = draft.tags
    }
}

/// JSON as the store keeps it: keys sorted, so that equal values are stored as equal text.
public enum StoredJSON {
    /// Stored values are the app's own types, which always encode.
    public static func encode(_ value: some Encodable) -> String {
        try! JSONDocumentEncoder().encodeToString(value)
    }
}
