import ProformaCore
@testable import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Kept catalog variants")
struct CatalogCopiesTests {
    private static func variant(_ id: Int64, price: Int64 = 1_000) -> CatalogVariant {
        let time = Timestamp(millisecondsSince1970: 0)
        let item = InventoryItem(id: InventoryItemID(id), sku: nil, tracked: false, requiresShipping: true,
                                 weight: .grams(0), cost: nil)
        return CatalogVariant(
            variant: ProductVariant(id: VariantID(id), productID: ProductID(1), optionValues: [], sku: nil, barcode: nil,
                                    price: Money(minorUnits: price, currency: .usd), compareAtPrice: nil, taxable: true,
                                    inventoryPolicy: .deny, position: 1, inventoryItem: item, createdAt: time, updatedAt: time),
            productTitle: "Card", vendor: "", productType: "", isProductsOnlyDefaultVariant: true)
    }

    private static let shop = ShopID(1)

    @Test("variants are found only under the versions they were read at, and a newer copy is never replaced by an older one")
    func versions() {
        var copies = CatalogCopies()
        let first = ShopVersions(settings: 3, catalog: 7)
        copies.remember([Self.variant(1), Self.variant(2)], shop: Self.shop, versions: first)
        let found = copies.variants([VariantID(1), VariantID(3)], shop: Self.shop, versions: first)
        #expect(found.found.keys.map(\.rawValue) == [1] && found.missing == [VariantID(3)])
        #expect(copies.variants([VariantID(1)], shop: ShopID(2), versions: first).missing == [VariantID(1)])

        // Either version moving makes every kept variant missing.
        for moved in [ShopVersions(settings: 4, catalog: 7), ShopVersions(settings: 3, catalog: 8)] {
            #expect(copies.variants([VariantID(1), VariantID(2)], shop: Self.shop, versions: moved).found.isEmpty)
        }
        let newer = ShopVersions(settings: 3, catalog: 8)
        copies.remember([Self.variant(1, price: 900)], shop: Self.shop, versions: newer)
        // A slow reader of the old version comes back last: its copy is not kept.
        copies.remember([Self.variant(1), Self.variant(2)], shop: Self.shop, versions: first)
        let now = copies.variants([VariantID(1), VariantID(2)], shop: Self.shop, versions: newer)
        #expect(now.found[VariantID(1)]?.variant.price.minorUnits == 900 && now.missing == [VariantID(2)])
        #expect(copies.count == 1)
    }

    @Test("past its capacity every copy is dropped, so memory stays bounded")
    func capacity() {
        var copies = CatalogCopies(capacity: 3)
        let versions = ShopVersions(settings: 1, catalog: 1)
        copies.remember([Self.variant(1), Self.variant(2)], shop: Self.shop, versions: versions)
        copies.remember([Self.variant(3)], shop: ShopID(2), versions: versions)
        #expect(copies.count == 3)
        copies.remember([Self.variant(4)], shop: Self.shop, versions: versions)
        #expect(copies.count == 1)
        #expect(copies.variants([VariantID(1)], shop: Self.shop, versions: versions).found.isEmpty)
        #expect(copies.variants([VariantID(3)], shop: ShopID(2), versions: versions).found.isEmpty)
        #expect(copies.variants([VariantID(4)], shop: Self.shop, versions: versions).found.count == 1)
    }
}

@Suite("Kept shop settings")
struct KeptShopSettingsTests {
    private static func configuration(shop id: Int64, version: Int64, name: String) -> ShopConfiguration {
        let time = Timestamp(millisecondsSince1970: 0)
        let profile = ShopProfile(name: name, email: "owner@example.com", currency: .usd, taxesIncluded: false,
                                  address: MailingAddress(countryCode: "US"))
        return ShopConfiguration(shop: Shop(id: ShopID(id), profile: profile, createdAt: time, updatedAt: time,
                                            settingsVersion: version),
                                 locations: [], taxRates: [], shippingRates: [], currencies: [], paymentGateways: [])
    }

    @Test("a slower reader of older settings, finishing last, does not replace the newer ones kept")
    func olderNeverReplacesNewer() {
        var entries: [ShopID: ShopConfiguration] = [:]
        ShopConfigurationCache.keep(Self.configuration(shop: 1, version: 4, name: "New"), in: &entries)
        ShopConfigurationCache.keep(Self.configuration(shop: 1, version: 3, name: "Old"), in: &entries)
        ShopConfigurationCache.keep(Self.configuration(shop: 2, version: 1, name: "Other"), in: &entries)
        #expect(entries[ShopID(1)]?.shop.name == "New" && entries[ShopID(2)]?.shop.name == "Other")
        ShopConfigurationCache.keep(Self.configuration(shop: 1, version: 5, name: "Newer"), in: &entries)
        ShopConfigurationCache.keep(Self.configuration(shop: 1, version: 5, name: "Same version"), in: &entries)
        #expect(entries[ShopID(1)]?.shop.name == "Same version")
    }
}

@Suite("Settings read by a write")
struct SettingsReadByWriteTests {
    private struct Undo: Error {}

    /// A write that moves the settings version and reads the settings, then rolls back, must
    /// leave nothing kept: the next change commits under that same version, and the settings
    /// read after it must be the committed ones.
    @Test("settings a write read and then rolled back are never served", arguments: TestEngine.all)
    func rolledBackSettingsAreNotKept(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let cache = ShopConfigurationCache()
            func renamed(_ name: String) -> ShopProfile {
                var profile = shop.profile
                profile.name = name
                return profile
            }
            await #expect(throws: Undo.self) {
                try await context.store.write { session in
                    try await session.shops.updateShop(shop.id, profile: renamed("Rolled back"), at: context.clock.now())
                    #expect(try await cache.configuration(shop: shop.id, session: session)?.shop.name == "Rolled back")
                    throw Undo()
                }
            }
            try await context.store.write { session in
                try await session.shops.updateShop(shop.id, profile: renamed("Committed"), at: context.clock.now())
            }
            let read = try await context.store.read { session in try await cache.configuration(shop: shop.id, session: session) }
            #expect(read?.shop.name == "Committed")
        }
    }
}
