import ProformaCore

/// One change to a shop's rates or gateways, as the settings page makes it.
public enum SettingsEdit: Sendable {
    case addTaxRate(ShopSettingsInput.TaxRateInput)
    case removeTaxRate(TaxRateID)
    case addShippingRate(ShopSettingsInput.ShippingRateInput)
    case removeShippingRate(ShippingRateID)
    case addPaymentGateway(ShopSettingsInput.PaymentGatewayInput)
    case removePaymentGateway(PaymentGatewayID)
}

extension ShopService {
    /// Applies one edit in one transaction, validated by the same rules as a settings file;
    /// error paths are those of the settings file (`taxRates.0.rate`). Calculations see the
    /// change at once: it moves the shop's settings version.
    public func edit(shop: ShopID, _ edit: SettingsEdit) async throws {
        try await store.write { session in
            guard let current = try await session.shops.shop(shop) else { throw ServiceError.unknownShop }
            var errors = ValidationErrors()
            switch edit {
            case .addTaxRate(let input):
                let added = ShopSettingsInput.taxRates([input], into: &errors)
                try errors.throwIfAny()
                try await session.shops.replaceTaxRates(shop: shop, with: try await session.shops.taxRates(shop: shop) + added)
            case .removeTaxRate(let id):
                // Rates are rewritten on every edit, so an id from an older page no longer matches.
                var rates = try await session.shops.taxRates(shop: shop)
                guard let index = rates.firstIndex(where: { $0.id == id }) else { throw Self.notFound }
                rates.remove(at: index)
                try await session.shops.replaceTaxRates(shop: shop, with: rates)
            case .addShippingRate(let input):
                let added = ShopSettingsInput.shippingRates([input], currency: current.profile.currency, into: &errors)
                let rates = try await session.shops.shippingRates(shop: shop)
                if let rate = added.first, rates.contains(where: { $0.handle == rate.handle }) {
                    errors.add(["shippingRates", "0", "name"], "is too like another rate's name: both would be \(rate.handle)")
                }
                try errors.throwIfAny()
                try await session.shops.replaceShippingRates(shop: shop, with: rates + added)
            case .removeShippingRate(let id):
                var rates = try await session.shops.shippingRates(shop: shop)
                guard let index = rates.firstIndex(where: { $0.id == id }) else { throw Self.notFound }
                rates.remove(at: index)
                try await session.shops.replaceShippingRates(shop: shop, with: rates)
            case .addPaymentGateway(let input):
                let added = ShopSettingsInput.paymentGateways([input], into: &errors)
                let gateways = try await session.shops.paymentGateways(shop: shop, includingDisabled: false)
                if let gateway = added.first, gateways.contains(where: { $0.name.lowercased() == gateway.name.lowercased() }) {
                    errors.add(["paymentGateways", "0", "name"], "duplicates another gateway's name")
                }
                try errors.throwIfAny()
                try await session.shops.replacePaymentGateways(shop: shop, with: gateways + added)
            case .removePaymentGateway(let id):
                var gateways = try await session.shops.paymentGateways(shop: shop, includingDisabled: false)
                guard let index = gateways.firstIndex(where: { $0.id == id }) else { throw Self.notFound }
                // Disabled rather than deleted: orders keep naming the gateway they were paid through.
                gateways.remove(at: index)
                try await session.shops.replacePaymentGateways(shop: shop, with: gateways)
            }
        }
    }

    private static var notFound: ValidationErrors {
        ValidationErrors(field: nil, message: "That setting no longer exists; the page was out of date", code: "NOT_FOUND")
    }
}
