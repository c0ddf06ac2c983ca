import ProformaCore

/// Shops and the settings that belong to them. Every write here moves the shop's
/// `settingsVersion`: `ShopConfigurationCache` trusts its copy only while that number stands.
/// Every write to the shop's catalog (`CatalogRepository`) moves its catalog version likewise.
public protocol ShopRepository {
    func insertShop(_ profile: ShopProfile, at time: Timestamp) async throws -> Shop
    func updateShop(_ id: ShopID, profile: ShopProfile, at time: Timestamp) async throws
    func shop(_ id: ShopID) async throws -> Shop?
    /// The shop's settings and catalog versions (see `ShopConfigurationCache`); nil when there is
    /// no such shop.
    func versions(_ id: ShopID) async throws -> ShopVersions?
    func allShops() async throws -> [Shop]

    func locations(shop: ShopID) async throws -> [Location]
    /// Creates the location, or updates the one with the same name.
    func upsertLocation(shop: ShopID, _ settings: LocationSettings, at time: Timestamp) async throws -> Location

    func taxRates(shop: ShopID) async throws -> [TaxRate]
    func replaceTaxRates(shop: ShopID, with rates: [TaxRate]) async throws
    func shippingRates(shop: ShopID) async throws -> [ShippingRate]
    func replaceShippingRates(shop: ShopID, with rates: [ShippingRate]) async throws
    func currencies(shop: ShopID) async throws -> [PresentmentCurrency]
    func replaceCurrencies(shop: ShopID, with currencies: [PresentmentCurrency]) async throws
    /// Enabled gateways unless `includingDisabled`.
    func paymentGateways(shop: ShopID, includingDisabled: Bool) async throws -> [PaymentGatewayAccount]
    /// Upserts gateways by name and disables the ones not listed; ids stay stable because
    /// completed orders refer to them.
    func replacePaymentGateways(shop: ShopID, with gateways: [PaymentGatewayAccount]) async throws
    /// The SMTP URL the shop's email goes through, when it has its own.
    func mailerURL(shop: ShopID) async throws -> String?
    func setMailerURL(shop: ShopID, _ url: String?) async throws
}

/// What instances compare their copies of a shop's settings and catalog against: each number
/// moves with every committed change to its part.
public struct ShopVersions: Sendable, Hashable {
    public var settings: Int64
    public var catalog: Int64

    public init(settings: Int64, catalog: Int64) {
        self.settings = settings
        self.catalog = catalog
    }
}
