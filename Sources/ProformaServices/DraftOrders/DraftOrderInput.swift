import ProformaCore

/// `DraftOrderInput` as the use cases take it. On update, `nil` and `.unchanged` leave a field
/// as it is; `lineItems`, `tags`, `customAttributes` and `metafields`, when given, replace.
public struct DraftOrderInput: Sendable {
    public struct LineItem: Sendable {
        public var variantID: VariantID?
        /// The id given could not be read as a variant id.
        public var invalidVariantID: String?
        public var quantity: Int
        public var title: String?
        /// A custom line's price in a named currency, which must be the draft's.
        public var originalUnitPriceWithCurrency: Money?
        /// A custom line's price in the shop's currency (legacy).
        public var originalUnitPrice: ExactDecimal?
        public var priceOverride: Money?
        public var generatePriceOverride: Bool
        public var appliedDiscount: AppliedDiscount?
        public var taxable: Bool?
        public var requiresShipping: Bool?
        public var sku: String?
        public var weight: Weight?
        public var customAttributes: [Attribute]
        public var uuid: String?

        public init(variantID: VariantID? = nil, invalidVariantID: String? = nil, quantity: Int, title: String? = nil,
                    originalUnitPriceWithCurrency: Money? = nil, originalUnitPrice: ExactDecimal? = nil,
                    priceOverride: Money? = nil, generatePriceOverride: Bool = false,
                    appliedDiscount: AppliedDiscount? = nil, taxable: Bool? = nil, requiresShipping: Bool? = nil,
                    sku: String? = nil, weight: Weight? = nil, customAttributes: [Attribute] = [], uuid: String? = nil) {
            self.variantID = variantID
            self.invalidVariantID = invalidVariantID
            self.quantity = quantity
            self.title = title
            self.originalUnitPriceWithCurrency = originalUnitPriceWithCurrency
            self.originalUnitPrice = originalUnitPrice
            self.priceOverride = priceOverride
            self.generatePriceOverride = generatePriceOverride
            self.appliedDiscount = appliedDiscount
            self.taxable = taxable
            self.requiresShipping = requiresShipping
            self.sku = sku
            self.weight = weight
            self.customAttributes = customAttributes
            self.uuid = uuid
        }
    }

    public struct ShippingLine: Sendable {
        public var title: String?
        /// The price in a named currency, which must be the draft's.
        public var priceWithCurrency: Money?
        /// The price in the shop's currency (legacy).
        public var price: ExactDecimal?
        public var shippingRateHandle: String?

        public init(title: String? = nil, priceWithCurrency: Money? = nil, price: ExactDecimal? = nil,
                    shippingRateHandle: String? = nil) {
            self.title = title
            self.priceWithCurrency = priceWithCurrency
            self.price = price
            self.shippingRateHandle = shippingRateHandle
        }
    }

    public struct PaymentTerms: Sendable {
        public var templateID: Int64?
        public var issuedAt: Timestamp?
        public var dueAt: Timestamp?

        public init(templateID: Int64?, issuedAt: Timestamp? = nil, dueAt: Timestamp? = nil) {
            self.templateID = templateID
            self.issuedAt = issuedAt
            self.dueAt = dueAt
        }
    }

    public var lineItems: [LineItem]?
    public var appliedDiscount: FieldUpdate<AppliedDiscount> = .unchanged
    public var customerID: FieldUpdate<CustomerID> = .unchanged
    /// The customer id given could not be read as one.
    public var invalidCustomerID: String?
    /// The field the customer came from, for error paths: `purchasingEntity.customerId` or `customerId`.
    public var customerField: [String] = ["purchasingEntity", "customerId"]
    public var purchasingCompanyGiven = false
    /// Values the adapter could not represent (an amount beyond 64 bits, a currency this build
    /// does not know), by their paths in the input; reported before anything else is checked.
    public var problems = ValidationErrors()
    public var useCustomerDefaultAddress: Bool?
    public var email: FieldUpdate<String> = .unchanged
    public var phone: FieldUpdate<String> = .unchanged
    public var note: FieldUpdate<String> = .unchanged
    public var poNumber: FieldUpdate<String> = .unchanged
    public var sourceName: FieldUpdate<String> = .unchanged
    public var billingAddress: FieldUpdate<MailingAddressDraft> = .unchanged
    public var shippingAddress: FieldUpdate<MailingAddressDraft> = .unchanged
    public var shippingLine: FieldUpdate<ShippingLine> = .unchanged
    public var tags: [String]?
    public var customAttributes: [Attribute]?
    public var metafields: [MetafieldInput]?
    public var taxExempt: Bool?
    public var visibleToCustomer: Bool?
    public var allowDiscountCodesInCheckout: Bool?
    public var acceptAutomaticDiscounts: Bool?
    public var discountCodes: [String]?
    public var presentmentCurrencyCode: String?
    public var reserveInventoryUntil: FieldUpdate<Timestamp> = .unchanged
    public var paymentTerms: FieldUpdate<PaymentTerms> = .unchanged

    public init() {}
}
