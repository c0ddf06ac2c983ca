import Foundation
import ProformaCore

/// Who an invoice goes to and what it says; every field is optional (`EmailInput`).
public struct EmailInput: Sendable, Hashable {
    public var to: String?
    public var from: String?
    public var bcc: [String]
    public var subject: String?
    public var customMessage: String?

    public init(to: String? = nil, from: String? = nil, bcc: [String] = [], subject: String? = nil, customMessage: String? = nil) {
        self.to = to
        self.from = from
        self.bcc = bcc
        self.subject = subject
        self.customMessage = customMessage
    }
}

/// A message ready to hand to a mailer.
public struct OutgoingEmail: Sendable, Hashable, Codable {
    public var from: String
    public var to: [String]
    public var bcc: [String]
    public var subject: String
    public var html: String
    public var text: String

    public init(from: String, to: [String], bcc: [String], subject: String, html: String, text: String) {
        self.from = from
        self.to = to
        self.bcc = bcc
        self.subject = subject
        self.html = html
        self.text = text
    }
}

/// What an invoice email shows.
public struct InvoiceContent: Sendable {
    public var shop: ShopProfile
    public var draft: DraftOrder
    public var url: String
    public var subject: String
    public var customMessage: String?

    public init(shop: ShopProfile, draft: DraftOrder, url: String, subject: String, customMessage: String?) {
        self.shop = shop
        self.draft = draft
        self.url = url
        self.subject = subject
        self.customMessage = customMessage
    }
}

/// Turns an invoice into its HTML and text parts (templates live with the adapter).
public protocol InvoiceRenderer: Sendable {
    func html(_ invoice: InvoiceContent) -> String
    func text(_ invoice: InvoiceContent) -> String
}

/// Delivers a message. Invariant: returning means the receiving server accepted it; throwing
/// means it may not have, and the caller tries again later (so a message may arrive twice,
/// never not at all).
public protocol Mailer: Sendable {
    func send(_ email: OutgoingEmail) async throws
}

/// The outcome of `draftOrderInvoiceSend`: the draft, with the problems that kept the
/// invoice from going out, if any (Shopify returns both).
public struct InvoiceSending: Sendable {
    public var draft: DraftOrder
    public var errors: ValidationErrors
    /// The message queued, with the defaults filled in; nil when `errors` stopped it.
    public var email: OutgoingEmail?
}

/// Previews and sends invoices. Sending marks the draft and queues the email in one
/// transaction: the mail worker delivers it from the jobs table with retries, so an invoice
/// marked sent always goes out and one never goes out for a change that rolled back.
public struct InvoiceService: Sendable {
    let store: any Store
    let clock: any WallClock
    let links: InvoiceLinks
    let renderer: any InvoiceRenderer
    let queue: JobQueue

    public static let mailJobKind = "mail.send"

    let events: WebhookEvents

    init(store: any Store, clock: any WallClock, links: InvoiceLinks, renderer: any InvoiceRenderer, queue: JobQueue,
         events: WebhookEvents) {
        self.events = events
        self.store = store
        self.clock = clock
        self.links = links
        self.renderer = renderer
        self.queue = queue
    }

    /// The subject and HTML the invoice would have; nothing is sent or saved.
    public func preview(shop: ShopID, id: DraftOrderID,
                        _ input: EmailInput) async throws -> (subject: String, html: String, text: String) {
        try await store.read { session in
            let (draft, profile) = try await load(shop: shop, id: id, session: session)
            let content = self.content(draft, profile: profile, shop: shop, input)
            return (content.subject, renderer.html(content), renderer.text(content))
        }
    }

    public func send(shop: ShopID, id: DraftOrderID, _ input: EmailInput) async throws -> InvoiceSending {
        let now = clock.now()
        let sending = try await store.write { session -> InvoiceSending in
            let (existing, profile) = try await load(shop: shop, id: id, session: session, forUpdate: true)
            let customer = try await existing.customerID.asyncFlatMap { try await session.customers.customer(shop: shop, id: $0) }
            let (email, errors) = message(existing, profile: profile, shop: shop, customerEmail: customer?.email, input)
            guard let email, errors.isEmpty else { return InvoiceSending(draft: existing, errors: errors) }
            var draft = existing
            if draft.status == .open { draft.status = .invoiceSent }
            draft.invoiceSentAt = now
            let saved = try await DraftOrderService.saveChange(draft, customer: customer, at: now, shop: shop, session: session,
                                                               events: events)
            _ = try await session.jobs.enqueue(shop: shop, kind: Self.mailJobKind, payload: StoredJSON.encode(email), at: now)
            try await session.recordActivity(.invoiceSent, on: .draftOrder(id), detail: "To " + email.to.joined(separator: ", "),
                                             shop: shop, at: now)
            return InvoiceSending(draft: saved, errors: ValidationErrors(), email: email)
        }
        if sending.errors.isEmpty { queue.signal.notify() }
        return sending
    }

    private func load(shop: ShopID, id: DraftOrderID, session: any StoreSession,
                      forUpdate: Bool = false) async throws -> (DraftOrder, ShopProfile) {
        guard let draft = try await session.draftOrders.draft(shop: shop, id: id, forUpdate: forUpdate) else {
            throw ValidationErrors(field: ["id"], message: "Draft order not found", code: "NOT_FOUND")
        }
        guard let profile = try await session.shops.shop(shop)?.profile else { throw ServiceError.unknownShop }
        return (draft, profile)
    }

    private func content(_ draft: DraftOrder, profile: ShopProfile, shop: ShopID, _ input: EmailInput) -> InvoiceContent {
        let subject = input.subject.cleaned ?? "Draft Order \(draft.name)"
        let url = draft.invoiceToken.flatMap { links.url(shop: shop, token: $0) } ?? ""
        return InvoiceContent(shop: profile, draft: draft, url: url, subject: subject,
                              customMessage: input.customMessage.cleaned)
    }

    /// The email to send, or why it cannot go: Shopify's messages, with no field.
    private func message(_ draft: DraftOrder, profile: ShopProfile, shop: ShopID, customerEmail: String?,
                         _ input: EmailInput) -> (OutgoingEmail?, ValidationErrors) {
        var errors = ValidationErrors()
        if draft.status == .completed {
            errors.add(nil, "This draft order has been completed and its invoice can no longer be sent", code: "INVALID")
        }
        let to = input.to.cleaned ?? draft.email ?? customerEmail
        if let to {
            if !EmailAddress.isValid(to) { errors.add(nil, "To is invalid", code: "INVALID") }
        } else {
            errors.add(nil, "To can't be blank", code: "BLANK")
        }
        let from = input.from.cleaned ?? profile.email
        if !EmailAddress.isValid(from) { errors.add(nil, "From is invalid", code: "INVALID") }
        let bcc = input.bcc.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        if bcc.contains(where: { !EmailAddress.isValid($0) }) { errors.add(nil, "Bcc is invalid", code: "INVALID") }
        guard errors.isEmpty, let to else { return (nil, errors) }
        let content = content(draft, profile: profile, shop: shop, input)
        return (OutgoingEmail(from: from, to: [to], bcc: bcc, subject: content.subject, html: renderer.html(content),
                              text: renderer.text(content)), errors)
    }
}

/// Delivers the emails the invoice service queued, through the shop's mailer.
public struct MailDelivery: DeliveryJobHandler {
    public let kind = InvoiceService.mailJobKind
    let mail: MailSettingsService

    init(mail: MailSettingsService) {
        self.mail = mail
    }

    public func perform(_ job: Job) async throws {
        let email = try JSONDecoder().decode(OutgoingEmail.self, from: Data(job.payload.utf8))
        try await mail.mailer(for: job.shopID).send(email)
    }
}
