import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Shops and settings")
struct ShopStoreTests {
    @Test("settings round-trip through the store", arguments: TestEngine.all)
    func roundTrip(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let configuration = try #require(try await context.shops.configuration(shop: shop.id))
            #expect(configuration.shop.profile == Fixtures.settings.profile)
            #expect(configuration.locations.map(\.name) == ["Main warehouse", "Toronto store"])
            #expect(configuration.taxRates.map(\.name) == ["Tax", "GST", "Tax"])
            #expect(configuration.taxRates[1].rate == ExactDecimal("0.05"))
            #expect(configuration.taxRates[1].provinceCode == nil)
            #expect(configuration.taxRates[2].appliesToShipping)
            #expect(configuration.shippingRates.first?.price == Money(minorUnits: 1000, currency: .usd))
            #expect(configuration.currencies == [PresentmentCurrency(code: .cad, rate: ExactDecimal("1.25")!,
                                                                     roundTo: ExactDecimal("0.99"))])
            #expect(configuration.paymentGateways.map(\.name) == ["Bank Deposit", "Bogus Gateway"])
        }
    }

    @Test("re-applying settings replaces rates, keeps locations and gateway ids", arguments: TestEngine.all)
    func reapply(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let before = try #require(try await context.shops.configuration(shop: shop.id))
            var input = Fixtures.settingsInput
            input.taxRates = [Fixtures.decode("""
                {"countryCode": "US", "provinceCode": "NY", "name": "NY", "rate": "0.04", "shipping": true}
                """)]
            input.locations = [input.locations![1]]
            input.paymentGateways = [Fixtures.decode(#"{"name": "Bogus Gateway", "kind": "bogus"}"#)]
            input.shop.name = "Snowdevil Ltd"
            _ = try await context.shops.apply(try input.validated().get(), to: shop.id)
            let after = try #require(try await context.shops.configuration(shop: shop.id))
            #expect(after.shop.name == "Snowdevil Ltd")
            #expect(after.taxRates.map(\.name) == ["NY"])
            #expect(after.locations.map(\.id) == before.locations.map(\.id))
            #expect(after.paymentGateways.map(\.id) == [before.paymentGateways[1].id])
        }
    }

    @Test("cached settings and the shop are reloaded after any single settings or profile write", arguments: TestEngine.all)
    func cacheFollowsWrites(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            #expect(try await context.shops.configuration(shop: shop.id)?.taxRates.count == 3)
            try await context.store.write { session in
                try await session.shops.replaceTaxRates(shop: shop.id, with: [])
            }
            #expect(try await context.shops.configuration(shop: shop.id)?.taxRates.isEmpty == true)
            try await context.store.write { session in
                try await session.shops.replaceCurrencies(shop: shop.id, with: [])
            }
            #expect(try await context.shops.configuration(shop: shop.id)?.currencies.isEmpty == true)
            // The shop itself comes from the cache while its version stands.
            var renamed = Fixtures.settings.profile
            renamed.name = "Renamed"
            renamed.taxesIncluded = true
            try await context.store.write { session in
                try await session.shops.updateShop(shop.id, profile: renamed, at: context.clock.now())
            }
            let reloaded = try #require(try await context.shops.configuration(shop: shop.id)?.shop)
            #expect(reloaded.name == "Renamed" && reloaded.profile.taxesIncluded)
            #expect(try await context.shops.configuration(shop: shop.id)?.shop == reloaded)
        }
    }

    /// The first instance keeps the variants its drafts were built from; the second changes the
    /// catalog and the shop behind its back, as another server on the same database would.
    @Test("drafts are built from the catalog and currency as they are, after another instance changed them",
          arguments: TestEngine.all)
    func catalogCopiesFollowWrites(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let elsewhere = TestContext(database: context.database)
            let boots = try await context.catalog.setProduct(shop: shop.id, Fixtures.boots())
            let variant = boots.variants[2]
            @Sendable func line() async throws -> DraftOrderLine {
                var input = DraftOrderInput()
                input.lineItems = [.init(variantID: variant.id, quantity: 1)]
                return try #require(try await context.draftOrders.calculate(shop: shop.id, input).lines.first)
            }
            #expect(try await line().source == .variant(variant.id, productID: boots.id, catalogPrice: Money(minorUnits: 19900, currency: .usd)))

            var cheaper = Fixtures.boots()
            cheaper.id = boots.id
            cheaper.title = "Winter Boots II"
            cheaper.variants![2].price = ExactDecimal("149.5")
            _ = try await elsewhere.catalog.setProduct(shop: shop.id, cheaper)
            var changed = try await line()
            #expect(changed.source == .variant(variant.id, productID: boots.id, catalogPrice: Money(minorUnits: 14950, currency: .usd)))
            #expect(changed.title == "Winter Boots II" && changed.variantTitle == "Brown / 9")

            // A variant deleted elsewhere is no longer found.
            try await elsewhere.store.write { try await $0.catalog.deleteVariant(shop: shop.id, id: variant.id) }
            var input = DraftOrderInput()
            input.lineItems = [.init(variantID: variant.id, quantity: 1)]
            await #expect(throws: ValidationErrors.self) { try await context.draftOrders.calculate(shop: shop.id, input) }

            // Prices are read in the shop's currency, which is a setting.
            let other = boots.variants[3]
            input.lineItems = [.init(variantID: other.id, quantity: 1)]
            changed = try #require(try await context.draftOrders.calculate(shop: shop.id, input).lines.first)
            #expect(changed.source == .variant(other.id, productID: boots.id, catalogPrice: Money(minorUnits: 19900, currency: .usd)))
            var profile = Fixtures.settings.profile
            profile.currency = .cad
            try await elsewhere.store.write { try await $0.shops.updateShop(shop.id, profile: profile, at: context.clock.now()) }
            changed = try #require(try await context.draftOrders.calculate(shop: shop.id, input).lines.first)
            #expect(changed.source == .variant(other.id, productID: boots.id, catalogPrice: Money(minorUnits: 19900, currency: .cad)))
        }
    }

    @Test("a write that throws leaves nothing behind", arguments: TestEngine.all)
    func rollback(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var renamed = Fixtures.settings.profile
            renamed.name = "Renamed"
            await #expect(throws: ServiceError.self) {
                try await context.store.write { session in
                    try await session.shops.updateShop(shop.id, profile: renamed, at: context.clock.now())
                    try await session.shops.replaceTaxRates(shop: shop.id, with: [])
                    throw ServiceError.conflict("stop")
                }
            }
            #expect(try await context.shops.shop(shop.id)?.name == "Snowdevil")
            #expect(try await context.shops.configuration(shop: shop.id)?.taxRates.count == 3)
        }
    }
}
