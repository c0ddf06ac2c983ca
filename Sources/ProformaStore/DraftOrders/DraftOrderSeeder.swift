import Foundation
import ProformaCore
import ProformaServices
import SQLKit

/// Fills a shop with many realistic drafts quickly, for measuring searches on a big table
/// (`proforma dev seed-drafts`). It writes rows directly, a thousand drafts per statement,
/// bypassing the use cases; every draft is still a valid, calculated one.
public struct DraftOrderSeeder: Sendable {
    public static let tags = ["wholesale", "retail", "phone", "email", "rush", "vip", "quote", "reorder", "gift", "b2b",
                              "trade-show", "follow-up", "net30", "sample", "priority", "export", "promo", "custom",
                              "engraving", "fragile"]
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Adds `count` drafts to the shop and returns how many it wrote. Statuses are 60% open,
    /// 20% invoice sent, 20% completed; each draft has up to two tags from `tags`, chosen so
    /// that a tag is on about one draft in ten; nine drafts in ten belong to one of the shop's
    /// customers, in turn.
    public func seed(shop: ShopID, count: Int, batchSize: Int = 1000, issueToken: @Sendable () -> StoredInvoiceToken,
                     progress: @Sendable (Int) -> Void = { _ in }) async throws -> Int {
        let currency = try await database.read { db in
            try await db.raw("SELECT currency FROM shops WHERE id = \(bind: shop.rawValue)").first()
                .flatMap { CurrencyCode(rawValue: try $0.decode(column: "currency", as: String.self)) }
        }
        guard let currency else { throw SQLStoreError.corruptColumn("shops.currency") }
        let customers = try await database.read { db in
            try await db.raw("""
                SELECT id, first_name, last_name, email FROM customers WHERE shop_id = \(bind: shop.rawValue) ORDER BY id
                """).all().map { row in
                let name = [try row.optionalString("first_name"), try row.optionalString("last_name")]
                    .compactMap { $0 }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
                return (id: CustomerID(try row.decode(column: "id", as: Int64.self)),
                        name: name.isEmpty ? try row.optionalString("email") ?? "" : name)
            }
        }
        var written = 0
        var random = SystemRandomNumberGenerator()
        let start = Timestamp(iso8601: "2024-01-01T00:00:00Z")!
        while written < count {
            let size = min(batchSize, count - written)
            try await database.transaction { db in
                let numbers = try await DraftNumbers.take(size, shop: shop, kind: database.kind, in: db)
                var drafts: [SQLQueryString] = []
                var details: [(number: Int64, body: String, tags: [String])] = []
                for offset in 0..<size {
                    let number = numbers[offset]
                    let quantity = Int64.random(in: 1...5, using: &random)
                    let price = Money(minorUnits: Int64.random(in: 500...50_000, using: &random), currency: currency)
                    let settings = CalculationSettings(conversion: CurrencyConversion(shopCurrency: currency, presentment: nil))
                    let calculation = DraftCalculator.calculate(CalculationInput(
                        conversion: settings.conversion,
                        lines: [.init(title: "Item \(number % 100)", price: .custom(price), quantity: Int(quantity))]))
                    let roll = Int.random(in: 0..<10, using: &random)
                    let status: DraftOrderStatus = roll < 6 ? .open : (roll < 8 ? .invoiceSent : .completed)
                    let tags = Self.tags.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)).map { $0 }
                    let created = start.adding(seconds: Int64(number) * 37)
                    let customer = customers.isEmpty || number % 10 == 0 ? nil : customers[Int(number) % customers.count]
                    let line = DraftOrderLine(
                        id: DraftOrderLineID(0), uuid: nil, source: .custom(price), title: "Item \(number % 100)",
                        variantTitle: nil, sku: nil, vendor: nil, quantity: Int(quantity), taxable: true,
                        requiresShipping: true, weight: .grams(0), isGiftCard: false, priceOverride: nil,
                        appliedDiscount: nil, customAttributes: [])
                    let record = DraftOrderRecord(draft: DraftOrder(
                        id: DraftOrderID(0), number: number, status: status, customerID: customer?.id, email: nil, phone: nil,
                        note: nil, poNumber: nil, sourceName: nil, tags: tags, customAttributes: [], metafields: [],
                        billingAddress: nil, shippingAddress: nil, lines: [line], appliedDiscount: nil, shippingLine: nil,
                        taxExempt: false, visibleToCustomer: false, allowDiscountCodesInCheckout: false,
                        acceptAutomaticDiscounts: false, discountCodes: [], reserveInventoryUntil: nil, paymentTerms: nil,
                        settings: settings, invoiceSentAt: nil, completedAt: nil, orderID: nil, createdAt: created,
                        updatedAt: created, version: 1, invoiceToken: issueToken()), customerName: customer?.name ?? "")
                    drafts.append("""
                        (\(bind: shop.rawValue), \(bind: number), \(bind: status.rawValue), \(bind: customer?.id.rawValue), \
                        \(bind: record.customerName), \
                        \(bind: tags.joined(separator: ", ")), \(bind: currency.rawValue), \(bind: calculation.total), \
                        \(bind: record.draft.invoiceToken!.hash), \(bind: record.draft.invoiceToken!.sealed), \
                        \(bind: record.document), \(bind: created.stored), \(bind: created.stored), 1)
                        """)
                    details.append((number, try SQLDraftOrderRepository.linesDocument(of: record), tags))
                }
                let ids = try await db.raw("""
                    INSERT INTO draft_orders (shop_id, number, status, customer_id, customer_name, tags, presentment_currency, total_price,
                        invoice_token_hash, invoice_token_sealed, body, created_at, updated_at, version) VALUES
                    """ + drafts.joined(separator: ", ") + " RETURNING id, number").all()
                var idByNumber: [Int64: Int64] = [:]
                for row in ids { idByNumber[try row.decode(column: "number", as: Int64.self)] = try row.decode(column: "id", as: Int64.self) }
                // Lines and tags in chunks that stay under both engines' limits on bound values.
                for chunk in stride(from: 0, to: details.count, by: 500) {
                    let slice = details[chunk..<min(chunk + 500, details.count)]
                    // Each draft has one line, whose id comes from where the store takes them (see `DraftLineList`).
                    let firstID = database.kind == .sqlite ? try await DraftLineIDs.take(slice.count, in: db) : nil
                    let lines = slice.enumerated().map { offset, detail -> SQLQueryString in
                        let id: SQLQueryString = firstID.map { "\(bind: String($0 + Int64(offset)))" }
                            ?? "nextval('draft_order_line_ids')::text"
                        return "(\(bind: shop.rawValue), \(bind: idByNumber[detail.number]!), \(id), \(bind: detail.body))"
                    }
                    try await db.raw("INSERT INTO draft_order_line_lists (shop_id, draft_order_id, ids, lines) VALUES "
                                     + lines.joined(separator: ", ")).run()
                    let tagRows = slice.flatMap { detail in
                        detail.tags.map { "(\(bind: shop.rawValue), \(bind: $0), \(bind: idByNumber[detail.number]!))" as SQLQueryString }
                    }
                    if !tagRows.isEmpty {
                        try await db.raw("INSERT INTO draft_order_tags (shop_id, tag, draft_order_id) VALUES "
                                         + tagRows.joined(separator: ", ")).run()
                    }
                }
            }
            written += size
            progress(written)
        }
        return written
    }

    /// How the database would run `query`: EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite.
    public static func explain(_ database: Database, shop: ShopID, query: String) async throws -> String {
        let sql = SQLDraftOrderRepository.searchSQL(shop: shop.rawValue, query: SearchQuery(parsing: query))
        return try await database.read { db in
            switch database.kind {
            case .postgres:
                return try await db.raw("EXPLAIN " + sql).all()
                    .map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
            case .sqlite:
                return try await db.raw("EXPLAIN QUERY PLAN " + sql).all()
                    .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
            }
        }
    }

    /// Settles the database after a bulk load, as one would before serving from it: refreshes
    /// the planner's statistics and, on PostgreSQL, vacuums (so that index-only scans need not
    /// visit the new rows, and autovacuum does not do it later) and writes the loaded pages out
    /// (else the next checkpoint writes them while the first searches run).
    public static func settle(_ database: Database) async throws {
        guard database.kind == .postgres else { return try await database.execute("ANALYZE") }
        try await database.execute("VACUUM (ANALYZE)")
        // Only for superusers and pg_checkpoint; without it the load is still complete and correct.
        try? await database.execute("CHECKPOINT")
    }
}
