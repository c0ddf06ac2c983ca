import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import SQLKit
import Synchronization
import Testing

@Suite("Draft orders")
struct DraftOrderStoreTests {
    static func customLine(_ title: String = "Custom Tee", price: String = "20.00", quantity: Int = 2) -> DraftOrderInput.LineItem {
        .init(quantity: quantity, title: title, originalUnitPrice: ExactDecimal(price))
    }

    static func kentucky() -> MailingAddressDraft {
        MailingAddressDraft(firstName: "Bob", lastName: "Norman", address1: "1 Main", city: "Louisville", provinceCode: "KY",
                            countryCode: "US", zip: "40202")
    }

    /// On PostgreSQL each connection hands out line ids from a cached block of the sequence, so
    /// drafts written at once take ids from different blocks.
    @Test("line ids written from many connections at once are unique, and ascend within each draft", arguments: TestEngine.all)
    func lineIDsAcrossConnections(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var threeLines = DraftOrderInput()
            threeLines.lineItems = [Self.customLine("A"), Self.customLine("B"), Self.customLine("C")]
            let input = threeLines
            let drafts = try await withThrowingTaskGroup(of: DraftOrder.self) { group in
                for _ in 0..<24 { group.addTask { try await context.draftOrders.create(shop: shop.id, input) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let ids = drafts.flatMap { $0.lines.map(\.id.rawValue) }
            #expect(ids.count == 72 && Set(ids).count == 72)
            for draft in drafts {
                let stored = try #require(try await context.store.read {
                    try await $0.draftOrders.draft(shop: shop.id, id: draft.id, forUpdate: false)
                })
                #expect(stored.lines.map(\.id) == draft.lines.map(\.id))
                #expect(zip(draft.lines, draft.lines.dropFirst()).allSatisfy { $0.id.rawValue < $1.id.rawValue })
            }
            if engine == .postgres {
                let cache = try await context.database.read { db in
                    try await db.raw("SELECT cache_size FROM pg_sequences WHERE sequencename = 'draft_order_line_ids'")
                        .first()?.decode(column: "cache_size", as: Int64.self)
                }
                #expect(cache == 1000)
            }
        }
    }

    @Test("create stores every field, names the draft and calculates it (REST test 1)", arguments: TestEngine.all)
    func create(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let product = try await context.catalog.setProduct(shop: shop.id, Fixtures.boots())
            var input = DraftOrderInput()
            input.lineItems = [Self.customLine(), .init(variantID: product.variants[1].id, quantity: 1,
                                                        appliedDiscount: AppliedDiscount(valueType: .percentage, value: 10))]
            input.appliedDiscount = .set(AppliedDiscount(title: "Custom", description: "Custom discount", valueType: .fixedAmount, value: 10))
            input.shippingAddress = .set(Self.kentucky())
            input.email = .set("bob@example.com")
            input.tags = ["rush", "Phone order"]
            input.note = .set("Deliver to the back door")
            input.customAttributes = [Attribute(key: "gift", value: "yes")]
            // Read back with the draft as a JSON array: a value that needs escaping, in id order.
            input.metafields = [MetafieldInput(namespace: "erp", key: "ref", type: "single_line_text_field", value: "SO-1"),
                                MetafieldInput(namespace: "erp", key: "memo", type: "multi_line_text_field",
                                               value: "Ship \"as is\"\nZürich ✓ \\ 100%")]
            input.sourceName = .set("phone")
            let draft = try await context.draftOrders.create(shop: shop.id, input)
            #expect(draft.name == "#D1")
            #expect(draft.status == .open)
            #expect(draft.lines.count == 2)
            #expect(draft.lines.allSatisfy { $0.id.rawValue > 0 })
            #expect(draft.lines[1].title == "Winter Boots")
            #expect(draft.lines[1].variantTitle == "Black / 10")
            // 40.00 + 199.00 − 19.90 = 219.10 − 10.00 = 209.10; KY 6%.
            #expect(draft.calculation.lineItemsSubtotal == 21910)
            #expect(draft.calculation.subtotal == 20910)
            #expect(draft.calculation.totalTax == 1255)
            #expect(draft.metafields.first?.id.rawValue ?? 0 > 0)
            #expect(draft.metafields.map(\.key) == ["ref", "memo"])

            let loaded = try #require(try await context.draftOrders.draft(shop: shop.id, id: draft.id))
            #expect(loaded == draft)
        }
    }

    @Test("concurrent creates get #D1…#D30 with no gap and no duplicate; another shop starts at #D1", arguments: TestEngine.all)
    func numbering(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [Self.customLine()]
            let request = input
            let names = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<30 {
                    group.addTask { try await context.draftOrders.create(shop: shop.id, request).name }
                }
                var names: [String] = []
                for try await name in group { names.append(name) }
                return names
            }
            #expect(Set(names) == Set((1...30).map { "#D\($0)" }))
            // A failed create uses up no number.
            var bad = DraftOrderInput()
            bad.lineItems = [.init(quantity: 0, title: "x", originalUnitPrice: 1)]
            await #expect(throws: ValidationErrors.self) { try await context.draftOrders.create(shop: shop.id, bad) }
            #expect(try await context.draftOrders.create(shop: shop.id, input).name == "#D31")
            // Each shop counts its own drafts.
            let other = try await context.makeShop()
            #expect(try await context.draftOrders.create(shop: other.id, input).name == "#D1")
        }
    }

    private struct RolledBack: Error {}
    private final class Outcome: Sendable {
        let name = Mutex<String?>(nil)
    }

    @Test("PostgreSQL's draft numbers are not given back by a rollback, so an open create holds up no other; SQLite's stay gapless",
          arguments: TestEngine.all)
    func numberTakenApart(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [Self.customLine()]
            let request = input
            let first = try await context.draftOrders.create(shop: shop.id, request)
            let createdMeanwhile = Outcome()
            let shopID = shop.id
            let (numberTaken, signal) = AsyncStream<Void>.makeStream()
            let other = Task {
                for await _ in numberTaken { break }
                let name = try await context.draftOrders.create(shop: shopID, request).name
                createdMeanwhile.name.withLock { $0 = name }
                return name
            }
            do {
                try await context.store.write { session in
                    _ = try await session.draftOrders.assignNumber(shop: shopID, draft: first.id)
                    // SQLite runs one write at a time: there the other create waits for this one.
                    guard engine == .postgres else { throw RolledBack() }
                    signal.yield()
                    for _ in 0..<300 where createdMeanwhile.name.withLock({ $0 }) == nil {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    #expect(createdMeanwhile.name.withLock { $0 } == "#D3", "a create waited for the open transaction's number")
                    throw RolledBack()
                }
                Issue.record("the transaction was not rolled back")
            } catch is RolledBack {}
            signal.finish()
            let loaded = try #require(try await context.draftOrders.draft(shop: shopID, id: first.id))
            #expect(loaded.name == "#D1")
            // The rolled-back transaction's number was taken for good on PostgreSQL, and came back on SQLite.
            #expect(try await other.value == (engine == .postgres ? "#D3" : "#D2"))
            #expect(try await context.draftOrders.create(shop: shopID, request).name == (engine == .postgres ? "#D4" : "#D3"))
        }
    }

    @Test("partial updates keep what they do not mention; lineItems replace", arguments: TestEngine.all)
    func update(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [Self.customLine()]
            input.shippingAddress = .set(Self.kentucky())
            input.tags = ["a"]
            let draft = try await context.draftOrders.create(shop: shop.id, input)
            var change = DraftOrderInput()
            change.note = .set("Customer called")
            let noted = try await context.draftOrders.update(shop: shop.id, id: draft.id, change)
            #expect(noted.note == "Customer called")
            #expect(noted.lines.map(\.id) == draft.lines.map(\.id))
            // The lines were not written again, and read back as they were.
            #expect(try await context.draftOrders.draft(shop: shop.id, id: draft.id)?.lines == draft.lines)
            #expect(noted.tags == ["a"])
            #expect(noted.shippingAddress == draft.shippingAddress)
            #expect(noted.version == draft.version + 1)
            var replace = DraftOrderInput()
            replace.lineItems = [Self.customLine("Mug", price: "9.50", quantity: 3)]
            replace.shippingAddress = .cleared
            let replaced = try await context.draftOrders.update(shop: shop.id, id: draft.id, replace)
            #expect(replaced.lines.map(\.title) == ["Mug"])
            #expect(replaced.shippingAddress == nil)
            #expect(replaced.calculation.subtotal == 2850)
            #expect(replaced.calculation.taxAddressSource == .shopAddress)
            #expect(replaced.lines[0].id.rawValue > draft.lines[0].id.rawValue)

            // Lines written over, added and taken away: every line gets a new id, and none is left behind.
            var grow = DraftOrderInput()
            grow.lineItems = (1...4).map { Self.customLine("Part \($0)", quantity: $0) }
            let grown = try await context.draftOrders.update(shop: shop.id, id: draft.id, grow)
            var shrink = DraftOrderInput()
            shrink.lineItems = [Self.customLine("Part 9", quantity: 9), Self.customLine("Part 8", quantity: 8)]
            let shrunk = try await context.draftOrders.update(shop: shop.id, id: draft.id, shrink)
            let ids = [replaced, grown, shrunk].flatMap { $0.lines.map(\.id) }
            #expect(Set(ids).count == ids.count)
            let read = try #require(try await context.draftOrders.draft(shop: shop.id, id: draft.id))
            #expect(read.lines.map(\.title) == ["Part 9", "Part 8"])
            #expect(read.lines.map(\.quantity) == [9, 8])
            #expect(read.lines.map(\.id) == shrunk.lines.map(\.id))
            let stored = try await context.database.read { db in
                try await db.raw("""
                    SELECT ids FROM draft_order_line_lists WHERE draft_order_id = \(bind: draft.id.rawValue)
                    """).all().map { try $0.decode(column: "ids", as: String.self) }
            }
            #expect(stored == [shrunk.lines.map { String($0.id.rawValue) }.joined(separator: ",")])
        }
    }

    @Test("a draft's row, lines and tag rows are written together, and none of them over a stale version",
          arguments: TestEngine.all)
    func writtenTogether(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let product = try await context.catalog.setProduct(shop: shop.id, Fixtures.boots())
            func names(_ query: String) async throws -> [String] {
                try await context.draftOrders.drafts(shop: shop.id, matching: SearchQuery(parsing: query), sortedBy: .id,
                                                     page: PageRequest(first: 10)).items.map(\.name)
            }
            func stored(_ id: DraftOrderID) async throws -> DraftOrder {
                try #require(try await context.store.read { try await $0.draftOrders.draft(shop: shop.id, id: id, forUpdate: false) })
            }
            var input = DraftOrderInput()
            input.lineItems = [Self.customLine("A"), .init(variantID: product.variants[1].id, quantity: 1), Self.customLine("C")]
            input.tags = ["Rush", "vip"]
            let draft = try await context.draftOrders.create(shop: shop.id, input)
            #expect(Set(draft.lines.map(\.id)).count == 3 && draft.lines.allSatisfy { $0.id.rawValue > 0 })
            #expect(try await stored(draft.id).lines == draft.lines)
            #expect(try await names("tag:rush") == [draft.name])

            // Tags only: one kept (in another case), one dropped, one added; the lines keep their rows.
            var retag = DraftOrderInput()
            retag.tags = ["VIP", "wholesale"]
            let retagged = try await context.draftOrders.update(shop: shop.id, id: draft.id, retag)
            #expect(retagged.lines == draft.lines)
            #expect(try await names("tag:rush").isEmpty)
            #expect(try await names("tag:vip") == [draft.name])
            #expect(try await names("tag:wholesale") == [draft.name])

            // Lines replaced: all new rows, in order, the variant's line among them.
            var relines = DraftOrderInput()
            relines.lineItems = [.init(variantID: product.variants[0].id, quantity: 2), Self.customLine("Z")]
            let relined = try await context.draftOrders.update(shop: shop.id, id: draft.id, relines)
            #expect(relined.lines.map(\.title) == ["Winter Boots", "Z"])
            #expect(relined.lines.allSatisfy { $0.id.rawValue > draft.lines.map(\.id.rawValue).max()! })
            #expect(try await stored(draft.id).lines == relined.lines)

            // A write over a version that has moved on changes nothing: not the row, lines or tags.
            var stale = relined
            stale.version = relined.version + 1
            stale.tags = ["stale"]
            stale.lines = [stale.lines[1]]
            stale.lines[0].id = DraftOrderLineID(0)
            let refused = try await context.store.write { session in
                try await session.draftOrders.update(shop: shop.id, DraftOrderRecord(draft: stale, customerName: ""),
                                                     expectedVersion: retagged.version, note: nil)
            }
            #expect(refused == nil)
            #expect(try await stored(draft.id) == relined)
            #expect(try await names("tag:stale").isEmpty)
            #expect(try await names("tag:wholesale") == [draft.name])
        }
    }

    @Test("racing updates are applied one after another; none is lost", arguments: TestEngine.all)
    func racingUpdates(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [Self.customLine()]
            let draft = try await context.draftOrders.create(shop: shop.id, input)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        var change = DraftOrderInput()
                        if index % 2 == 0 { change.email = .set("e\(index)@example.com") } else { change.poNumber = .set("PO-\(index)") }
                        _ = try await context.draftOrders.update(shop: shop.id, id: draft.id, change)
                    }
                }
                try await group.waitForAll()
            }
            let final = try #require(try await context.draftOrders.draft(shop: shop.id, id: draft.id))
            #expect(final.version == draft.version + 20)
            #expect(final.email?.hasPrefix("e") == true)
            #expect(final.poNumber?.hasPrefix("PO-") == true)
            // Each update's timeline line is written with it: a try that lost the race wrote none.
            let timeline = try await context.services.activities.timeline(shop: shop.id, of: .draftOrder(draft.id))
            #expect(timeline.map(\.action) == Array(repeating: .updated, count: 20) + [.created])
        }
    }

    @Test("an update that names a stale version is refused", arguments: TestEngine.all)
    func staleWrite(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [Self.customLine()]
            let draft = try await context.draftOrders.create(shop: shop.id, input)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        var change = DraftOrderInput()
                        change.note = .set("writer \(index)")
                        do {
                            _ = try await context.draftOrders.update(shop: shop.id, id: draft.id, change, expectedVersion: draft.version)
                            return true
                        } catch let error as ValidationErrors where error.errors.first?.code == "STALE" {
                            return false
                        }
                    }
                }
                var results: [Bool] = []
                for try await outcome in group { results.append(outcome) }
                return results
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let timeline = try await context.services.activities.timeline(shop: shop.id, of: .draftOrder(draft.id))
            #expect(timeline.map(\.action) == [.updated, .created])
        }
    }

    @Test("bad input is refused with paths and Shopify's messages; nothing is written", arguments: TestEngine.all)
    func validation(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let none = await #expect(throws: ValidationErrors.self) {
                try await context.draftOrders.create(shop: shop.id, DraftOrderInput())
            }
            #expect(none?.errors == [FieldError(field: nil, message: "Add at least 1 product", code: "INVALID")])

            var input = DraftOrderInput()
            input.lineItems = [
                .init(quantity: 0, title: "Zero", originalUnitPrice: 1),
                .init(variantID: VariantID(987_654), quantity: 1),
                .init(quantity: 1, title: "Negative", originalUnitPrice: -1),
                .init(quantity: 1, title: "Percent", originalUnitPrice: 5,
                      appliedDiscount: AppliedDiscount(valueType: .percentage, value: 101)),
                .init(quantity: 1, title: "Wrong currency", originalUnitPriceWithCurrency: Money(minorUnits: 100, currency: .eur)),
            ]
            input.email = .set("not an email")
            input.presentmentCurrencyCode = "XYZ"
            let error = await #expect(throws: ValidationErrors.self) { try await context.draftOrders.create(shop: shop.id, input) }
            let fields = Set(error?.errors.compactMap { $0.field?.joined(separator: ".") } ?? [])
            #expect(fields == [
                "lineItems.0.quantity", "lineItems.1.variantId", "lineItems.2.originalUnitPrice",
                "lineItems.3.appliedDiscount.value", "lineItems.4.originalUnitPriceWithCurrency.currencyCode", "email",
                "presentmentCurrencyCode",
            ])
            var tooMany = DraftOrderInput()
            tooMany.lineItems = Array(repeating: Self.customLine(), count: 500)
            let limit = await #expect(throws: ValidationErrors.self) { try await context.draftOrders.create(shop: shop.id, tooMany) }
            #expect(limit?.errors.first?.field == ["lineItems"])
            #expect(try await context.draftOrders.count(shop: shop.id, matching: .matchAll, limit: nil) == 0)
            await #expect(throws: ValidationErrors.self) {
                try await context.draftOrders.update(shop: shop.id, id: DraftOrderID(424_242), DraftOrderInput())
            }
        }
    }

    @Test("a completed draft can no longer be edited", arguments: TestEngine.all)
    func completedIsReadOnly(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [Self.customLine()]
            var draft = try await context.draftOrders.create(shop: shop.id, input)
            draft.status = .completed
            draft.completedAt = context.clock.now()
            draft.version += 1
            let completed = draft
            _ = try await context.store.write { session in
                try await session.draftOrders.update(
                    shop: shop.id, DraftOrderRecord(draft: completed, customerName: ""),
                    expectedVersion: completed.version - 1, note: nil)
            }
            var change = DraftOrderInput()
            change.note = .set("too late")
            let error = await #expect(throws: ValidationErrors.self) {
                try await context.draftOrders.update(shop: shop.id, id: draft.id, change)
            }
            #expect(error?.errors.first?.message == "This draft order has been completed and can no longer be edited")
            #expect(try await context.draftOrders.draft(shop: shop.id, id: draft.id)?.note == nil)
        }
    }

    @Test("customers bring their email, default address and tax exemption", arguments: TestEngine.all)
    func customers(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var customerInput = CustomerInput()
            customerInput.firstName = .set("Northwind")
            customerInput.email = .set("buyer@northwind.example")
            customerInput.taxExempt = true
            customerInput.addresses = [.init(address: Self.kentucky())]
            let customer = try await context.customers.create(shop: shop.id, customerInput)
            var input = DraftOrderInput()
            input.lineItems = [Self.customLine()]
            input.customerID = .set(customer.id)
            input.useCustomerDefaultAddress = true
            let draft = try await context.draftOrders.create(shop: shop.id, input)
            #expect(draft.email == "buyer@northwind.example")
            #expect(draft.shippingAddress?.provinceCode == "KY")
            #expect(draft.billingAddress?.provinceCode == "KY")
            #expect(draft.calculation.totalTax == 0)
            let found = try await context.draftOrders.drafts(shop: shop.id, matching: SearchQuery(parsing: "customer_id:\(customer.id)"),
                                                             sortedBy: .id, page: PageRequest(first: 5))
            #expect(found.items.map(\.id) == [draft.id])
        }
    }

    @Test("search by status, tag, dates and text; sort by total and name; counts with a limit", arguments: TestEngine.all)
    func search(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            for index in 1...6 {
                var input = DraftOrderInput()
                input.lineItems = [Self.customLine(price: "\(index * 10).00", quantity: 1)]
                input.tags = index % 2 == 0 ? ["wholesale"] : ["retail"]
                input.billingAddress = .set(MailingAddressDraft(firstName: "Buyer", lastName: "\(7 - index)", countryCode: "US"))
                input.sourceName = .set(index == 1 ? "phone" : "email")
                _ = try await context.draftOrders.create(shop: shop.id, input)
            }
            func names(_ query: String, _ sort: DraftOrderSortKey = .id, reverse: Bool = false) async throws -> [String] {
                try await context.draftOrders.drafts(shop: shop.id, matching: SearchQuery(parsing: query), sortedBy: sort,
                                                     page: PageRequest(first: 10, reverse: reverse)).items.map(\.name)
            }
            #expect(try await names("status:open tag:wholesale") == ["#D2", "#D4", "#D6"])
            #expect(try await names("tag:WHOLESALE source:email", reverse: true) == ["#D6", "#D4", "#D2"])
            // A search with one exact tag reads its page from the tag's index; its cursors page both ways.
            let query = SearchQuery(parsing: "tag:wholesale status:open")
            let first = try await context.draftOrders.drafts(shop: shop.id, matching: query, sortedBy: .id, page: PageRequest(first: 2))
            #expect(first.items.map(\.name) == ["#D2", "#D4"] && first.hasNextPage && !first.hasPreviousPage)
            let next = try await context.draftOrders.drafts(shop: shop.id, matching: query, sortedBy: .id,
                                                            page: PageRequest(first: 2, after: first.cursors.last))
            #expect(next.items.map(\.name) == ["#D6"] && !next.hasNextPage && next.hasPreviousPage)
            let back = try await context.draftOrders.drafts(shop: shop.id, matching: query, sortedBy: .id,
                                                            page: PageRequest(last: 2, before: next.cursors.first))
            #expect(back.items.map(\.name) == ["#D2", "#D4"])
            #expect(try await names("-tag:wholesale source:phone") == ["#D1"])
            #expect(try await names("status:completed").isEmpty)
            #expect(try await names("tag:retail", .totalPrice, reverse: true) == ["#D5", "#D3", "#D1"])
            #expect(try await names("", .customerName).prefix(2) == ["#D6", "#D5"])
            #expect(try await names("D3") == ["#D3"])
            #expect(try await names("created_at:>=2025-01-01 id:<=2") == ["#D1", "#D2"])
            #expect(try await context.draftOrders.count(shop: shop.id, matching: .matchAll, limit: 4) == 5)
            #expect(try await context.draftOrders.count(shop: shop.id, matching: SearchQuery(parsing: "tag:retail"), limit: nil) == 3)
            #expect(try await context.draftOrders.tag(shop: shop.id, handle: "WHOLESALE") == "wholesale")
        }
    }

    @Test("duplicate and delete", arguments: TestEngine.all)
    func duplicateAndDelete(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var input = DraftOrderInput()
            input.lineItems = [Self.customLine()]
            input.metafields = [MetafieldInput(namespace: "erp", key: "ref", type: "single_line_text_field", value: "SO-1")]
            let original = try await context.draftOrders.create(shop: shop.id, input)
            let copy = try await context.draftOrders.duplicate(shop: shop.id, id: original.id)
            #expect(copy.name == "#D2")
            #expect(copy.id != original.id)
            #expect(copy.lines.map(\.title) == original.lines.map(\.title))
            #expect(copy.calculation == original.calculation)
            #expect(copy.metafields.first?.id != original.metafields.first?.id)
            #expect(try await context.draftOrders.delete(shop: shop.id, id: original.id))
            #expect(try await context.draftOrders.delete(shop: shop.id, id: original.id) == false)
            #expect(try await context.draftOrders.draft(shop: shop.id, id: original.id) == nil)
        }
    }

    @Test("shipping rates qualify by country, subtotal and weight; a chosen rate is checked", arguments: TestEngine.all)
    func shipping(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            var settings = Fixtures.settings
            settings.shippingRates = [
                ShippingRate(name: "Standard", countryCodes: [.unitedStates], price: Money(minorUnits: 1000, currency: .usd),
                             maxSubtotal: Money(minorUnits: 9999, currency: .usd)),
                ShippingRate(name: "Free", countryCodes: [.unitedStates], price: .zero(.usd),
                             minSubtotal: Money(minorUnits: 10000, currency: .usd)),
                ShippingRate(name: "Freight", countryCodes: [.unitedStates, .canada], price: Money(minorUnits: 7500, currency: .usd),
                             minWeightGrams: 20000),
            ]
            let shop = try await context.makeShop(settings)
            var input = DraftOrderInput()
            input.lineItems = [.init(quantity: 1, title: "Sled", originalUnitPrice: 50, weight: .grams(25000))]
            input.shippingAddress = .set(Self.kentucky())
            let options = try await context.draftOrders.shippingOptions(shop: shop.id, input)
            #expect(options.map(\.title) == ["Standard", "Freight"])
            input.shippingLine = .set(.init(shippingRateHandle: options[1].handle))
            let draft = try await context.draftOrders.create(shop: shop.id, input)
            #expect(draft.shippingLine?.title == "Freight")
            #expect(draft.calculation.shipping?.price == 7500)
            var pricier = DraftOrderInput()
            pricier.lineItems = [.init(quantity: 1, title: "Sled", originalUnitPrice: 150, weight: .grams(100))]
            let refused = await #expect(throws: ValidationErrors.self) {
                try await context.draftOrders.update(shop: shop.id, id: draft.id, pricier)
            }
            #expect(refused?.errors.first?.field == ["shippingLine", "shippingRateHandle"])
        }
    }

    @Test("bulk tag and delete jobs, by ids and by search", arguments: TestEngine.all)
    func bulk(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            var drafts: [DraftOrder] = []
            for index in 0..<5 {
                var input = DraftOrderInput()
                input.lineItems = [Self.customLine()]
                input.tags = index < 3 ? ["quote"] : []
                drafts.append(try await context.draftOrders.create(shop: shop.id, input))
            }
            let add = try await context.bulkJobs.enqueue(shop: shop.id, action: .addTags, ids: nil, search: "tag:quote",
                                                         tags: ["Follow up", "quote"])
            #expect(add.isDone == false)
            try await context.drainJobs()
            #expect(try await context.jobs.job(shop: shop.id, id: add.id)?.status == .done)
            let tagged = try await context.draftOrders.drafts(shop: shop.id, matching: SearchQuery(parsing: "tag:'follow up'"),
                                                              sortedBy: .id, page: PageRequest(first: 10))
            #expect(tagged.items.map(\.id) == drafts.prefix(3).map(\.id))
            #expect(tagged.items.first?.tags == ["quote", "Follow up"])

            _ = try await context.bulkJobs.enqueue(shop: shop.id, action: .removeTags, ids: [drafts[0].id], search: nil,
                                                   tags: ["QUOTE"])
            _ = try await context.bulkJobs.enqueue(shop: shop.id, action: .delete, ids: [drafts[3].id, drafts[4].id],
                                                   search: nil, tags: [])
            try await context.drainJobs()
            #expect(try await context.draftOrders.draft(shop: shop.id, id: drafts[0].id)?.tags == ["Follow up"])
            #expect(try await context.draftOrders.count(shop: shop.id, matching: .matchAll, limit: nil) == 3)
            await #expect(throws: ValidationErrors.self) {
                try await context.bulkJobs.enqueue(shop: shop.id, action: .addTags, ids: [drafts[0].id], search: "x", tags: ["t"])
            }
        }
    }
}
