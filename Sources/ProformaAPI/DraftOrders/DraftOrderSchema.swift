/// Draft orders in the Admin schema: the types Shopify's 2025-10 API has, plus two additive
/// fields (`version`, `calculationTrace`) and one additive argument
/// (`draftOrderUpdate(expectedVersion:)`).
enum DraftOrderSchema {
    static let sdl = """
        enum DraftOrderStatus { OPEN INVOICE_SENT COMPLETED }
        enum DraftOrderSortKeys { ID NUMBER UPDATED_AT TOTAL_PRICE CUSTOMER_NAME STATUS RELEVANCE }
        enum DraftOrderAppliedDiscountType { FIXED_AMOUNT PERCENTAGE }
        enum PaymentTermsType { RECEIPT NET FIXED FULFILLMENT UNKNOWN }
        enum FulfillmentServiceType { MANUAL GIFT_CARD THIRD_PARTY }
        enum DraftOrderTaxAddressSource { SHIPPING_ADDRESS BILLING_ADDRESS SHOP_ADDRESS NONE }
        enum DraftOrderCalculationStepKind { PRICE LINE_DISCOUNT ORDER_DISCOUNT ALLOCATION SHIPPING TAX TOTAL }

        type MoneyBag {
          shopMoney: MoneyV2!
          presentmentMoney: MoneyV2!
        }

        type Attribute {
          key: String!
          value: String
        }

        input AttributeInput {
          key: String!
          value: String!
        }

        type TaxLine {
          title: String!
          rate: Float
          ratePercentage: Float
          priceSet: MoneyBag!
          price: Money! @deprecated(reason: "Use `priceSet` instead.")
          source: String
          channelLiable: Boolean
        }

        type DraftOrderAppliedDiscount {
          title: String
          description: String!
          value: Float!
          valueType: DraftOrderAppliedDiscountType!
          amountSet: MoneyBag!
          amountV2: MoneyV2! @deprecated(reason: "Use `amountSet` instead.")
          amount: Money! @deprecated(reason: "Use `amountSet` instead.")
        }

        type ShippingLine {
          id: ID
          title: String!
          code: String
          source: String
          custom: Boolean!
          carrierIdentifier: String
          deliveryCategory: String
          shippingRateHandle: String
          isRemoved: Boolean!
          phone: String
          originalPriceSet: MoneyBag!
          discountedPriceSet: MoneyBag!
          currentDiscountedPriceSet: MoneyBag!
          taxLines: [TaxLine!]!
        }

        type FulfillmentService {
          id: ID!
          handle: String!
          serviceName: String!
          type: FulfillmentServiceType!
        }

        type Metafield implements Node {
          id: ID!
          namespace: String!
          key: String!
          type: String!
          value: String!
          ownerType: String!
          createdAt: DateTime!
          updatedAt: DateTime!
        }

        type MetafieldConnection {
          edges: [MetafieldEdge!]!
          nodes: [Metafield!]!
          pageInfo: PageInfo!
        }

        type MetafieldEdge {
          cursor: String!
          node: Metafield!
        }

        input MetafieldInput {
          id: ID
          namespace: String
          key: String
          type: String
          value: String!
        }

        interface DraftOrderWarning {
          errorCode: String!
          field: String!
          message: String!
        }

        type DraftOrderDiscountNotAppliedWarning implements DraftOrderWarning {
          discountCode: String
          discountTitle: String
          errorCode: String!
          field: String!
          message: String!
        }

        \"\"\"Proforma: an address too incomplete to find every tax that applies there.\"\"\"
        type DraftOrderTaxAddressWarning implements DraftOrderWarning {
          errorCode: String!
          field: String!
          message: String!
        }

        \"\"\"Proforma: how every amount of a draft was worked out.\"\"\"
        type DraftOrderCalculationTrace {
          taxAddressSource: DraftOrderTaxAddressSource!
          taxAddress: MailingAddress
          steps: [DraftOrderCalculationStep!]!
        }

        type DraftOrderCalculationStep {
          kind: DraftOrderCalculationStepKind!
          subject: String!
          description: String!
          amountSet: MoneyBag!
        }

        union PurchasingEntity = Customer

        type PaymentTermsTemplate implements Node {
          id: ID!
          name: String!
          translatedName: String!
          description: String!
          dueInDays: Int
          paymentTermsType: PaymentTermsType!
        }

        type PaymentSchedule implements Node {
          id: ID!
          issuedAt: DateTime
          dueAt: DateTime
          completedAt: DateTime
        }

        type PaymentScheduleConnection {
          edges: [PaymentScheduleEdge!]!
          nodes: [PaymentSchedule!]!
          pageInfo: PageInfo!
        }

        type PaymentScheduleEdge {
          cursor: String!
          node: PaymentSchedule!
        }

        type PaymentTerms implements Node {
          id: ID!
          paymentTermsName: String!
          paymentTermsType: PaymentTermsType!
          translatedName: String!
          dueInDays: Int
          due: Boolean!
          overdue: Boolean!
          paymentSchedules(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): PaymentScheduleConnection!
        }

        type DraftOrderLineItem implements Node {
          id: ID!
        \(DraftOrderSchema.lineItemFields(type: "DraftOrderLineItem", legacyMoney: "Money"))
        }

        type CalculatedDraftOrderLineItem {
        \(DraftOrderSchema.lineItemFields(type: "CalculatedDraftOrderLineItem", legacyMoney: "MoneyV2"))
        }

        type DraftOrderLineItemConnection {
          edges: [DraftOrderLineItemEdge!]!
          nodes: [DraftOrderLineItem!]!
          pageInfo: PageInfo!
        }

        type DraftOrderLineItemEdge {
          cursor: String!
          node: DraftOrderLineItem!
        }

        type DraftOrder implements Node {
          id: ID!
          legacyResourceId: UnsignedInt64!
          name: String!
          status: DraftOrderStatus!
          ready: Boolean!
          \"\"\"Proforma: increases with every change; pass it to draftOrderUpdate(expectedVersion:).\"\"\"
          version: Int!
          createdAt: DateTime!
          updatedAt: DateTime!
          completedAt: DateTime
          invoiceSentAt: DateTime
          invoiceUrl: URL
          invoiceEmailTemplateSubject: String!
          reserveInventoryUntil: DateTime
          email: String
          phone: String
          note2: String
          poNumber: String
          tags: [String!]!
          taxExempt: Boolean!
          taxesIncluded: Boolean!
          currencyCode: CurrencyCode!
          presentmentCurrencyCode: CurrencyCode!
          visibleToCustomer: Boolean!
          acceptAutomaticDiscounts: Boolean
          allowDiscountCodesInCheckout: Boolean!
          discountCodes: [String!]!
          allVariantPricesOverridden: Boolean!
          anyVariantPricesOverridden: Boolean!
          billingAddressMatchesShippingAddress: Boolean!
          hasTimelineComment: Boolean!
          totalQuantityOfLineItems: Int!
          totalWeight: UnsignedInt64!
          customer: Customer
          purchasingEntity: PurchasingEntity
          billingAddress: MailingAddress
          shippingAddress: MailingAddress
          shippingLine: ShippingLine
          appliedDiscount: DraftOrderAppliedDiscount
          lineItems(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): DraftOrderLineItemConnection!
          lineItemsSubtotalPrice: MoneyBag!
          subtotalPriceSet: MoneyBag!
          totalLineItemsPriceSet: MoneyBag!
          totalDiscountsSet: MoneyBag!
          totalShippingPriceSet: MoneyBag!
          totalTaxSet: MoneyBag!
          totalPriceSet: MoneyBag!
          subtotalPrice: Money! @deprecated(reason: "Use `subtotalPriceSet` instead.")
          totalPrice: Money! @deprecated(reason: "Use `totalPriceSet` instead.")
          totalShippingPrice: Money! @deprecated(reason: "Use `totalShippingPriceSet` instead.")
          totalTax: Money! @deprecated(reason: "Use `totalTaxSet` instead.")
          taxLines: [TaxLine!]!
          warnings: [DraftOrderWarning!]!
          customAttributes: [Attribute!]!
          metafield(namespace: String, key: String!): Metafield
          metafields(first: Int, after: String, last: Int, before: String, reverse: Boolean = false,
                     namespace: String): MetafieldConnection!
          paymentTerms: PaymentTerms
          order: Order
          calculationTrace: DraftOrderCalculationTrace!
          defaultCursor: String!
        }

        type CalculatedDraftOrder {
          currencyCode: CurrencyCode!
          presentmentCurrencyCode: CurrencyCode!
          taxesIncluded: Boolean!
          customer: Customer
          purchasingEntity: PurchasingEntity
          email: String
          phone: String
          billingAddressMatchesShippingAddress: Boolean!
          acceptAutomaticDiscounts: Boolean
          discountCodes: [String!]!
          allVariantPricesOverridden: Boolean!
          anyVariantPricesOverridden: Boolean!
          totalQuantityOfLineItems: Int!
          totalWeight: UnsignedInt64!
          shippingLine: ShippingLine
          appliedDiscount: DraftOrderAppliedDiscount
          lineItems: [CalculatedDraftOrderLineItem!]!
          lineItemsSubtotalPrice: MoneyBag!
          subtotalPriceSet: MoneyBag!
          totalLineItemsPriceSet: MoneyBag!
          totalDiscountsSet: MoneyBag!
          totalShippingPriceSet: MoneyBag!
          totalTaxSet: MoneyBag!
          totalPriceSet: MoneyBag!
          subtotalPrice: Money! @deprecated(reason: "Use `subtotalPriceSet` instead.")
          totalPrice: Money! @deprecated(reason: "Use `totalPriceSet` instead.")
          totalShippingPrice: Money! @deprecated(reason: "Use `totalShippingPriceSet` instead.")
          totalTax: Money! @deprecated(reason: "Use `totalTaxSet` instead.")
          taxLines: [TaxLine!]!
          warnings: [DraftOrderWarning!]!
          availableShippingRates: [ShippingRate!]!
          alerts: [ResourceAlert!]!
          calculationTrace: DraftOrderCalculationTrace!
        }

        enum ResourceAlertSeverity { DEFAULT INFO WARNING SUCCESS CRITICAL ERROR }
        enum ResourceAlertIcon { CHECKMARK_CIRCLE INFORMATION_CIRCLE }

        type ResourceAlertAction {
          title: String!
          url: URL!
          primary: Boolean!
          show: String
        }

        type ResourceAlert {
          title: String!
          content: HTML!
          severity: ResourceAlertSeverity!
          icon: ResourceAlertIcon
          dismissibleHandle: String
          actions: [ResourceAlertAction!]!
        }

        type ShippingRate {
          handle: String!
          title: String!
          price: MoneyV2!
        }

        type DraftOrderShippingRate {
          code: String!
          handle: String!
          price: MoneyV2!
          source: String!
          title: String!
        }

        type DraftOrderAvailableDeliveryOptions {
          availableShippingRates: [DraftOrderShippingRate!]!
          availableLocalDeliveryRates: [DraftOrderShippingRate!]!
          availableLocalPickupOptions: [String!]!
          pageInfo: PageInfo!
        }

        type DraftOrderConnection {
          edges: [DraftOrderEdge!]!
          nodes: [DraftOrder!]!
          pageInfo: PageInfo!
        }

        type DraftOrderEdge {
          cursor: String!
          node: DraftOrder!
        }

        type DraftOrderTag implements Node {
          id: ID!
          handle: String!
          title: String!
        }

        type Job implements Node {
          id: ID!
          done: Boolean!
        }
        """

    /// The fields saved and calculated draft lines share; Shopify types their deprecated
    /// single amounts differently (`Money` strings on saved lines, `MoneyV2` on calculated ones).
    private static func lineItemFields(type: String, legacyMoney: String) -> String {
        """
          uuid: String
          name: String!
          title: String!
          variantTitle: String
          sku: String
          vendor: String
          quantity: Int!
          custom: Boolean!
          isGiftCard: Boolean!
          requiresShipping: Boolean!
          taxable: Boolean!
          weight: Weight
          image: String
          variant: ProductVariant
          product: Product
          fulfillmentService: FulfillmentService
          customAttributes: [Attribute!]!
          appliedDiscount: DraftOrderAppliedDiscount
          taxLines: [TaxLine!]!
          priceOverride: MoneyV2
          originalUnitPriceWithCurrency: MoneyV2
          originalUnitPriceSet: MoneyBag!
          originalTotalSet: MoneyBag!
          discountedTotalSet: MoneyBag!
          totalDiscountSet: MoneyBag!
          approximateDiscountedUnitPriceSet: MoneyBag!
          discountedUnitPriceSet: MoneyBag! @deprecated(reason: "Use `approximateDiscountedUnitPriceSet` instead.")
          originalUnitPrice: \(legacyMoney)! @deprecated(reason: "Use `originalUnitPriceSet` instead.")
          originalTotal: \(legacyMoney)! @deprecated(reason: "Use `originalTotalSet` instead.")
          discountedTotal: \(legacyMoney)! @deprecated(reason: "Use `discountedTotalSet` instead.")
          totalDiscount: \(legacyMoney)! @deprecated(reason: "Use `totalDiscountSet` instead.")
          components: [\(type)!]!
        """
    }
}
