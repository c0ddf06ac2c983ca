import ProformaServices

/// Builds SMTP mailers from the URLs shops set in their settings.
public struct SMTPMailerFactory: MailerFactory {
    public init() {}

    public func mailer(smtpURL: String) -> (any Mailer)? {
        SMTPConfiguration(url: smtpURL).map { SMTPMailer(configuration: $0) }
    }
}
