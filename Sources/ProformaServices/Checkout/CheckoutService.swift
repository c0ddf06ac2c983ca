import ProformaCore

/// What the customer behind an invoice link sees and does. Every read goes to the current
/// draft, so an edit after the invoice went out shows at once, and payment names the version
/// the customer saw: a draft changed meanwhile is refused, never charged at a stale total.
public struct CheckoutService: Sendable {
    let store: any Store
    let links: InvoiceLinks
    let draftOrders: DraftOrderService
    let orders: OrderService

    public init(store: any Store, links: InvoiceLinks, draftOrders: DraftOrderService, orders: OrderService) {
        self.store = store
        self.links = links
        self.draftOrders = draftOrders
        self.orders = orders
    }

    /// What a checkout page shows.
    public struct Page: Sendable {
        public var draft: DraftOrder
        public var shop: ShopConfiguration
        public var shippingOptions: [ShippingOption]
        public var order: Order?
    }

    /// The draft behind a token, with what the page needs; nil for a malformed or unknown token.
    /// A completed draft comes with its order (for the success page of a retried payment).
    public func page(shop: ShopID, token: String) async throws -> Page? {
        guard InvoiceLinks.isWellFormed(token) else { return nil }
        let hash = InvoiceLinks.hash(token)
        return try await store.read { session -> Page? in
            guard let draft = try await session.draftOrders.draft(shop: shop, invoiceTokenHash: hash),
                  // The index found it by hash; comparing again in constant time keeps timing flat.
                  InvoiceLinks.constantTimeEqual(Array((draft.invoiceToken?.hash ?? "").utf8), Array(hash.utf8)),
                  let configuration = try await draftOrders.settings.configuration(shop: shop, session: session) else {
                return nil
            }
            let order = draft.status == .completed ? try await session.orders.order(shop: shop, draft: draft.id) : nil
            let options = draft.shippingLine == nil
                ? ShippingOptions.available(for: draft, rates: configuration.shippingRates) : []
            return Page(draft: draft, shop: configuration, shippingOptions: options, order: order)
        }
    }

    /// The customer's email, shipping address, shipping rate and (where the draft allows one)
    /// discount code; amounts are worked out again.
    /// `expectedVersion` is the version the customer's page showed: details typed against an
    /// older draft are refused rather than merged into a draft the customer has not seen.
    public func updateDetails(shop: ShopID, draft: DraftOrder, expectedVersion: Int64, email: String?,
                              shippingAddress: MailingAddressDraft?, shippingRateHandle: String?,
                              discountCode: String?) async throws -> DraftOrder {
        var input = DraftOrderInput()
        if draft.allowDiscountCodesInCheckout, let code = discountCode?.trimmingWhitespace() {
            input.discountCodes = code.isEmpty ? [] : [code]
        }
        if let email { input.email = .set(email) }
        if let shippingAddress { input.shippingAddress = .set(shippingAddress) }
        if let handle = shippingRateHandle, draft.shippingLine?.isCustom != true {
            input.shippingLine = .set(.init(shippingRateHandle: handle))
        }
        do {
            return try await draftOrders.update(shop: shop, id: draft.id, input, expectedVersion: expectedVersion)
        } catch let errors as ValidationErrors where errors.errors.contains(where: { $0.code == "STALE" }) {
            // The staff-facing message talks of versions; the customer needs to know what to do.
            throw ValidationErrors(field: nil, message: "The order was changed while you were looking at it. Check the new total.",
                                   code: "STALE")
        }
    }

    /// How the customer finishes.
    public enum Payment: Sendable {
        case card(CardDetails)
        /// Offered only when the draft has payment terms.
        case later
    }

    /// Places the order. `idempotencyKey` comes with the form: a retried post finds the order
    /// the first one made and charges nothing more. Without one, the draft's version is the key.
    public func pay(shop: ShopID, page: Page, _ payment: Payment, idempotencyKey: String?,
                    expectedVersion: Int64) async throws -> Order {
        let request: CompletionRequest
        switch payment {
        case .card(let card):
            guard let gateway = page.shop.paymentGateways.first(where: { $0.kind == .bogus }) else {
                throw ValidationErrors(field: ["payment"], message: "This shop does not take cards online", code: "INVALID")
            }
            request = CompletionRequest(paymentGatewayID: gateway.id, sourceName: "checkout", payment: .card(card),
                                        idempotencyKey: idempotencyKey, expectedVersion: expectedVersion)
        case .later:
            guard page.draft.paymentTerms != nil else {
                throw ValidationErrors(field: ["payment"], message: "This order must be paid now", code: "INVALID")
            }
            request = CompletionRequest(paymentPending: true, sourceName: "checkout", idempotencyKey: idempotencyKey,
                                        expectedVersion: expectedVersion)
        }
        return try await orders.complete(shop: shop, draft: page.draft.id, request).order
    }
}
