import ProformaCore

/// Creating a shop and applying its settings.
public struct ShopService: Sendable {
    let store: any Store
    let clock: any WallClock
    let cache: ShopConfigurationCache

    public init(store: any Store, clock: any WallClock, cache: ShopConfigurationCache = ShopConfigurationCache()) {
        self.store = store
        self.clock = clock
        self.cache = cache
    }

    /// Applies a whole settings document in one transaction: the shop's profile, its locations
    /// (added or updated by name; none removed, since stock may sit there), and its tax rates,
    /// shipping rates, currencies and payment gateways (replaced). With `shop` nil a new shop
    /// is created.
    public func apply(_ settings: ShopSettings, to shop: ShopID?) async throws -> Shop {
        let now = clock.now()
        return try await store.write { session in
            let target: Shop
            if let shop {
                guard var existing = try await session.shops.shop(shop) else { throw ServiceError.unknownShop }
                try await session.shops.updateShop(shop, profile: settings.profile, at: now)
                existing.profile = settings.profile
                existing.updatedAt = now
                target = existing
            } else {
                target = try await session.shops.insertShop(settings.profile, at: now)
            }
            for location in settings.locations {
                _ = try await session.shops.upsertLocation(shop: target.id, location, at: now)
            }
            try await session.shops.replaceTaxRates(shop: target.id, with: settings.taxRates)
            try await session.shops.replaceShippingRates(shop: target.id, with: settings.shippingRates)
            try await session.shops.replaceCurrencies(shop: target.id, with: settings.currencies)
            try await session.shops.replacePaymentGateways(shop: target.id, with: settings.paymentGateways)
            return target
        }
    }

    public func shop(_ id: ShopID) async throws -> Shop? {
        try await store.read { try await $0.shops.shop(id) }
    }

    public func allShops() async throws -> [Shop] {
        try await store.read { try await $0.shops.allShops() }
    }

    /// The shop a single-shop command acts on: the one named, or the only one there is.
    public func resolveShop(_ id: ShopID?) async throws -> Shop {
        if let id {
            guard let shop = try await shop(id) else { throw ServiceError.unknownShop }
            return shop
        }
        let shops = try await allShops()
        switch shops.count {
        case 0: throw ServiceError.shopNotChosen("the database has no shop yet: run `proforma demo` or `proforma settings import FILE`")
        case 1: return shops[0]
        default: throw ServiceError.shopNotChosen("the database has \(shops.count) shops: name one with --shop ID")
        }
    }

    public func locations(shop: ShopID) async throws -> [Location] {
        try await store.read { try await $0.shops.locations(shop: shop) }
    }

    /// Everything about the shop a calculation or a checkout needs, read in one snapshot.
    public func configuration(shop: ShopID) async throws -> ShopConfiguration? {
        try await store.read { session in try await cache.configuration(shop: shop, session: session) }
    }
}

/// A shop with all of its settings, and who hears of its changes.
public struct ShopConfiguration: Sendable, Hashable {
    public var shop: Shop
    public var locations: [Location]
    public var taxRates: [TaxRate]
    public var shippingRates: [ShippingRate]
    public var currencies: [PresentmentCurrency]
    public var paymentGateways: [PaymentGatewayAccount]
    /// Every webhook subscription, in id order: a create or an update whose settings were read
    /// in its own transaction finds its subscribers here instead of in one more query.
    public var webhookSubscriptions: [WebhookSubscription]

    public init(shop: Shop, locations: [Location], taxRates: [TaxRate], shippingRates: [ShippingRate],
                currencies: [PresentmentCurrency], paymentGateways: [PaymentGatewayAccount],
                webhookSubscriptions: [WebhookSubscription] = []) {
        self.shop = shop
        self.locations = locations
        self.taxRates = taxRates
        self.shippingRates = shippingRates
        self.currencies = currencies
        self.paymentGateways = paymentGateways
        self.webhookSubscriptions = webhookSubscriptions
    }
}
