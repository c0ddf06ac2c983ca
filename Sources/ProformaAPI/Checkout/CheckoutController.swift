import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Mustache
import ProformaCore
import ProformaServices

/// The customer's side of an invoice link: `GET` shows the current draft, `POST` updates the
/// contact and delivery details or pays. Unknown, completed and deleted links get the same
/// bare 404, so a link's existence is never revealed.
public struct CheckoutController: Sendable {
    let checkout: CheckoutService
    let links: InvoiceLinks
    let templates: MustacheLibrary

    public init(checkout: CheckoutService, links: InvoiceLinks) {
        self.checkout = checkout
        self.links = links
        var library = MustacheLibrary()
        // Compiled-in templates: a parse error is a bug every checkout test catches.
        try! library.register(CheckoutTemplates.layout, named: "layout")
        try! library.register(CheckoutTemplates.checkout, named: "checkout")
        try! library.register(CheckoutTemplates.success, named: "success")
        self.templates = library
    }

    public func addRoutes(to router: Router<AppRequestContext>) {
        router.get(":shop/invoices/:token") { _, context in
            guard let (shop, token) = Self.link(context), let page = try await checkout.page(shop: shop, token: token),
                  page.draft.status != .completed else { return Self.notFound }
            return render(page, token: token)
        }
        router.post(":shop/invoices/:token") { request, context in
            guard let (shop, token) = Self.link(context), let page = try await checkout.page(shop: shop, token: token) else {
                return Self.notFound
            }
            let form = try await FormData.read(request, limit: 64 * 1024)
            guard links.isValidFormToken(form["form_token"] ?? "", for: token) else {
                return Self.html("Forbidden", status: .forbidden)
            }
            // Paid already (a retried post, or staff completed it): the order, charged once.
            if let order = page.order { return success(order, page: page) }
            guard page.draft.status != .completed else { return Self.notFound }
            return try await ActingParty.$name.withValue("Customer (invoice link)") {
                try await handle(form, page: page, shop: shop, token: token, logger: context.logger)
            }
        }
    }

    private func handle(_ form: FormData, page: CheckoutService.Page, shop: ShopID, token: String,
                        logger: Logger) async throws -> Response {
        let version = Int64(form["version"] ?? "") ?? -1
        // A post without a key (a form of the merchant's own) must not share the empty one with
        // every other such payment of the shop: the draft's version keys it instead.
        let key = form["idempotency_key"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            switch form["intent"] {
            case "pay_card":
                let card = CardDetails(number: form["card_number"] ?? "", name: form["card_name"] ?? "",
                                       expiry: form["card_expiry"] ?? "", verificationValue: form["card_cvv"] ?? "")
                let order = try await checkout.pay(shop: shop, page: page, .card(card),
                                                   idempotencyKey: key, expectedVersion: version)
                return success(order, page: page)
            case "pay_later":
                let order = try await checkout.pay(shop: shop, page: page, .later,
                                                   idempotencyKey: key, expectedVersion: version)
                return success(order, page: page)
            default:
                var address = MailingAddressDraft()
                address.firstName = form["first_name"]
                address.lastName = form["last_name"]
                address.address1 = form["address1"]
                address.city = form["city"]
                address.provinceCode = form["province_code"]
                address.countryCode = form["country_code"]
                address.zip = form["zip"]
                let hasAddress = [address.address1, address.city, address.countryCode].contains { !($0 ?? "").isEmpty }
                _ = try await checkout.updateDetails(
                    shop: shop, draft: page.draft, expectedVersion: version, email: form["email"].flatMap { $0.isEmpty ? nil : $0 },
                    shippingAddress: hasAddress ? address : nil,
                    shippingRateHandle: form["shipping_rate"].flatMap { $0.isEmpty ? nil : $0 },
                    discountCode: form["discount_code"])
                guard let fresh = try await checkout.page(shop: shop, token: token) else { return Self.notFound }
                return render(fresh, token: token, notice: "Your details were saved and the totals updated.")
            }
        } catch let errors as ValidationErrors {
            // Whatever happened, the customer sees the draft as it is now.
            guard let fresh = try await checkout.page(shop: shop, token: token), fresh.draft.status != .completed else {
                return Self.notFound
            }
            let message = errors.errors.map(\.message).joined(separator: " ")
            return render(fresh, token: token, error: message, status: .unprocessableContent)
        }
    }

    private func render(_ page: CheckoutService.Page, token: String, error: String? = nil, notice: String? = nil,
                        status: HTTPResponse.Status = .ok) -> Response {
        let draft = page.draft
        let address = draft.shippingAddress
        var view: [String: Any] = [
            "title": "Order \(draft.name)", "shopName": page.shop.shop.name, "summary": DraftSummary(draft),
            "action": "/\(page.shop.shop.id.rawValue)/invoices/\(token)", "formToken": links.formToken(for: token),
            "version": String(draft.version), "idempotencyKey": RandomToken.hex(bytes: 16), "email": draft.email ?? "",
            "address": [
                "firstName": address?.firstName ?? "", "lastName": address?.lastName ?? "",
                "address1": address?.address1 ?? "", "city": address?.city ?? "",
                "provinceCode": address?.provinceCode ?? "", "countryCode": address?.countryCode ?? "", "zip": address?.zip ?? "",
            ],
            "hasRates": !page.shippingOptions.isEmpty, "hasShipping": draft.shippingLine != nil,
            "rates": page.shippingOptions.map { option -> [String: Any] in
                ["handle": option.handle, "title": option.title,
                 "price": option.price.displayString,
                 "selected": draft.shippingLine?.rateHandle == option.handle]
            },
            "allowDiscountCodes": draft.allowDiscountCodesInCheckout, "discountCode": draft.discountCodes.first ?? "",
        ]
        // Mustache shows a section for any value present, so absent ones stay out of the view.
        if let error { view["error"] = error }
        if let notice { view["notice"] = notice }
        if let terms = draft.paymentTerms.flatMap({ PaymentTermsTemplate.template(id: $0.templateID) }) {
            view["payLater"] = "Your payment terms: \(terms.name)."
        }
        return Self.html(templates.render(view, withTemplate: "checkout") ?? "", status: status)
    }

    private func success(_ order: Order, page: CheckoutService.Page) -> Response {
        let view: [String: Any] = [
            "title": "Order \(order.name)", "shopName": page.shop.shop.name, "orderName": order.name,
            "status": order.financialStatus == .paid ? "Your payment was received." : "Payment is due by your payment terms.",
        ]
        return Self.html(templates.render(view, withTemplate: "success") ?? "")
    }

    private static func link(_ context: AppRequestContext) -> (ShopID, String)? {
        guard let shop = context.parameters.get("shop").flatMap(Int64.init),
              let token = context.parameters.get("token") else { return nil }
        return (ShopID(shop), token)
    }

    static let notFound = html("Not Found", status: .notFound)

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [
            .contentType: text.hasPrefix("<!DOCTYPE") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
            .cacheControl: "no-store",
            // The link is the customer's secret: no page embeds it, and no other site learns it.
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            HTTPField.Name("X-Frame-Options")!: "DENY",
            HTTPField.Name("Content-Security-Policy")!: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
