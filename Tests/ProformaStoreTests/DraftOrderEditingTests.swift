import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import SQLKit
import Testing

@Suite("Draft order edits: limits, currencies, addresses, rates, invoice links")
struct DraftOrderEditingTests {
    static func line(_ price: String = "20.00", quantity: Int = 1) -> DraftOrderInput.LineItem {
        .init(quantity: quantity, title: "Custom", originalUnitPrice: ExactDecimal(price))
    }

    static func cad(_ amount: Int64) -> Money { Money(minorUnits: amount, currency: .cad) }

    static func fields(_ error: ValidationErrors?) -> Set<String> {
        Set(error?.errors.compactMap { $0.field?.joined(separator: ".") } ?? [])
    }

    @Test("amounts beyond what a draft may hold are refused, on create and calculate alike", arguments: TestEngine.all)
    func limits(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [
                Self.line("10000000000000", quantity: 1_000_000),
                Self.line("100000000000000000"),
                .init(quantity: 1_000_000, title: "Heavy", originalUnitPrice: 1, weight: .grams(1_000_000_000)),
                .init(quantity: 1_000_000, title: "Big discount", originalUnitPrice: 1,
                      appliedDiscount: AppliedDiscount(valueType: .fixedAmount, value: ExactDecimal("90000000000000")!)),
            ]
            input.appliedDiscount = .set(AppliedDiscount(valueType: .fixedAmount, value: ExactDecimal("100000000000000000")!))
            input.shippingLine = .set(.init(price: ExactDecimal("100000000000000")))
            let create = await #expect(throws: ValidationErrors.self) { try await context.draftOrders.create(shop: shop.id, input) }
            #expect(Self.fields(create) == ["lineItems.0", "lineItems.1.originalUnitPrice", "lineItems.2.weight",
                                            "lineItems.3.appliedDiscount.value", "appliedDiscount.value", "shippingLine.price"])
            var tooMany = DraftOrderInput()
            tooMany.lineItems = [Self.line("1.00", quantity: DraftOrder.maximumLineQuantity + 1)]
            let units = await #expect(throws: ValidationErrors.self) { try await context.draftOrders.create(shop: shop.id, tooMany) }
            #expect(units?.errors.map(\.message) == ["Quantity must be less than or equal to 1000000"])
            let calculate = await #expect(throws: ValidationErrors.self) { try await context.draftOrders.calculate(shop: shop.id, input) }
            #expect(Self.fields(calculate) == Self.fields(create))

            // Each line within bounds, together beyond them.
            input = DraftOrderInput()
            input.lineItems = Array(repeating: Self.line("6000000000000"), count: 2)
            let sum = await #expect(throws: ValidationErrors.self) { try await context.draftOrders.create(shop: shop.id, input) }
            #expect(Self.fields(sum) == ["lineItems"])

            // The largest draft allowed calculates exactly.
            input.lineItems = [Self.line("10000000000000.00")]
            input.shippingAddress = .set(MailingAddressDraft(city: "Louisville", provinceCode: "KY", countryCode: "US"))
            let largest = try await context.draftOrders.create(shop: shop.id, input)
            #expect(largest.calculation.total == 1_060_000_000_000_000)
            #expect(try await context.draftOrders.count(shop: shop.id, matching: .matchAll, limit: nil) == 1)
        }
    }

    @Test("moving a draft to another currency needs its amounts in the old one sent again", arguments: TestEngine.all)
    func currencyChange(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.presentmentCurrencyCode = "CAD"
            input.lineItems = [.init(quantity: 2, title: "Quoted", originalUnitPriceWithCurrency: Self.cad(2500))]
            input.shippingLine = .set(.init(title: "Courier", priceWithCurrency: Self.cad(1500)))
            let draft = try await context.draftOrders.create(shop: shop.id, input)
            #expect(draft.presentmentCurrency == .cad)

            var toUSD = DraftOrderInput()
            toUSD.presentmentCurrencyCode = "USD"
            let refused = await #expect(throws: ValidationErrors.self) {
                try await context.draftOrders.update(shop: shop.id, id: draft.id, toUSD)
            }
            #expect(Self.fields(refused) == ["lineItems", "shippingLine"])
            #expect(try await context.draftOrders.draft(shop: shop.id, id: draft.id)?.presentmentCurrency == .cad)

            toUSD.lineItems = [Self.line("20.00", quantity: 2)]
            toUSD.shippingLine = .set(.init(title: "Courier", price: 12))
            let moved = try await context.draftOrders.update(shop: shop.id, id: draft.id, toUSD)
            #expect(moved.presentmentCurrency == .usd)
            // 40.00 of lines, 12.00 of shipping, and Kentucky's 6% on the lines (the shop's address).
            #expect(moved.calculation.total == 5440)

            // Shop-currency prices convert, so such a draft moves freely.
            var back = DraftOrderInput()
            back.presentmentCurrencyCode = "CAD"
            let converted = try await context.draftOrders.update(shop: shop.id, id: draft.id, back)
            #expect(converted.calculation.lines.first?.unitPrice == 2599)
        }
    }

    @Test("a draft whose currency the shop no longer offers must be given another", arguments: TestEngine.all)
    func disabledCurrency(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.presentmentCurrencyCode = "CAD"
            input.lineItems = [Self.line()]
            let draft = try await context.draftOrders.create(shop: shop.id, input)
            var settings = Fixtures.settings
            settings.currencies = []
            _ = try await context.shops.apply(settings, to: shop.id)
            // Saved amounts stay as they were until the draft is edited.
            #expect(try await context.draftOrders.draft(shop: shop.id, id: draft.id)?.calculation.total == draft.calculation.total)

            var note = DraftOrderInput()
            note.note = .set("call first")
            let refused = await #expect(throws: ValidationErrors.self) {
                try await context.draftOrders.update(shop: shop.id, id: draft.id, note)
            }
            #expect(refused?.errors.first?.field == ["presentmentCurrencyCode"])
            note.presentmentCurrencyCode = "USD"
            #expect(try await context.draftOrders.update(shop: shop.id, id: draft.id, note).presentmentCurrency == .usd)
        }
    }

    @Test("an address update keeps the fields it leaves out, except province and zip in another country",
          arguments: TestEngine.all)
    func addressMerge(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [Self.line()]
            input.shippingAddress = .set(MailingAddressDraft(
                firstName: "Bob", lastName: "Bobsen", address1: "1 Main", address2: "Unit 4", city: "Louisville",
                provinceCode: "KY", countryCode: "US", zip: "40202", phone: "+15025550100"))
            let draft = try await context.draftOrders.create(shop: shop.id, input)

            var street = DraftOrderInput()
            street.shippingAddress = .set(MailingAddressDraft(address1: "123 Shipping Ave", address2: "", city: "Lexington"))
            let moved = try await context.draftOrders.update(shop: shop.id, id: draft.id, street)
            #expect(moved.shippingAddress == MailingAddress(
                firstName: "Bob", lastName: "Bobsen", address1: "123 Shipping Ave", city: "Lexington", provinceCode: "KY",
                countryCode: "US", zip: "40202", phone: "+15025550100"))

            var abroad = DraftOrderInput()
            abroad.shippingAddress = .set(MailingAddressDraft(address1: "9 Queen St", city: "Ottawa", country: "Canada"))
            let canadian = try await context.draftOrders.update(shop: shop.id, id: draft.id, abroad)
            #expect(canadian.shippingAddress?.countryCode == "CA")
            #expect(canadian.shippingAddress?.provinceCode == nil)
            #expect(canadian.shippingAddress?.zip == nil)
            #expect(canadian.shippingAddress?.firstName == "Bob")
        }
    }

    @Test("a chosen rate survives the settings being saved again, and is checked when its conditions move",
          arguments: TestEngine.all)
    func rateHandles(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            var settings = Fixtures.settings
            settings.shippingRates = [
                ShippingRate(name: "Free over 100", countryCodes: [.unitedStates], price: .zero(.usd),
                             minSubtotal: Money(minorUnits: 10000, currency: .usd)),
            ]
            let shop = try await context.makeShop(settings)
            var input = DraftOrderInput()
            input.lineItems = [Self.line("150.00")]
            input.shippingAddress = .set(MailingAddressDraft(city: "Louisville", provinceCode: "KY", countryCode: "US"))
            input.shippingLine = .set(.init(shippingRateHandle: "proforma-rate-free-over-100"))
            let draft = try await context.draftOrders.create(shop: shop.id, input)
            #expect(draft.shippingLine?.rateHandle == "proforma-rate-free-over-100")

            _ = try await context.shops.apply(settings, to: shop.id)
            var more = DraftOrderInput()
            more.lineItems = [Self.line("160.00")]
            #expect(try await context.draftOrders.update(shop: shop.id, id: draft.id, more).shippingLine?.title == "Free over 100")

            var discount = DraftOrderInput()
            discount.appliedDiscount = .set(AppliedDiscount(valueType: .fixedAmount, value: 70))
            let refused = await #expect(throws: ValidationErrors.self) {
                try await context.draftOrders.update(shop: shop.id, id: draft.id, discount)
            }
            #expect(refused?.errors.first?.field == ["shippingLine", "shippingRateHandle"])
            var note = DraftOrderInput()
            note.note = .set("conditions unchanged, nothing to check")
            #expect(try await context.draftOrders.update(shop: shop.id, id: draft.id, note).note != nil)
        }
    }

    @Test("bulk delete refuses a search that selects every draft; bulk tags pass completed drafts by",
          arguments: TestEngine.all)
    func bulkGuards(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [Self.line()]
            let open = try await context.draftOrders.create(shop: shop.id, input)
            var completed = try await context.draftOrders.create(shop: shop.id, input)
            completed.status = .completed
            completed.version += 1
            let done = completed
            _ = try await context.store.write { session in
                try await session.draftOrders.update(shop: shop.id, DraftOrderRecord(draft: done, customerName: ""),
                                                     expectedVersion: done.version - 1, note: nil)
            }
            for search in ["", "stauts:open", "status:open OR status:completed"] {
                let refused = await #expect(throws: ValidationErrors.self, "search \(search)") {
                    try await context.bulkJobs.enqueue(shop: shop.id, action: .delete, ids: nil, search: search, tags: [])
                }
                #expect(refused?.errors.first?.field == ["search"])
            }
            _ = try await context.bulkJobs.enqueue(shop: shop.id, action: .addTags, ids: nil, search: "", tags: ["audit"])
            try await context.drainJobs()
            #expect(try await context.draftOrders.draft(shop: shop.id, id: open.id)?.tags == ["audit"])
            #expect(try await context.draftOrders.draft(shop: shop.id, id: completed.id)?.tags == [])
            _ = try await context.bulkJobs.enqueue(shop: shop.id, action: .delete, ids: nil, search: "status:open", tags: [])
            try await context.drainJobs()
            #expect(try await context.draftOrders.count(shop: shop.id, matching: .matchAll, limit: nil) == 1)
        }
    }

    @Test("invoice links carry a random token per draft, stored only hashed and sealed", arguments: TestEngine.all)
    func invoiceLinks(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [Self.line()]
            let first = try await context.draftOrders.create(shop: shop.id, input)
            let second = try await context.draftOrders.create(shop: shop.id, input)
            let links = TestContext.invoiceLinks
            let url = try #require(first.invoiceToken.flatMap { links.url(shop: shop.id, token: $0) })
            #expect(url.wholeMatch(of: try Regex(#"https://quotes\.snowdevil\.test/\d+/invoices/[0-9a-f]{32}"#)) != nil)
            let reloaded = try #require(try await context.draftOrders.draft(shop: shop.id, id: first.id))
            #expect(reloaded.invoiceToken.flatMap { links.url(shop: shop.id, token: $0) } == url)
            #expect(second.invoiceToken.flatMap { links.url(shop: shop.id, token: $0) } != url)
            let copy = try await context.draftOrders.duplicate(shop: shop.id, id: first.id)
            #expect(copy.invoiceToken?.hash != first.invoiceToken?.hash)

            let token = String(url.split(separator: "/").last!)
            let row = try await context.database.read { db in
                try await db.raw("""
                    SELECT invoice_token_hash AS hash, invoice_token_sealed AS sealed FROM draft_orders
                    WHERE id = \(bind: first.id.rawValue)
                    """).first()
            }
            let stored = try #require(row)
            #expect(try stored.decode(column: "hash", as: String.self) == InvoiceLinks.hash(token))
            #expect(try !stored.decode(column: "sealed", as: String.self).contains(token))
            let otherKey = InvoiceLinks(publicURL: links.publicURL, secretKey: Array(repeating: 9, count: 32))
            #expect(first.invoiceToken.flatMap { otherKey.url(shop: shop.id, token: $0) } == nil)
        }
    }
}
