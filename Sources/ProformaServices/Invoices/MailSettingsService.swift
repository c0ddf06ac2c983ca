import ProformaCore

/// Makes a mailer from an SMTP URL (`smtp://user:password@host:587`), or nil when the URL is
/// not one it can use. The mail adapter implements it.
public protocol MailerFactory: Sendable {
    func mailer(smtpURL: String) -> (any Mailer)?
}

/// Which mailer a shop's email goes through: the SMTP server the shop set in its settings,
/// else the one the server was started with.
public struct MailSettingsService: Sendable {
    let store: any Store
    let defaultMailer: any Mailer
    let factory: any MailerFactory

    init(store: any Store, defaultMailer: any Mailer, factory: any MailerFactory) {
        self.store = store
        self.defaultMailer = defaultMailer
        self.factory = factory
    }

    public func smtpURL(shop: ShopID) async throws -> String? {
        try await store.read { try await $0.shops.mailerURL(shop: shop) }
    }

    /// Sets the shop's SMTP URL; blank goes back to the server's mailer.
    public func setSMTPURL(shop: ShopID, _ text: String) async throws {
        let url = text.trimmingWhitespace()
        if !url.isEmpty, factory.mailer(smtpURL: url) == nil {
            throw ValidationErrors(field: ["smtpURL"], message: "SMTP URL must look like smtp://user:password@host:587 "
                                   + "or smtps://user:password@host:465", code: "INVALID")
        }
        try await store.write { session in
            guard try await session.shops.shop(shop) != nil else { throw ServiceError.unknownShop }
            try await session.shops.setMailerURL(shop: shop, url.isEmpty ? nil : url)
        }
    }

    public func mailer(for shop: ShopID) async throws -> any Mailer {
        guard let url = try await smtpURL(shop: shop) else { return defaultMailer }
        return factory.mailer(smtpURL: url) ?? defaultMailer
    }

    /// Sends a short message to `to` now, through the shop's mailer; throws what the mail
    /// server answered when it refuses.
    public func sendTestEmail(shop: ShopID, to: String) async throws {
        let to = to.trimmingWhitespace()
        guard EmailAddress.isValid(to) else {
            throw ValidationErrors(field: ["to"], message: "To is invalid", code: "INVALID")
        }
        guard let profile = try await store.read({ try await $0.shops.shop(shop) })?.profile else {
            throw ServiceError.unknownShop
        }
        let text = "This is a test email from Proforma for \(profile.name). Invoices will be sent the same way."
        let email = OutgoingEmail(from: profile.email, to: [to], bcc: [], subject: "Proforma test email",
                                  html: "<p>" + text + "</p>", text: text)
        try await mailer(for: shop).send(email)
    }
}
