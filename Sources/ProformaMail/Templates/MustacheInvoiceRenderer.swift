import Mustache
import ProformaCore
import ProformaServices

/// Renders invoice emails from the mustache templates in `InvoiceTemplates`.
public struct MustacheInvoiceRenderer: InvoiceRenderer {
    private let library: MustacheLibrary

    public init() {
        var library = MustacheLibrary()
        // The templates are part of the binary: a parse error is a bug caught by every test.
        try! library.register(InvoiceTemplates.html, named: "invoice.html")
        try! library.register(InvoiceTemplates.text, named: "invoice.txt")
        self.library = library
    }

    public func html(_ invoice: InvoiceContent) -> String {
        library.render(Self.view(invoice), withTemplate: "invoice.html") ?? ""
    }

    public func text(_ invoice: InvoiceContent) -> String {
        library.render(Self.view(invoice), withTemplate: "invoice.txt") ?? ""
    }

    /// What the templates see: plain values, nothing to compute.
    private static func view(_ invoice: InvoiceContent) -> InvoiceView {
        InvoiceView(subject: invoice.subject, shopName: invoice.shop.name, shopEmail: invoice.shop.email,
                    url: invoice.url.isEmpty ? nil : invoice.url, customMessage: invoice.customMessage,
                    summary: DraftSummary(invoice.draft))
    }
}

private struct InvoiceView {
    var subject: String
    var shopName: String
    var shopEmail: String
    var url: String?
    var customMessage: String?
    var summary: DraftSummary
}
