import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Catalog")
struct CatalogStoreTests {
    @Test("productSet creates a product with options, variants and stock", arguments: TestEngine.all)
    func create(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let warehouse = try await context.shops.locations(shop: shop.id)[0].id
            let product = try await context.catalog.setProduct(shop: shop.id, Fixtures.boots(quantity: 7, location: warehouse))
            #expect(product.handle == "winter-boots")
            #expect(product.tags == ["winter", "Boots"])
            #expect(product.options.map(\.name) == ["Color", "Size"])
            #expect(product.variants.map(\.title) == ["Black / 9", "Black / 10", "Brown / 9", "Brown / 10"])
            #expect(product.variants[0].price == Money(minorUnits: 19900, currency: .usd))
            #expect(product.variants[0].inventoryItem.weight.grams == 1200)
            let levels = try await context.inventory.levels(shop: shop.id, items: product.variants.map(\.inventoryItem.id))
            #expect(levels.count == 8)  // every variant at both locations
            #expect(levels.filter { $0.locationID == warehouse }.allSatisfy { $0.available == 7 })
            #expect(levels.filter { $0.locationID != warehouse }.allSatisfy { $0.available == 0 })
        }
    }

    @Test("productSet update matches variants by options, deletes the missing, keeps ids", arguments: TestEngine.all)
    func update(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let created = try await context.catalog.setProduct(shop: shop.id, Fixtures.boots())
            var input = Fixtures.boots()
            input.id = created.id
            input.title = "Winter Boots II"
            input.variants = Array(input.variants!.prefix(2))
            input.variants![1].price = ExactDecimal("149.5")
            input.options = nil
            let updated = try await context.catalog.setProduct(shop: shop.id, input)
            #expect(updated.id == created.id)
            #expect(updated.handle == "winter-boots")
            #expect(updated.variants.map(\.id) == Array(created.variants.prefix(2).map(\.id)))
            #expect(updated.variants[1].price.minorUnits == 14950)
            #expect(updated.options.map(\.values) == [["Black"], ["9", "10"]])
        }
    }

    @Test("productSet reports every problem with its path and writes nothing", arguments: TestEngine.all)
    func validation(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = Fixtures.boots()
            input.title = " "
            input.variants![0].price = ExactDecimal("-1")
            input.variants![1].price = ExactDecimal("1.001")
            input.variants![3].optionValues = input.variants![2].optionValues
            input.variants![2].inventoryQuantities = [.init(locationID: LocationID(999_999), quantity: 1)]
            let error = await #expect(throws: ValidationErrors.self) {
                try await context.catalog.setProduct(shop: shop.id, input)
            }
            let fields = error?.errors.map { $0.field?.joined(separator: ".") ?? "" } ?? []
            #expect(fields.contains("title"))
            #expect(fields.contains("variants.0.price"))
            #expect(fields.contains("variants.1.price"))
            #expect(fields.contains("variants.3.optionValues"))
            #expect(fields.contains("variants.2.inventoryQuantities.0.locationId"))
            #expect(try await context.catalog.countProducts(shop: shop.id, matching: .matchAll) == 0)
        }
    }

    @Test("handles: derived, made unique, and refused when taken", arguments: TestEngine.all)
    func handles(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let first = try await context.catalog.setProduct(shop: shop.id, ProductSetInput(title: "Gift Card"))
            let second = try await context.catalog.setProduct(shop: shop.id, ProductSetInput(title: "Gift card!"))
            #expect(first.handle == "gift-card")
            #expect(second.handle == "gift-card-1")
            #expect(first.hasOnlyDefaultVariant)
            let error = await #expect(throws: ValidationErrors.self) {
                try await context.catalog.setProduct(shop: shop.id, ProductSetInput(handle: "gift-card", title: "Other"))
            }
            #expect(error?.errors.first?.code == "TAKEN")
        }
    }

    @Test("search filters and keyset pages agree with a full listing", arguments: TestEngine.all)
    func search(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            for index in 0..<12 {
                _ = try await context.catalog.setProduct(shop: shop.id, ProductSetInput(
                    title: "Item \(index)", vendor: index % 2 == 0 ? "Acme" : "Globex",
                    productType: index % 3 == 0 ? "Hats" : "Gloves",
                    tags: index % 4 == 0 ? ["sale", "Winter"] : ["winter"],
                    variants: [.init(sku: "SKU-\(index)", price: ExactDecimal("\(index).50"))]))
            }
            func count(_ query: String) async throws -> Int {
                try await context.catalog.countProducts(shop: shop.id, matching: SearchQuery(parsing: query))
            }
            #expect(try await count("vendor:acme") == 6)
            #expect(try await count("tag:SALE") == 3)
            #expect(try await count("-tag:sale") == 9)
            #expect(try await count("tag:sale OR product_type:hats") == 6)
            #expect(try await count("vendor:Acme AND NOT product_type:Hats") == 4)
            #expect(try await count("sku:SKU-1*") == 3)  // SKU-1, SKU-10, SKU-11
            #expect(try await count("item") == 12)
            #expect(try await count("\"Item 1\"") == 3)
            #expect(try await count("title:'Item 1'") == 1)
            #expect(try await count("unknown_field:x") == 12)

            // Walk forward and backward in pages of 5, sorted by title descending.
            var forward: [String] = []
            var after: Cursor?
            repeat {
                let page = try await context.catalog.products(
                    shop: shop.id, matching: .matchAll, sortedBy: .title, page: PageRequest(first: 5, after: after, reverse: true))
                forward += page.items.map(\.title)
                after = page.hasNextPage ? page.cursors.last : nil
            } while after != nil
            #expect(forward == (0..<12).map { "Item \($0)" }.sorted().reversed())

            var backward: [String] = []
            var before: Cursor?
            repeat {
                let page = try await context.catalog.products(
                    shop: shop.id, matching: .matchAll, sortedBy: .title, page: PageRequest(last: 5, before: before, reverse: true))
                backward = page.items.map(\.title) + backward
                before = page.hasPreviousPage ? page.cursors.first : nil
            } while before != nil
            #expect(backward == forward)
        }
    }

    @Test("a line's variants come with their product's title, vendor, type and default-variant flag", arguments: TestEngine.all)
    func catalogVariants(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let other = try await context.makeShop()
            let boots = try await context.catalog.setProduct(shop: shop.id, Fixtures.boots())
            let card = try await context.catalog.setProduct(shop: shop.id, ProductSetInput(
                title: "Gift card", vendor: "Proforma", productType: "Gift Card", variants: [.init(price: ExactDecimal("25"))]))
            let ids = [boots.variants[2].id, card.variants[0].id, VariantID(999_999)]
            let found = try await context.store.read { try await $0.catalog.catalogVariants(shop: shop.id, ids: ids) }
            // The same as reading whole products, for a product with options and one with none.
            #expect(Set(found) == [CatalogVariant(boots.variants[2], of: boots), CatalogVariant(card.variants[0], of: card)])
            #expect(found.first { $0.variant.id == card.variants[0].id }?.isProductsOnlyDefaultVariant == true)
            #expect(found.first { $0.variant.id == boots.variants[2].id }?.isProductsOnlyDefaultVariant == false)
            #expect(try await context.store.read { try await $0.catalog.catalogVariants(shop: other.id, ids: ids) }.isEmpty)
        }
    }

    @Test("a shop never sees another shop's products", arguments: TestEngine.all)
    func isolation(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let first = try await context.makeShop()
            let second = try await context.makeShop()
            let product = try await context.catalog.setProduct(shop: first.id, Fixtures.boots())
            #expect(try await context.catalog.product(shop: second.id, id: product.id) == nil)
            #expect(try await context.catalog.countProducts(shop: second.id, matching: .matchAll) == 0)
            #expect(try await context.catalog.variants(shop: second.id, ids: product.variants.map(\.id)).isEmpty)
            // The same handle is free in the other shop.
            #expect(try await context.catalog.setProduct(shop: second.id, Fixtures.boots()).handle == "winter-boots")
        }
    }
}
