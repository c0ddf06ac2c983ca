import ProformaCore
import ProformaServices
import ProformaStore
import ProformaTestSupport
import Testing

@Suite("Completing drafts into orders")
struct CompletionTests {
    func gateway(_ context: TestContext, shop: ShopID, named name: String) async throws -> PaymentGatewayID {
        try #require(try await context.shops.configuration(shop: shop)?.paymentGateways.first { $0.name == name }?.id)
    }

    @Test("a completed draft becomes order #1001, paid, with its lines, totals and one transaction; completing again returns it",
          arguments: TestEngine.all)
    func paid(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context)
            var input = stocked.input([(0, 2)], until: stocked.tomorrow)
            input.tags = ["phone", "VIP"]
            input.note = .set("Leave at the back door")
            input.shippingAddress = .set(MailingAddressDraft(city: "Louisville", provinceCode: "KY", countryCode: "US"))
            let draft = try await context.draftOrders.create(shop: stocked.shop, input)
            let bank = try await gateway(context, shop: stocked.shop, named: "Bank Deposit")

            let first = try await context.orders.complete(shop: stocked.shop, draft: draft.id,
                                                          CompletionRequest(paymentGatewayID: bank))
            #expect(!first.wasAlreadyCompleted)
            #expect(first.order.name == "#1001")
            #expect(first.order.financialStatus == .paid)
            #expect(first.order.sourceName == "shopify_draft_order")
            #expect(first.order.calculation.total == 42_188)  // 2 × 199.00 + 6% Kentucky tax
            #expect(first.order.transactions.map(\.gateway) == ["Bank Deposit"])
            #expect(first.order.transactions.map(\.amount.minorUnits) == [42_188])
            #expect(first.draft.status == .completed)
            #expect(first.draft.orderID == first.order.id.rawValue)
            #expect(first.draft.completedAt != nil)
            // Held units become committed.
            #expect(try await stocked.stock(0) == [3, 0, 2])

            let again = try await context.orders.complete(shop: stocked.shop, draft: draft.id, CompletionRequest())
            #expect(again.wasAlreadyCompleted)
            #expect(again.order.id == first.order.id)
            let stored = try #require(try await context.orders.order(shop: stocked.shop, id: first.order.id))
            #expect(stored.snapshot.tags == ["phone", "VIP"])
            #expect(stored.snapshot.note == "Leave at the back door")
            #expect(stored.snapshot.lines.map(\.quantity) == [2])
            #expect(stored.calculation == first.order.calculation)
            #expect(stored.transactions.count == 1)
            #expect(try await stocked.stock(0) == [3, 0, 2])

            // A completed draft is no longer editable.
            var edit = DraftOrderInput()
            edit.note = .set("late change")
            await #expect(throws: ValidationErrors.self) { try await context.draftOrders.update(shop: stocked.shop, id: draft.id, edit) }

            let second = try await context.draftOrders.create(shop: stocked.shop, stocked.input([(1, 1)], until: nil))
            let next = try await context.orders.complete(shop: stocked.shop, draft: second.id, CompletionRequest())
            #expect(next.order.name == "#1002")
            #expect(next.order.transactions.map(\.gateway) == ["manual"])
            // Not reserved, so taken from available at completion.
            #expect(try await stocked.stock(1) == [4, 0, 1])
        }
    }

    @Test("50 concurrent completions of one draft make one order and one transaction", arguments: TestEngine.all)
    func concurrentCompletions(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context)
            let draft = try await context.draftOrders.create(shop: stocked.shop, stocked.input([(0, 1)], until: nil))
            let orders = try await withThrowingTaskGroup(of: OrderID.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await context.orders.complete(shop: stocked.shop, draft: draft.id, CompletionRequest()).order.id
                    }
                }
                return try await group.reduce(into: Set<OrderID>()) { $0.insert($1) }
            }
            #expect(orders.count == 1)
            #expect(try await context.orders.count(shop: stocked.shop, matching: .matchAll, limit: nil) == 1)
            let order = try #require(try await context.orders.order(shop: stocked.shop, id: orders.first!))
            #expect(order.transactions.count == 1)
            #expect(try await stocked.stock(0) == [4, 0, 1])
        }
    }

    @Test("drafts sharing variants, listed in opposite orders, complete concurrently without deadlock", arguments: TestEngine.all)
    func crossingCompletions(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context, quantity: 100)
            var drafts: [DraftOrderID] = []
            for index in 0..<24 {
                let lines = index.isMultiple(of: 2) ? [(0, 1), (1, 1), (2, 1)] : [(2, 1), (1, 1), (0, 1)]
                let until = index % 4 < 2 ? stocked.tomorrow : nil
                drafts.append(try await context.draftOrders.create(shop: stocked.shop, stocked.input(lines, until: until)).id)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for draft in drafts {
                    group.addTask { _ = try await context.orders.complete(shop: stocked.shop, draft: draft, CompletionRequest()) }
                }
                try await group.waitForAll()
            }
            #expect(try await context.orders.count(shop: stocked.shop, matching: .matchAll, limit: nil) == 24)
            for variant in 0..<3 { #expect(try await stocked.stock(variant) == [76, 0, 24]) }
        }
    }

    @Test("a bulk delete of drafts holding stock, racing completions and stock edits of the same variants, does not deadlock",
          arguments: TestEngine.all)
    func bulkDeleteRacingCompletions(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context, quantity: 100)
            var held: [DraftOrderID] = []
            var completing: [DraftOrderID] = []
            for index in 0..<12 {
                let lines = index.isMultiple(of: 2) ? [(0, 1), (1, 1), (2, 1)] : [(2, 1), (1, 1), (0, 1)]
                var input = stocked.input(lines, until: stocked.tomorrow)
                input.tags = index < 6 ? ["bulk"] : []
                let draft = try await context.draftOrders.create(shop: stocked.shop, input)
                if index < 6 { held.append(draft.id) } else { completing.append(draft.id) }
            }
            let bulk = try await context.bulkJobs.enqueue(shop: stocked.shop, action: .delete, ids: nil, search: "tag:bulk", tags: [])
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await context.drainJobs() }
                for draft in completing {
                    group.addTask { _ = try await context.orders.complete(shop: stocked.shop, draft: draft, CompletionRequest()) }
                }
                group.addTask {
                    _ = try await context.catalog.setProduct(shop: stocked.shop, Fixtures.boots(quantity: 150, location: stocked.location),
                                                             identifyingHandle: "winter-boots")
                }
                try await group.waitForAll()
            }
            #expect(try await context.jobs.job(shop: stocked.shop, id: bulk.id)?.status == .done)
            #expect(try await context.orders.count(shop: stocked.shop, matching: .matchAll, limit: nil) == 6)
            for variant in 0..<3 {
                let stock = try await stocked.stock(variant)
                #expect(stock[1] == 0, "nothing held once the held drafts are gone")
                #expect(stock[2] == 6)
            }
        }
    }

    @Test("a customer paying while staff mark the draft paid: one order, one charge", arguments: TestEngine.all)
    func payerAndStaff(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context, quantity: 10)
            let bogus = try await gateway(context, shop: stocked.shop, named: "Bogus Gateway")
            for round in 0..<10 {
                let draft = try await context.draftOrders.create(shop: stocked.shop, stocked.input([(2, 1)], until: nil))
                let card = CompletionRequest(paymentGatewayID: bogus, sourceName: "checkout",
                                             payment: .card(CardDetails(number: "1", name: "Ann", expiry: "12/30", verificationValue: "123")),
                                             idempotencyKey: "checkout-\(round)", expectedVersion: draft.version)
                async let customer = context.orders.complete(shop: stocked.shop, draft: draft.id, card)
                async let staff = context.orders.complete(shop: stocked.shop, draft: draft.id, CompletionRequest())
                let (paid, marked) = try await (customer, staff)
                #expect(paid.order.id == marked.order.id)
                #expect(paid.wasAlreadyCompleted != marked.wasAlreadyCompleted)
                #expect(paid.order.transactions.count == 1)
            }
            #expect(try await context.orders.count(shop: stocked.shop, matching: .matchAll, limit: nil) == 10)
        }
    }

    @Test("a declined card, an unknown gateway, a stale version or missing stock change nothing", arguments: TestEngine.all)
    func refusals(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context, quantity: 2)
            let bogus = try await gateway(context, shop: stocked.shop, named: "Bogus Gateway")
            let draft = try await context.draftOrders.create(shop: stocked.shop, stocked.input([(0, 2)], until: nil))
            func card(_ number: String, version: Int64? = nil) -> CompletionRequest {
                CompletionRequest(paymentGatewayID: bogus, payment: .card(CardDetails(number: number, name: "Ann", expiry: "12/30",
                                                                                       verificationValue: "123")),
                                  idempotencyKey: "key-\(number)", expectedVersion: version)
            }
            for (request, code) in [(card("2"), "PAYMENT_DECLINED"), (card("3"), "PAYMENT_FAILED"),
                                    (card("4242424242424242"), "PAYMENT_DECLINED"), (card("1", version: 99), "STALE"),
                                    (CompletionRequest(paymentGatewayID: PaymentGatewayID(9999)), "INVALID")] {
                let error = await #expect(throws: ValidationErrors.self) {
                    try await context.orders.complete(shop: stocked.shop, draft: draft.id, request)
                }
                #expect(error?.errors.first?.code == code)
            }
            #expect(try await stocked.stock(0) == [2, 0, 0])
            #expect(try await context.orders.count(shop: stocked.shop, matching: .matchAll, limit: nil) == 0)

            // Someone else's order takes a unit: this draft can no longer be completed.
            let other = try await context.draftOrders.create(shop: stocked.shop, stocked.input([(0, 1)], until: nil))
            _ = try await context.orders.complete(shop: stocked.shop, draft: other.id, CompletionRequest())
            let shortfall = await #expect(throws: ValidationErrors.self) {
                try await context.orders.complete(shop: stocked.shop, draft: draft.id, card("1"))
            }
            #expect(shortfall?.errors.first?.code == "INSUFFICIENT_INVENTORY")
            #expect(try await stocked.stock(0) == [1, 0, 1])
            #expect(try await context.draftOrders.draft(shop: stocked.shop, id: draft.id)?.status == .open)

            let approved = try await context.orders.complete(shop: stocked.shop, draft: other.id, card("1"))
            #expect(approved.wasAlreadyCompleted)
        }
    }

    /// The store runs a write again when PostgreSQL ends it to break a deadlock. A completion
    /// whose first attempt had charged the card must not charge a version edited in between
    /// under another key.
    @Test("a completion run again after an edit landed between its attempts refuses as stale, charging nothing new",
          arguments: TestEngine.all)
    func rerunAfterEdit(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context)
            let draft = try await context.draftOrders.create(shop: stocked.shop, stocked.input([(0, 1)], until: nil))
            var twoPairs = DraftOrderInput()
            twoPairs.lineItems = [.init(variantID: stocked.variants[0].id, quantity: 2)]
            let edit = twoPairs
            let rerunning = TestContext(database: context.database, wrapping: { store in
                RerunningStore(base: store) { _ = try await context.draftOrders.update(shop: stocked.shop, id: draft.id, edit) }
            })
            let error = await #expect(throws: ValidationErrors.self) {
                try await rerunning.orders.complete(shop: stocked.shop, draft: draft.id, CompletionRequest())
            }
            #expect(error?.errors.first?.code == "STALE")
            #expect(try await context.orders.count(shop: stocked.shop, matching: .matchAll, limit: nil) == 0)
            // Without an edit in between, the attempt run again completes as the first would have.
            let unedited = TestContext(database: context.database, wrapping: { RerunningStore(base: $0) {} })
            let completion = try await unedited.orders.complete(shop: stocked.shop, draft: draft.id, CompletionRequest())
            #expect(completion.order.snapshot.lines.map(\.quantity) == [2])
        }
    }

    @Test("payment pending and payment terms place pending orders; marking paid records the rest", arguments: TestEngine.all)
    func pending(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context)
            let draft = try await context.draftOrders.create(shop: stocked.shop, stocked.input([(0, 1)], until: nil))
            let pending = try await context.orders.complete(shop: stocked.shop, draft: draft.id,
                                                            CompletionRequest(paymentPending: true))
            #expect(pending.order.financialStatus == .pending)
            #expect(pending.order.transactions.isEmpty)
            #expect(pending.order.totalOutstanding == 21_094)  // 199.00 + 6% (the shop's address)

            let paid = try await context.orders.markAsPaid(shop: stocked.shop, id: pending.order.id)
            #expect(paid.financialStatus == .paid)
            #expect(paid.totalOutstanding == 0)
            #expect(paid.transactions.map(\.amount.minorUnits) == [21_094])
            await #expect(throws: ValidationErrors.self) { try await context.orders.markAsPaid(shop: stocked.shop, id: paid.id) }

            var withTerms = stocked.input([(1, 1)], until: nil)
            withTerms.paymentTerms = .set(.init(templateID: 4, issuedAt: context.clock.now()))
            let termsDraft = try await context.draftOrders.create(shop: stocked.shop, withTerms)
            let termsOrder = try await context.orders.complete(shop: stocked.shop, draft: termsDraft.id, CompletionRequest())
            #expect(termsOrder.order.financialStatus == .pending)

            // Searches by name, status and tag.
            let byStatus = try await context.orders.orders(shop: stocked.shop, matching: SearchQuery(parsing: "financial_status:pending"),
                                                           sortedBy: .id, page: PageRequest(first: 10))
            #expect(byStatus.items.map(\.name) == ["#1002"])
            let byName = try await context.orders.orders(shop: stocked.shop, matching: SearchQuery(parsing: "name:#1001"),
                                                         sortedBy: .id, page: PageRequest(first: 10))
            #expect(byName.items.map(\.id) == [paid.id])

            // A new draft from the order: open, same lines and total, its own name.
            let copy = try await context.draftOrders.createFromOrder(shop: stocked.shop, id: paid.id)
            #expect(copy.status == .open)
            #expect(copy.calculation.total == paid.calculation.total)
            #expect(copy.number != draft.number)
        }
    }

    @Test("units held for a variant that is no longer tracked go back to available at completion", arguments: TestEngine.all)
    func heldButUntracked(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let stocked = try await StockedShop.make(context)
            let draft = try await context.draftOrders.create(shop: stocked.shop, stocked.input([(0, 2)], until: stocked.tomorrow))
            #expect(try await stocked.stock(0) == [3, 2, 0])
            var untracked = Fixtures.boots()
            untracked.id = stocked.variants[0].productID
            for index in untracked.variants?.indices ?? 0..<0 { untracked.variants?[index].tracked = false }
            _ = try await context.catalog.setProduct(shop: stocked.shop, untracked)

            _ = try await context.orders.complete(shop: stocked.shop, draft: draft.id, CompletionRequest())
            // As an edit dropping the hold would have given them back; nothing is committed.
            #expect(try await stocked.stock(0) == [5, 0, 0])
        }
    }
}

/// A store whose first write runs twice, as the store runs a write again after a deadlock:
/// the first attempt is rolled back, `between` runs, and the write runs again.
final class RerunningStore: ForwardingStore {
    private struct RolledBack: Error {}
    let base: SQLStore
    let between: PendingChange

    init(base: SQLStore, between: @escaping @Sendable () async throws -> Void) {
        self.base = base
        self.between = PendingChange(between)
    }

    func write<T: Sendable>(_ work: (any StoreSession) async throws -> T) async throws -> T {
        if let change = between.take() {
            do {
                _ = try await base.write { session -> T in
                    _ = try await work(session)
                    throw RolledBack()
                }
            } catch is RolledBack {}
            try await change()
        }
        return try await base.write(work)
    }
}
