import ProformaCore
import Synchronization

/// Keeps each shop's settings, and the catalog variants drafts were built from, in memory, and
/// trusts them only while the shop's versions stand (`ShopRepository.versions`). Reading the
/// versions is one query in place of seven, made by the caller's own session before anything it
/// reads of the shop, so no instance ever works from settings or prices older than what that
/// session would read. Every change to the shop's row or settings moves the settings version,
/// and every change to its catalog the catalog version.
///
/// Only sessions that write nothing keep what they read: a write may read settings or prices
/// under a version that is then rolled back, and a later change would commit under that same
/// version.
///
/// The variants matter on PostgreSQL: reading those of a five-line create cost a third of the
/// database's CPU per create, and decoding them a sixth of the server's.
public final class ShopConfigurationCache: Sendable {
    private let entries = Mutex<[ShopID: ShopConfiguration]>([:])
    private let catalogs = Mutex(CatalogCopies())

    public init() {}

    public func configuration(shop id: ShopID, session: any StoreSession) async throws -> ShopConfiguration? {
        try await lookups(shop: id, variants: [], session: session)?.configuration
    }

    /// The shop's settings and the variants `ids` name (those the shop has), both as current as
    /// the one read of the shop's versions that they come after.
    func lookups(shop id: ShopID, variants ids: [VariantID],
                 session: any StoreSession) async throws -> (configuration: ShopConfiguration, variants: [VariantID: CatalogVariant])? {
        guard let versions = try await session.shops.versions(id),
              let configuration = try await configuration(shop: id, settingsVersion: versions.settings, session: session) else {
            return nil
        }
        return (configuration, try await variants(ids, shop: id, versions: versions, session: session))
    }

    private func configuration(shop id: ShopID, settingsVersion version: Int64,
                               session: any StoreSession) async throws -> ShopConfiguration? {
        if let known = entries.withLock({ $0[id] }), known.shop.settingsVersion == version { return known }
        guard let shop = try await session.shops.shop(id) else { return nil }
        let configuration = ShopConfiguration(
            shop: shop,
            locations: try await session.shops.locations(shop: id),
            taxRates: try await session.shops.taxRates(shop: id),
            shippingRates: try await session.shops.shippingRates(shop: id),
            currencies: try await session.shops.currencies(shop: id),
            paymentGateways: try await session.shops.paymentGateways(shop: id, includingDisabled: false),
            webhookSubscriptions: try await session.webhooks.subscriptions(shop: id, topic: nil))
        if !session.isWrite { entries.withLock { Self.keep(configuration, in: &$0) } }
        return configuration
    }

    /// Keeps a shop's settings unless a newer version is already kept: a slower reader of an
    /// older version, finishing last, would otherwise send the next request to read them again.
    static func keep(_ configuration: ShopConfiguration, in entries: inout [ShopID: ShopConfiguration]) {
        let id = configuration.shop.id
        if let kept = entries[id], kept.shop.settingsVersion > configuration.shop.settingsVersion { return }
        entries[id] = configuration
    }

    /// Variants are read after the versions, by the same session: in one snapshot (SQLite) or a
    /// later one (PostgreSQL, a snapshot per statement), so what is kept under `versions` is never
    /// older than they are. Kept under both versions, as prices are read in the shop's currency.
    private func variants(_ ids: [VariantID], shop: ShopID, versions: ShopVersions,
                          session: any StoreSession) async throws -> [VariantID: CatalogVariant] {
        guard !ids.isEmpty else { return [:] }
        var (found, missing) = catalogs.withLock { $0.variants(ids, shop: shop, versions: versions) }
        guard !missing.isEmpty else { return found }
        let read = try await session.catalog.catalogVariants(shop: shop, ids: missing)
        for variant in read { found[variant.variant.id] = variant }
        if !session.isWrite { catalogs.withLock { $0.remember(read, shop: shop, versions: versions) } }
        return found
    }
}

/// The variants kept per shop, with the versions they are current for.
struct CatalogCopies {
    /// Past this many variants in all, every copy is dropped: the memory stays bounded however
    /// large the catalogs, and drafts' variants are read again as they are used.
    let capacity: Int
    private var shops: [ShopID: (versions: ShopVersions, variants: [VariantID: CatalogVariant])] = [:]
    private(set) var count = 0

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    func variants(_ ids: [VariantID], shop: ShopID,
                  versions: ShopVersions) -> (found: [VariantID: CatalogVariant], missing: [VariantID]) {
        guard let copy = shops[shop], copy.versions == versions else { return ([:], ids) }
        var found: [VariantID: CatalogVariant] = [:]
        var missing: [VariantID] = []
        for id in ids {
            if let variant = copy.variants[id] { found[id] = variant } else { missing.append(id) }
        }
        return (found, missing)
    }

    mutating func remember(_ variants: [CatalogVariant], shop: ShopID, versions: ShopVersions) {
        var copy = shops[shop] ?? (versions, [:])
        if copy.versions != versions {
            // A slower reader of an older version does not replace a newer copy.
            if copy.versions.settings > versions.settings || copy.versions.catalog > versions.catalog { return }
            count -= copy.variants.count
            copy = (versions, [:])
        }
        if count + variants.count > capacity {
            shops = [:]
            count = 0
            copy.variants = [:]
        }
        for variant in variants where copy.variants.updateValue(variant, forKey: variant.variant.id) == nil {
            count += 1
        }
        shops[shop] = copy
    }
}
