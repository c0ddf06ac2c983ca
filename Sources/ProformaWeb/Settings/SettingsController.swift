import Foundation
import Hummingbird
import ProformaAPI
import ProformaCore
import ProformaServices

/// The shop's settings, for admins only: access tokens, tax and shipping rates, payment
/// gateways, email and the webhook secret.
struct SettingsController: Sendable {
    let services: Services
    let pages: Pages

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("settings") { request, context in
            let session = try context.session()
            guard session.member.role.allows(.manageSettings) else { return pages.forbidden(session, .manageSettings) }
            return try await page(session, notice: Self.notices[request.queryForm["done"] ?? ""])
        }
        router.post("settings") { request, context in
            let session = try context.session()
            let form = try await FormData.read(request)
            let intent = form["intent"] ?? ""
            let permission: StaffPermission = intent.hasSuffix("token") ? .manageTokens : .manageSettings
            guard session.member.role.allows(permission) else { return pages.forbidden(session, permission) }
            do {
                return try await handle(intent, form, session: session)
            } catch let errors as ValidationErrors {
                let fields = FieldErrors(errors) { path in path.count >= 3 ? "\(intent).\(path[2])" : "\(intent).\(path.first ?? "")" }
                return try await page(session, errors: fields, status: .unprocessableContent)
            }
        }
    }

    static let notices = ["saved": "Settings saved.", "revoked": "Token revoked.", "test_sent": "The test email was sent."]

    private func handle(_ intent: String, _ form: FormData, session: StaffSession) async throws -> Response {
        let shop = session.member.shopID
        switch intent {
        case "create_token":
            let scopes = form.all("scopes").compactMap(AccessScope.init(rawValue:))
            guard let name = form.text("name"), !scopes.isEmpty else {
                throw ValidationErrors(field: ["name"], message: "Give the token a name and at least one scope", code: "BLANK")
            }
            let created = try await services.access.createToken(shop: shop, name: name, scopes: ScopeSet(scopes))
            return try await page(session, notice: "Token created. Copy it now: it is not shown again.", secret: created.secret)
        case "revoke_token":
            _ = try await services.access.revokeToken(shop: shop, id: AccessTokenID(Int64(form["id"] ?? "") ?? 0))
            return WebResponse.redirect("/staff/settings?done=revoked")
        case "add_tax_rate":
            try await services.shops.edit(shop: shop, .addTaxRate(.init(
                countryCode: (form["country_code"] ?? "").uppercased(), provinceCode: form.text("province_code"),
                name: form["name"] ?? "", rate: Self.fraction(percent: form["rate"] ?? ""), shipping: form.flag("shipping"))))
        case "remove_tax_rate":
            try await services.shops.edit(shop: shop, .removeTaxRate(TaxRateID(Int64(form["id"] ?? "") ?? 0)))
        case "add_shipping_rate":
            try await services.shops.edit(shop: shop, .addShippingRate(.init(
                name: form["name"] ?? "",
                countryCodes: (form["countries"] ?? "").split(separator: ",").map { $0.trimmingWhitespace().uppercased() },
                price: form["price"] ?? "", minSubtotal: form.text("min_subtotal"), maxSubtotal: form.text("max_subtotal"))))
        case "remove_shipping_rate":
            try await services.shops.edit(shop: shop, .removeShippingRate(ShippingRateID(Int64(form["id"] ?? "") ?? 0)))
        case "add_gateway":
            try await services.shops.edit(shop: shop, .addPaymentGateway(.init(name: form["name"] ?? "", kind: form["kind"] ?? "")))
        case "remove_gateway":
            try await services.shops.edit(shop: shop, .removePaymentGateway(PaymentGatewayID(Int64(form["id"] ?? "") ?? 0)))
        case "set_smtp":
            try await services.mail.setSMTPURL(shop: shop, form["smtp_url"] ?? "")
        case "test_email":
            do {
                try await services.mail.sendTestEmail(shop: shop, to: form["to"] ?? "")
            } catch is ValidationErrors {
                throw ValidationErrors(field: ["to"], message: "To is invalid", code: "INVALID")
            } catch {
                // The mail server's answer helps whoever set it up; it carries no secret.
                throw ValidationErrors(field: ["to"], message: "The test email could not be sent: \(error)", code: "FAILED")
            }
            return WebResponse.redirect("/staff/settings?done=test_sent")
        default:
            return WebResponse.redirect("/staff/settings")
        }
        return WebResponse.redirect("/staff/settings?done=saved")
    }

    /// Rates are typed as percentages ("13" for 13%) and stored as fractions.
    static func fraction(percent text: String) -> String {
        guard let percent = ExactDecimal(text.trimmingWhitespace()), percent.scale + 2 <= ExactDecimal.maximumScale else {
            return text
        }
        return ExactDecimal(significand: percent.significand, scale: percent.scale + 2).normalized.description
    }

    private func page(_ session: StaffSession, notice: String? = nil, secret: String? = nil, errors: FieldErrors = FieldErrors(),
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let shop = session.member.shopID
        guard let configuration = try await services.shops.configuration(shop: shop) else { return pages.notFound(session) }
        let currency = configuration.shop.profile.currency
        let tokens = try await services.access.tokens(shop: shop)
        var view: [String: Any] = [
            "tokens": tokens.map { token in
                ["id": String(token.id.rawValue), "name": token.name, "prefix": token.prefix, "created": token.createdAt.displayText,
                 "scopes": token.scopes.granted.map(\.rawValue).sorted().joined(separator: ", "),
                 "revoked": token.revokedAt?.displayText ?? "", "active": token.revokedAt == nil]
            },
            "scopes": AccessScope.allCases.map { ["value": $0.rawValue] },
            "taxRates": configuration.taxRates.map { rate in
                ["id": rate.id.map { String($0.rawValue) } ?? "", "name": rate.name, "country": rate.countryCode.rawValue, "province": rate.provinceCode ?? "",
                 "rate": percentText(rate.rate),
                 "shipping": rate.appliesToShipping ? "yes" : "no"]
            },
            "shippingRates": configuration.shippingRates.map { rate in
                ["id": rate.id.map { String($0.rawValue) } ?? "", "name": rate.name, "countries": rate.countryCodes.map(\.rawValue).joined(separator: ", "),
                 "price": rate.price.displayString,
                 "range": [rate.minSubtotal.map { "from " + $0.displayString }, rate.maxSubtotal.map { "up to " + $0.displayString }]
                    .compactMap { $0 }.joined(separator: " ")]
            },
            "gateways": configuration.paymentGateways.compactMap { gateway in
                gateway.id.map { ["id": String($0.rawValue), "name": gateway.name, "kind": gateway.kind.rawValue] }
            },
            "gatewayKinds": PaymentGatewayAccount.Kind.allCases.map { ["value": $0.rawValue] },
            "currency": currency.rawValue,
            "smtpURL": try await services.mail.smtpURL(shop: shop).map(Self.masked) ?? "",
            "webhookSecret": try await services.webhooks.secret(shop: shop),
            "errors": errors.view,
        ]
        if let notice { view["notice"] = notice }
        if let secret { view["secret"] = secret }
        return pages.render("settings", title: "Settings", session: session, section: "Settings", view, status: status)
    }

    /// The URL without its password, which is never shown again once saved.
    static func masked(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "••••••"
        return components.string ?? "smtp://…"
    }
}
