/// Draft-order inputs, root fields and payloads, deprecated inputs Shopify still accepts included.
enum DraftOrderInputSchema {
    static let sdl = """
        input DraftOrderInput {
          lineItems: [DraftOrderLineItemInput!]
          appliedDiscount: DraftOrderAppliedDiscountInput
          discountCodes: [String!]
          acceptAutomaticDiscounts: Boolean
          allowDiscountCodesInCheckout: Boolean
          purchasingEntity: PurchasingEntityInput
          customerId: ID @deprecated(reason: "Use `purchasingEntity.customerId` instead.")
          useCustomerDefaultAddress: Boolean
          email: String
          phone: String
          billingAddress: MailingAddressInput
          shippingAddress: MailingAddressInput
          shippingLine: ShippingLineInput
          note: String
          tags: [String!]
          customAttributes: [AttributeInput!]
          metafields: [MetafieldInput!]
          taxExempt: Boolean
          presentmentCurrencyCode: CurrencyCode
          marketRegionCountryCode: CountryCode
          paymentTerms: PaymentTermsInput
          reserveInventoryUntil: DateTime
          poNumber: String
          visibleToCustomer: Boolean
          sourceName: String
          transformerFingerprint: String
          sessionToken: String
        }

        input DraftOrderLineItemInput {
          variantId: ID
          quantity: Int!
          title: String
          originalUnitPriceWithCurrency: MoneyInput
          originalUnitPrice: Money @deprecated(reason: "Use `originalUnitPriceWithCurrency` instead.")
          priceOverride: MoneyInput
          generatePriceOverride: Boolean
          appliedDiscount: DraftOrderAppliedDiscountInput
          requiresShipping: Boolean
          taxable: Boolean
          sku: String
          weight: WeightInput
          grams: Int @deprecated(reason: "Use `weight` instead.")
          customAttributes: [AttributeInput!]
          uuid: String
        }

        input DraftOrderAppliedDiscountInput {
          valueType: DraftOrderAppliedDiscountType!
          value: Float!
          amountWithCurrency: MoneyInput
          amount: Money @deprecated(reason: "Use `amountWithCurrency` instead.")
          title: String
          description: String
        }

        input ShippingLineInput {
          title: String
          priceWithCurrency: MoneyInput
          price: Money @deprecated(reason: "Use `priceWithCurrency` instead.")
          shippingRateHandle: String
        }

        input PurchasingEntityInput {
          customerId: ID
          purchasingCompany: PurchasingCompanyInput
        }

        input PurchasingCompanyInput {
          companyId: ID!
          companyLocationId: ID!
          companyContactId: ID!
        }

        input PaymentTermsInput {
          paymentTermsTemplateId: ID
          paymentSchedules: [PaymentScheduleInput!]
        }

        input PaymentScheduleInput {
          issuedAt: DateTime
          dueAt: DateTime
        }

        input DraftOrderDeleteInput {
          id: ID!
        }

        input DraftOrderAvailableDeliveryOptionsInput {
          lineItems: [DraftOrderLineItemInput!]
          appliedDiscount: DraftOrderAppliedDiscountInput
          discountCodes: [String!]
          acceptAutomaticDiscounts: Boolean
          purchasingEntity: PurchasingEntityInput
          shippingAddress: MailingAddressInput
          marketRegionCountryCode: CountryCode
        }

        type DraftOrderCreatePayload {
          draftOrder: DraftOrder
          userErrors: [UserError!]!
        }

        type DraftOrderUpdatePayload {
          draftOrder: DraftOrder
          userErrors: [UserError!]!
        }

        type DraftOrderCalculatePayload {
          calculatedDraftOrder: CalculatedDraftOrder
          userErrors: [UserError!]!
        }

        type DraftOrderDuplicatePayload {
          draftOrder: DraftOrder
          userErrors: [UserError!]!
        }

        type DraftOrderDeletePayload {
          deletedId: ID
          userErrors: [UserError!]!
        }

        type DraftOrderBulkAddTagsPayload {
          job: Job
          userErrors: [UserError!]!
        }

        type DraftOrderBulkRemoveTagsPayload {
          job: Job
          userErrors: [UserError!]!
        }

        type DraftOrderBulkDeletePayload {
          job: Job
          userErrors: [UserError!]!
        }
        """

    static let queries = """
          draftOrder(id: ID!): DraftOrder
          draftOrders(first: Int, after: String, last: Int, before: String, reverse: Boolean = false,
                      sortKey: DraftOrderSortKeys = ID, query: String, savedSearchId: ID): DraftOrderConnection!
          draftOrdersCount(query: String, savedSearchId: ID, limit: Int = 10000): Count
          draftOrderTag(id: ID!): DraftOrderTag
          draftOrderAvailableDeliveryOptions(input: DraftOrderAvailableDeliveryOptionsInput!, search: String,
                                             localPickupFrom: Int, localPickupCount: Int,
                                             sessionToken: String): DraftOrderAvailableDeliveryOptions!
          paymentTermsTemplates(paymentTermsType: PaymentTermsType): [PaymentTermsTemplate!]!
          job(id: ID!): Job
        """

    static let mutations = """
          draftOrderCreate(input: DraftOrderInput!): DraftOrderCreatePayload
          draftOrderUpdate(id: ID!, input: DraftOrderInput!, expectedVersion: Int): DraftOrderUpdatePayload
          draftOrderCalculate(input: DraftOrderInput!): DraftOrderCalculatePayload
          draftOrderDuplicate(id: ID, draftOrderId: ID): DraftOrderDuplicatePayload
          draftOrderDelete(input: DraftOrderDeleteInput!): DraftOrderDeletePayload
          draftOrderBulkAddTags(ids: [ID!], search: String, savedSearchId: ID, tags: [String!]!): DraftOrderBulkAddTagsPayload
          draftOrderBulkRemoveTags(ids: [ID!], search: String, savedSearchId: ID, tags: [String!]!): DraftOrderBulkRemoveTagsPayload
          draftOrderBulkDelete(ids: [ID!], search: String, savedSearchId: ID): DraftOrderBulkDeletePayload
        """
}
