public enum DraftOrderStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open = "OPEN"
    case invoiceSent = "INVOICE_SENT"
    case completed = "COMPLETED"
}

public typealias DraftOrderID = EntityID<DraftOrder>
public typealias DraftOrderLineID = EntityID<DraftOrderLine>
public typealias MetafieldID = EntityID<Metafield>

/// A key-value pair staff attach to a draft or a line (Shopify's `Attribute`).
public struct Attribute: Sendable, Hashable, Codable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// Typed custom data on a resource.
public struct Metafield: Sendable, Hashable, Codable {
    public var id: MetafieldID
    public var namespace: String
    public var key: String
    public var type: String
    public var value: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: MetafieldID, namespace: String, key: String, type: String, value: String,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id
        self.namespace = namespace
        self.key = key
        self.type = type
        self.value = value
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A draft's shipping line: a custom price, or one of the shop's shipping rates as it was
/// when chosen.
public struct DraftShippingLine: Sendable, Hashable, Codable {
    public var title: String
    /// In the presentment currency, or in the shop's (rates, and the legacy custom `price`).
    public var price: Money
    /// The rate's handle, for a line chosen from the shop's shipping rates.
    public var rateHandle: String?

    public init(title: String, price: Money, rateHandle: String? = nil) {
        self.title = title
        self.price = price
        self.rateHandle = rateHandle
    }

    public var isCustom: Bool { rateHandle == nil }
}

/// A draft's invoice-link token as the store keeps it: its SHA-256, to find the draft a
/// presented link belongs to, and the token itself sealed under the installation's key, to
/// show the link again. Only the services' `InvoiceLinks` makes and opens one.
public struct StoredInvoiceToken: Sendable, Hashable {
    public var hash: String
    public var sealed: String

    public init(hash: String, sealed: String) {
        self.hash = hash
        self.sealed = sealed
    }
}

/// Payment terms chosen for a draft: a template and, for NET and FIXED terms, its dates.
public struct DraftPaymentTerms: Sendable, Hashable, Codable {
    public var templateID: Int64
    public var issuedAt: Timestamp?
    public var dueAt: Timestamp?

    public init(templateID: Int64, issuedAt: Timestamp? = nil, dueAt: Timestamp? = nil) {
        self.templateID = templateID
        self.issuedAt = issuedAt
        self.dueAt = dueAt
    }
}

/// One line of a draft: a catalog variant (with what the catalog said when it was added) or
/// a custom item.
public struct DraftOrderLine: Sendable, Hashable, Codable {
    public enum Source: Sendable, Hashable, Codable {
        /// A variant line; the price is the catalog's, in the shop's currency, when saved.
        case variant(VariantID, productID: ProductID, catalogPrice: Money)
        /// A custom line priced in the presentment currency (`originalUnitPriceWithCurrency`).
        case custom(Money)
        /// A custom line priced in the shop's currency (the legacy `originalUnitPrice`).
        case legacyCustom(Money)
    }

    public var id: DraftOrderLineID
    public var uuid: String?
    public var source: Source
    public var title: String
    public var variantTitle: String?
    public var sku: String?
    public var vendor: String?
    public var quantity: Int
    public var taxable: Bool
    public var requiresShipping: Bool
    public var weight: Weight
    public var isGiftCard: Bool
    public var priceOverride: Money?
    public var appliedDiscount: AppliedDiscount?
    public var customAttributes: [Attribute]

    public init(id: DraftOrderLineID, uuid: String?, source: Source, title: String, variantTitle: String?, sku: String?,
                vendor: String?, quantity: Int, taxable: Bool, requiresShipping: Bool, weight: Weight, isGiftCard: Bool,
                priceOverride: Money?, appliedDiscount: AppliedDiscount?, customAttributes: [Attribute]) {
        self.id = id
        self.uuid = uuid
        self.source = source
        self.title = title
        self.variantTitle = variantTitle
        self.sku = sku
        self.vendor = vendor
        self.quantity = quantity
        self.taxable = taxable
        self.requiresShipping = requiresShipping
        self.weight = weight
        self.isGiftCard = isGiftCard
        self.priceOverride = priceOverride
        self.appliedDiscount = appliedDiscount
        self.customAttributes = customAttributes
    }

    public var variantID: VariantID? {
        if case .variant(let id, _, _) = source { return id }
        return nil
    }

    public var productID: ProductID? {
        if case .variant(_, let id, _) = source { return id }
        return nil
    }

    public var isCustom: Bool { variantID == nil }

    /// "Product - Variant", or the title alone.
    public var name: String {
        guard let variantTitle, !variantTitle.isEmpty else { return title }
        return "\(title) - \(variantTitle)"
    }

    /// The calculator's view of this line.
    public var calculationLine: CalculationInput.Line {
        CalculationInput.Line(title: title, price: calculationPrice, quantity: quantity, discount: appliedDiscount,
                              taxable: taxable, requiresShipping: requiresShipping, grams: weight.grams)
    }

    /// The price the calculator starts from, without building the rest of the line.
    public var calculationPrice: CalculationInput.Line.Price {
        if let priceOverride { return .override(priceOverride) }
        return switch source {
        case .variant(_, _, let price): .catalog(price)
        case .custom(let price): .custom(price)
        case .legacyCustom(let price): .legacyCustom(price)
        }
    }
}

/// A draft order: an order staff build for a customer, not yet paid or placed.
///
/// A value like any other, but its fields live in one shared, copy-on-write box. A page of
/// drafts passes each one from the store's memory through the page to the API's object, and
/// copying the fields themselves (two addresses, the lines, the calculation and some thirty
/// more) cost some seventy reference counts a copy; copying the box costs one. A change to a
/// copy first gives it a box of its own.
public struct DraftOrder: Sendable, Hashable {
    /// `@unchecked Sendable`: `fields` is only changed through `DraftOrder.fields`, which first
    /// makes sure the box is not shared, so no box another value or task can see ever changes.
    private final class Storage: @unchecked Sendable {
        /// Every access goes through the `DraftOrder` that holds the box, whose own accesses Swift
        /// already checks for exclusivity; checking the box's field again cost each read a call.
        @exclusivity(unchecked) var fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }

    private struct Fields: Sendable, Hashable {
        var id: DraftOrderID
        var number: Int64
        var status: DraftOrderStatus
        var customerID: CustomerID?
        var email: String?
        var phone: String?
        var note: String?
        var poNumber: String?
        var sourceName: String?
        var tags: [String]
        var customAttributes: [Attribute]
        var metafields: [Metafield]
        var billingAddress: MailingAddress?
        var shippingAddress: MailingAddress?
        var lines: [DraftOrderLine]
        var appliedDiscount: AppliedDiscount?
        var shippingLine: DraftShippingLine?
        var taxExempt: Bool
        var visibleToCustomer: Bool
        var allowDiscountCodesInCheckout: Bool
        var acceptAutomaticDiscounts: Bool
        var discountCodes: [String]
        var reserveInventoryUntil: Timestamp?
        var paymentTerms: DraftPaymentTerms?
        var settings: CalculationSettings
        var calculation: DraftCalculation
        var invoiceSentAt: Timestamp?
        var completedAt: Timestamp?
        var orderID: Int64?
        var createdAt: Timestamp
        var updatedAt: Timestamp
        var version: Int64
        var invoiceToken: StoredInvoiceToken?
    }

    private var storage: Storage

    private var fields: Fields {
        _read { yield storage.fields }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            yield &storage.fields
        }
    }

    public static func == (lhs: DraftOrder, rhs: DraftOrder) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) {
        storage.fields.hash(into: &hasher)
    }

    public var id: DraftOrderID {
        _read { yield storage.fields.id }
        _modify { yield &fields.id }
    }
    public var number: Int64 {
        _read { yield storage.fields.number }
        _modify { yield &fields.number }
    }
    public var status: DraftOrderStatus {
        _read { yield storage.fields.status }
        _modify { yield &fields.status }
    }
    public var customerID: CustomerID? {
        _read { yield storage.fields.customerID }
        _modify { yield &fields.customerID }
    }
    public var email: String? {
        _read { yield storage.fields.email }
        _modify { yield &fields.email }
    }
    public var phone: String? {
        _read { yield storage.fields.phone }
        _modify { yield &fields.phone }
    }
    public var note: String? {
        _read { yield storage.fields.note }
        _modify { yield &fields.note }
    }
    public var poNumber: String? {
        _read { yield storage.fields.poNumber }
        _modify { yield &fields.poNumber }
    }
    public var sourceName: String? {
        _read { yield storage.fields.sourceName }
        _modify { yield &fields.sourceName }
    }
    public var tags: [String] {
        _read { yield storage.fields.tags }
        _modify { yield &fields.tags }
    }
    public var customAttributes: [Attribute] {
        _read { yield storage.fields.customAttributes }
        _modify { yield &fields.customAttributes }
    }
    public var metafields: [Metafield] {
        _read { yield storage.fields.metafields }
        _modify { yield &fields.metafields }
    }
    public var billingAddress: MailingAddress? {
        _read { yield storage.fields.billingAddress }
        _modify { yield &fields.billingAddress }
    }
    public var shippingAddress: MailingAddress? {
        _read { yield storage.fields.shippingAddress }
        _modify { yield &fields.shippingAddress }
    }
    public var lines: [DraftOrderLine] {
        _read { yield storage.fields.lines }
        _modify { yield &fields.lines }
    }
    public var appliedDiscount: AppliedDiscount? {
        _read { yield storage.fields.appliedDiscount }
        _modify { yield &fields.appliedDiscount }
    }
    public var shippingLine: DraftShippingLine? {
        _read { yield storage.fields.shippingLine }
        _modify { yield &fields.shippingLine }
    }
    public var taxExempt: Bool {
        _read { yield storage.fields.taxExempt }
        _modify { yield &fields.taxExempt }
    }
    public var visibleToCustomer: Bool {
        _read { yield storage.fields.visibleToCustomer }
        _modify { yield &fields.visibleToCustomer }
    }
    public var allowDiscountCodesInCheckout: Bool {
        _read { yield storage.fields.allowDiscountCodesInCheckout }
        _modify { yield &fields.allowDiscountCodesInCheckout }
    }
    public var acceptAutomaticDiscounts: Bool {
        _read { yield storage.fields.acceptAutomaticDiscounts }
        _modify { yield &fields.acceptAutomaticDiscounts }
    }
    public var discountCodes: [String] {
        _read { yield storage.fields.discountCodes }
        _modify { yield &fields.discountCodes }
    }
    public var reserveInventoryUntil: Timestamp? {
        _read { yield storage.fields.reserveInventoryUntil }
        _modify { yield &fields.reserveInventoryUntil }
    }
    public var paymentTerms: DraftPaymentTerms? {
        _read { yield storage.fields.paymentTerms }
        _modify { yield &fields.paymentTerms }
    }
    /// The shop's settings the amounts were worked out with, as of the last save.
    public var settings: CalculationSettings {
        _read { yield storage.fields.settings }
        _modify { yield &fields.settings }
    }
    /// The amounts, worked out from the draft and its settings; `recalculate()` after a change.
    public private(set) var calculation: DraftCalculation {
        _read { yield storage.fields.calculation }
        _modify { yield &fields.calculation }
    }
    public var invoiceSentAt: Timestamp? {
        _read { yield storage.fields.invoiceSentAt }
        _modify { yield &fields.invoiceSentAt }
    }
    public var completedAt: Timestamp? {
        _read { yield storage.fields.completedAt }
        _modify { yield &fields.completedAt }
    }
    public var orderID: Int64? {
        _read { yield storage.fields.orderID }
        _modify { yield &fields.orderID }
    }
    public var createdAt: Timestamp {
        _read { yield storage.fields.createdAt }
        _modify { yield &fields.createdAt }
    }
    public var updatedAt: Timestamp {
        _read { yield storage.fields.updatedAt }
        _modify { yield &fields.updatedAt }
    }
    /// Increases with every change; an update may require the version it read.
    public var version: Int64 {
        _read { yield storage.fields.version }
        _modify { yield &fields.version }
    }
    /// The token of the draft's invoice link; nil until the draft is saved.
    public var invoiceToken: StoredInvoiceToken? {
        _read { yield storage.fields.invoiceToken }
        _modify { yield &fields.invoiceToken }
    }

    public init(id: DraftOrderID, number: Int64, status: DraftOrderStatus, customerID: CustomerID?, email: String?,
                phone: String?, note: String?, poNumber: String?, sourceName: String?, tags: [String],
                customAttributes: [Attribute], metafields: [Metafield], billingAddress: MailingAddress?,
                shippingAddress: MailingAddress?, lines: [DraftOrderLine], appliedDiscount: AppliedDiscount?,
                shippingLine: DraftShippingLine?, taxExempt: Bool, visibleToCustomer: Bool,
                allowDiscountCodesInCheckout: Bool, acceptAutomaticDiscounts: Bool, discountCodes: [String],
                reserveInventoryUntil: Timestamp?, paymentTerms: DraftPaymentTerms?, settings: CalculationSettings,
                invoiceSentAt: Timestamp?, completedAt: Timestamp?, orderID: Int64?, createdAt: Timestamp,
                updatedAt: Timestamp, version: Int64, invoiceToken: StoredInvoiceToken? = nil) {
        let calculation = Self.calculate(lines: lines, appliedDiscount: appliedDiscount, shippingLine: shippingLine,
                                         shippingAddress: shippingAddress, billingAddress: billingAddress, settings: settings)
        storage = Storage(Fields(
            id: id, number: number, status: status, customerID: customerID, email: email, phone: phone, note: note,
            poNumber: poNumber, sourceName: sourceName, tags: tags, customAttributes: customAttributes,
            metafields: metafields, billingAddress: billingAddress, shippingAddress: shippingAddress, lines: lines,
            appliedDiscount: appliedDiscount, shippingLine: shippingLine, taxExempt: taxExempt,
            visibleToCustomer: visibleToCustomer, allowDiscountCodesInCheckout: allowDiscountCodesInCheckout,
            acceptAutomaticDiscounts: acceptAutomaticDiscounts, discountCodes: discountCodes,
            reserveInventoryUntil: reserveInventoryUntil, paymentTerms: paymentTerms, settings: settings,
            calculation: calculation, invoiceSentAt: invoiceSentAt, completedAt: completedAt, orderID: orderID,
            createdAt: createdAt, updatedAt: updatedAt, version: version, invoiceToken: invoiceToken))
    }

    /// Works the amounts out again from the draft's lines, discount, shipping, addresses and settings.
    public mutating func recalculate() {
        calculation = Self.calculate(lines: lines, appliedDiscount: appliedDiscount, shippingLine: shippingLine,
                                     shippingAddress: shippingAddress, billingAddress: billingAddress, settings: settings)
    }

    /// Every step of the calculation with the numbers behind it, worked out again on demand.
    public var calculationTrace: [TraceStep] {
        Self.calculate(lines: lines, appliedDiscount: appliedDiscount, shippingLine: shippingLine,
                       shippingAddress: shippingAddress, billingAddress: billingAddress, settings: settings, tracing: true).trace
    }

    private static func calculate(lines: [DraftOrderLine], appliedDiscount: AppliedDiscount?,
                                  shippingLine: DraftShippingLine?, shippingAddress: MailingAddress?,
                                  billingAddress: MailingAddress?, settings: CalculationSettings,
                                  tracing: Bool = false) -> DraftCalculation {
        DraftCalculator.calculate(CalculationInput(
            conversion: settings.conversion, taxesIncluded: settings.taxesIncluded, lines: lines.map(\.calculationLine),
            orderDiscount: appliedDiscount,
            shipping: shippingLine.map { .line(title: $0.title, price: $0.price, handle: $0.rateHandle) },
            taxRates: settings.taxRates, shippingAddress: shippingAddress, billingAddress: billingAddress,
            shopAddress: settings.shopAddress, taxExempt: settings.taxExempt), tracing: tracing)
    }

    /// `#D1`, `#D2`, …: numbered per shop.
    public var name: String { "#D\(number)" }

    public var presentmentCurrency: CurrencyCode { calculation.currency }

    public static let maximumLines = 499
    /// Units on one line. With `maximumLines` lines the draft's units stay within GraphQL's
    /// 32-bit `Int`, and sums of units never overflow.
    public static let maximumLineQuantity = 1_000_000

    /// The most the line items may total, and any shipping charge or fixed discount come to,
    /// in minor units (10^15: ten trillion dollars, a quadrillion yen). No real order comes near
    /// it; within it, every sum and product the calculator forms fits 64 bits with room to spare.
    public static let maximumAmount: Int64 = 1_000_000_000_000_000

    /// The most a line may weigh, quantity included: a million tonnes, in grams.
    public static let maximumLineGrams: Int64 = 1_000_000_000_000
}

/// What a draft's amounts depend on besides the draft itself: the currency conversion, whether
/// prices include taxes, the tax rates for the draft's country, the shop's address (the tax
/// address of last resort) and whether the draft or its customer is exempt. Kept with the
/// draft, so that a change to the shop's settings leaves saved drafts' amounts alone until
/// the draft is next edited, which takes the settings of that moment.
public struct CalculationSettings: Sendable, Hashable, Codable {
    public var conversion: CurrencyConversion
    public var taxesIncluded: Bool
    public var taxRates: [TaxRate]
    public var shopAddress: MailingAddress?
    public var taxExempt: Bool

    public init(conversion: CurrencyConversion, taxesIncluded: Bool = false, taxRates: [TaxRate] = [],
                shopAddress: MailingAddress? = nil, taxExempt: Bool = false) {
        self.conversion = conversion
        self.taxesIncluded = taxesIncluded
        self.taxRates = taxRates
        self.shopAddress = shopAddress
        self.taxExempt = taxExempt
    }
}

/// Shopify's standard payment terms templates.
public struct PaymentTermsTemplate: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case receipt = "RECEIPT"
        case net = "NET"
        case fixed = "FIXED"
        case fulfillment = "FULFILLMENT"
    }

    public var id: Int64
    public var name: String
    public var description: String
    public var dueInDays: Int?
    public var kind: Kind

    public static let all: [PaymentTermsTemplate] = [
        .init(id: 1, name: "Due on receipt", description: "Due on receipt", dueInDays: nil, kind: .receipt),
        .init(id: 2, name: "Net 7", description: "Within 7 days", dueInDays: 7, kind: .net),
        .init(id: 3, name: "Net 15", description: "Within 15 days", dueInDays: 15, kind: .net),
        .init(id: 4, name: "Net 30", description: "Within 30 days", dueInDays: 30, kind: .net),
        .init(id: 5, name: "Net 60", description: "Within 60 days", dueInDays: 60, kind: .net),
        .init(id: 6, name: "Net 90", description: "Within 90 days", dueInDays: 90, kind: .net),
        .init(id: 7, name: "Fixed", description: "Fixed date", dueInDays: nil, kind: .fixed),
        .init(id: 8, name: "Net 45", description: "Within 45 days", dueInDays: 45, kind: .net),
        .init(id: 9, name: "Due on fulfillment", description: "Due on fulfillment", dueInDays: nil, kind: .fulfillment),
    ]

    public static func template(id: Int64) -> PaymentTermsTemplate? { all.first { $0.id == id } }
}
