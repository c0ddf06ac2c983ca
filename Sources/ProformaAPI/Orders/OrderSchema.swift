/// Orders in the Admin schema: the part of Shopify's `Order` a placed draft fills in, with
/// completion and the order mutations drafts lead to.
enum OrderSchema {
    static let sdl = """
        enum OrderDisplayFinancialStatus { PENDING AUTHORIZED PARTIALLY_PAID PARTIALLY_REFUNDED VOIDED PAID REFUNDED EXPIRED }
        enum OrderSortKeys { ID ORDER_NUMBER CREATED_AT UPDATED_AT PROCESSED_AT TOTAL_PRICE CUSTOMER_NAME FINANCIAL_STATUS RELEVANCE }
        enum OrderTransactionKind { SALE AUTHORIZATION CAPTURE REFUND VOID CHANGE EMV_AUTHORIZATION SUGGESTED_REFUND }
        enum OrderTransactionStatus { SUCCESS PENDING FAILURE ERROR AWAITING_RESPONSE UNKNOWN }

        type OrderTransaction implements Node {
          id: ID!
          kind: OrderTransactionKind!
          status: OrderTransactionStatus!
          gateway: String
          formattedGateway: String
          amountSet: MoneyBag!
          test: Boolean!
          authorizationCode: String
          createdAt: DateTime!
          processedAt: DateTime
        }

        type LineItem implements Node {
          id: ID!
          name: String!
          title: String!
          variantTitle: String
          sku: String
          vendor: String
          quantity: Int!
          currentQuantity: Int!
          isGiftCard: Boolean!
          requiresShipping: Boolean!
          taxable: Boolean!
          variant: ProductVariant
          product: Product
          customAttributes: [Attribute!]!
          taxLines: [TaxLine!]!
          originalUnitPriceSet: MoneyBag!
          originalTotalSet: MoneyBag!
          discountedUnitPriceSet: MoneyBag!
          discountedTotalSet: MoneyBag!
          totalDiscountSet: MoneyBag!
        }

        type LineItemConnection {
          edges: [LineItemEdge!]!
          nodes: [LineItem!]!
          pageInfo: PageInfo!
        }

        type LineItemEdge {
          cursor: String!
          node: LineItem!
        }

        type Order implements Node {
          id: ID!
          legacyResourceId: UnsignedInt64!
          name: String!
          createdAt: DateTime!
          updatedAt: DateTime!
          processedAt: DateTime!
          displayFinancialStatus: OrderDisplayFinancialStatus
          fullyPaid: Boolean!
          canMarkAsPaid: Boolean!
          test: Boolean!
          confirmed: Boolean!
          email: String
          phone: String
          note: String
          poNumber: String
          tags: [String!]!
          customAttributes: [Attribute!]!
          sourceName: String
          customer: Customer
          billingAddress: MailingAddress
          shippingAddress: MailingAddress
          currencyCode: CurrencyCode!
          presentmentCurrencyCode: CurrencyCode!
          taxesIncluded: Boolean!
          taxExempt: Boolean!
          lineItems(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): LineItemConnection!
          shippingLine: ShippingLine
          taxLines: [TaxLine!]!
          subtotalPriceSet: MoneyBag
          currentSubtotalPriceSet: MoneyBag!
          totalPriceSet: MoneyBag!
          currentTotalPriceSet: MoneyBag!
          totalTaxSet: MoneyBag
          currentTotalTaxSet: MoneyBag!
          totalDiscountsSet: MoneyBag
          totalShippingPriceSet: MoneyBag!
          totalOutstandingSet: MoneyBag!
          totalReceivedSet: MoneyBag!
          transactions(first: Int): [OrderTransaction!]!
          paymentGatewayNames: [String!]!
          paymentTerms: PaymentTerms
        }

        type OrderConnection {
          edges: [OrderEdge!]!
          nodes: [Order!]!
          pageInfo: PageInfo!
        }

        type OrderEdge {
          cursor: String!
          node: Order!
        }

        input OrderMarkAsPaidInput {
          id: ID!
        }

        type OrderMarkAsPaidPayload {
          order: Order
          userErrors: [UserError!]!
        }

        type DraftOrderCompletePayload {
          draftOrder: DraftOrder
          userErrors: [UserError!]!
        }

        type DraftOrderCreateFromOrderPayload {
          draftOrder: DraftOrder
          userErrors: [UserError!]!
        }
        """

    static let queries = """
          order(id: ID!): Order
          orders(first: Int, after: String, last: Int, before: String, reverse: Boolean = false,
                 sortKey: OrderSortKeys = ID, query: String, savedSearchId: ID): OrderConnection!
          ordersCount(query: String, savedSearchId: ID, limit: Int = 10000): Count
        """

    static let mutations = """
          draftOrderComplete(id: ID!, paymentGatewayId: ID, sourceName: String,
                             paymentPending: Boolean = false): DraftOrderCompletePayload
          draftOrderCreateFromOrder(orderId: ID!): DraftOrderCreateFromOrderPayload
          orderMarkAsPaid(input: OrderMarkAsPaidInput!): OrderMarkAsPaidPayload
        """
}
