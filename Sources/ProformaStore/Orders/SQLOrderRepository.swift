import Foundation
import ProformaCore
import ProformaServices
import SQLKit

struct SQLOrderRepository: OrderRepository {
    let context: SQLContext

    func nextNumber(shop: ShopID) async throws -> Int64 {
        try await ShopCounter.order.take(shop: shop, first: Order.firstNumber, in: context.db)
    }

    func insert(shop: ShopID, _ record: OrderRecord) async throws -> Order {
        var order = record.order
        let draft = order.snapshot
        let id = try await context.insertReturningID("""
            INSERT INTO orders (shop_id, number, draft_order_id, customer_id, customer_name, email, financial_status,
                source_name, tags, presentment_currency, total_price, body, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: order.number), \(bind: order.draftOrderID?.rawValue),
                \(bind: draft.customerID?.rawValue), \(bind: record.customerName), \(bind: draft.email),
                \(bind: order.financialStatus.rawValue), \(bind: order.sourceName), \(bind: draft.tags.joined(separator: ", ")),
                \(bind: draft.presentmentCurrency.rawValue), \(bind: draft.calculation.shopMoney(draft.calculation.total).minorUnits),
                \(bind: record.document), \(bind: order.createdAt.stored), \(bind: order.updatedAt.stored))
            """)
        order.id = OrderID(id)
        try await TagTable.order.replace(shop: shop.rawValue, owner: id, tags: draft.tags, isNew: true, in: context)
        order.transactions = try await order.transactions.asyncMap { transaction in
            try await insertTransaction(transaction, order: order.id, shop: shop)
        }
        return order
    }

    private func insertTransaction(_ transaction: OrderTransaction, order: OrderID, shop: ShopID) async throws -> OrderTransaction {
        var saved = transaction
        saved.id = OrderTransactionID(try await context.insertReturningID("""
            INSERT INTO order_transactions (shop_id, order_id, kind, status, gateway, amount, currency, test,
                authorization_code, idempotency_key, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: order.rawValue), \(bind: transaction.kind.rawValue),
                \(bind: transaction.status.rawValue), \(bind: transaction.gateway), \(bind: transaction.amount.minorUnits),
                \(bind: transaction.amount.currency.rawValue), \(bind: transaction.isTest), \(bind: transaction.authorizationCode),
                \(bind: transaction.idempotencyKey), \(bind: transaction.createdAt.stored))
            """))
        return saved
    }

    func addTransaction(shop: ShopID, order: OrderID, _ transaction: OrderTransaction,
                        financialStatus: OrderFinancialStatus, at time: Timestamp) async throws -> OrderTransaction {
        try await context.run("""
            UPDATE orders SET financial_status = \(bind: financialStatus.rawValue), updated_at = \(bind: time.stored)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: order.rawValue)
            """)
        return try await insertTransaction(transaction, order: order, shop: shop)
    }

    func order(shop: ShopID, id: OrderID, forUpdate: Bool) async throws -> Order? {
        let lock: SQLQueryString = forUpdate ? context.lockClause : ""
        guard let row = try await context.first("""
            SELECT * FROM orders WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)
            """ + lock) else { return nil }
        return try await assemble([row], shop: shop).first
    }

    func order(shop: ShopID, draft: DraftOrderID) async throws -> Order? {
        guard let row = try await context.first("""
            SELECT * FROM orders WHERE shop_id = \(bind: shop.rawValue) AND draft_order_id = \(bind: draft.rawValue)
            """) else { return nil }
        return try await assemble([row], shop: shop).first
    }

    func orders(shop: ShopID, ids: [OrderID]) async throws -> [Order] {
        guard !ids.isEmpty else { return [] }
        let rows = try await context.all("""
            SELECT * FROM orders WHERE shop_id = \(bind: shop.rawValue) AND id IN (\(binds: ids.map(\.rawValue)))
            """)
        let byID = Dictionary(uniqueKeysWithValues: try await assemble(rows, shop: shop).map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// Order rows with their transactions, loaded in one query.
    private func assemble(_ rows: [any SQLRow], shop: ShopID) async throws -> [Order] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.int64("id") }
        var transactions: [Int64: [OrderTransaction]] = [:]
        for row in try await context.all("""
            SELECT * FROM order_transactions WHERE shop_id = \(bind: shop.rawValue) AND order_id IN (\(binds: ids))
            ORDER BY order_id, id
            """) {
            guard let kind = OrderTransaction.Kind(rawValue: try row.string("kind")),
                  let status = OrderTransaction.Status(rawValue: try row.string("status")),
                  let currency = CurrencyCode(rawValue: try row.string("currency")) else {
                throw SQLStoreError.corruptColumn("order_transactions")
            }
            transactions[try row.int64("order_id"), default: []].append(OrderTransaction(
                id: OrderTransactionID(try row.int64("id")), kind: kind, status: status, gateway: try row.string("gateway"),
                amount: Money(minorUnits: try row.int64("amount"), currency: currency), isTest: try row.bool("test"),
                authorizationCode: try row.optionalString("authorization_code"),
                idempotencyKey: try row.optionalString("idempotency_key"), createdAt: try row.timestamp("created_at")))
        }
        return try rows.map { row in
            let id = try row.int64("id")
            let document = try row.json("body", as: OrderDocument.self)
            guard let status = OrderFinancialStatus(rawValue: try row.string("financial_status")) else {
                throw SQLStoreError.corruptColumn("orders.financial_status")
            }
            let body = document.draft
            let createdAt = try row.timestamp("created_at")
            let draftID = try row.optionalInt64("draft_order_id").map(DraftOrderID.init)
            let snapshot = DraftOrder(
                id: draftID ?? DraftOrderID(0), number: document.draftNumber, status: .completed,
                customerID: try row.optionalInt64("customer_id").map(CustomerID.init), email: try row.optionalString("email"),
                phone: document.phone, note: document.note, poNumber: document.poNumber,
                sourceName: try row.string("source_name"), tags: body.originalTags, customAttributes: body.customAttributes,
                metafields: [], billingAddress: body.billingAddress, shippingAddress: body.shippingAddress,
                lines: document.lines, appliedDiscount: body.appliedDiscount, shippingLine: body.shippingLine,
                taxExempt: body.taxExempt, visibleToCustomer: body.visibleToCustomer,
                allowDiscountCodesInCheckout: body.allowDiscountCodesInCheckout,
                acceptAutomaticDiscounts: body.acceptAutomaticDiscounts, discountCodes: body.discountCodes,
                reserveInventoryUntil: nil, paymentTerms: body.paymentTerms, settings: body.settings, invoiceSentAt: nil,
                completedAt: createdAt, orderID: id, createdAt: createdAt, updatedAt: createdAt, version: 0)
            return Order(id: OrderID(id), number: try row.int64("number"), draftOrderID: draftID, financialStatus: status,
                         sourceName: try row.string("source_name"), snapshot: snapshot, transactions: transactions[id] ?? [],
                         createdAt: createdAt, updatedAt: try row.timestamp("updated_at"))
        }
    }

    static let search = SearchSchema(
        fields: [
            "financial_status": { term, _ in "o.financial_status = \(bind: term.value.uppercased())" },
            "customer_id": SearchPredicates.integer("o.customer_id"),
            "source_name": SearchPredicates.text("o.source_name"),
            "email": SearchPredicates.text("o.email"),
            "created_at": SearchPredicates.timestamp("o.created_at"),
            "updated_at": SearchPredicates.timestamp("o.updated_at"),
            "id": SearchPredicates.integer("o.id"),
            "name": { term, _ in orderNumber(term.value).map { "o.number = \(bind: $0)" } ?? "1 = 0" },
        ],
        orderedTags: .init(table: "order_tags", ownerColumn: "order_id", ownerAlias: "o"),
        freeText: { term, shop in
            let text = freeTextColumns(term, shop)
            guard let number = orderNumber(term.value) else { return text }
            return [text, "o.number = \(bind: number)"].compactMap { $0 }.joined(separator: " OR ")
        })

    private static let freeTextColumns = SearchPredicates.containsAny(["o.customer_name", "o.email", "o.tags"])

    /// The number in an order's name as people type it: `#1001` or `1001`.
    private static func orderNumber(_ text: String) -> Int64? {
        Int64(text.drop { $0 == "#" })
    }

    func orders(shop: ShopID, matching query: SearchQuery, sortedBy sort: OrderSortKey,
                page: PageRequest) async throws -> Page<Order> {
        let (expression, isText): (String?, Bool) = switch sort {
        case .id: (nil, false)
        case .number: ("o.number", false)
        case .createdAt, .processedAt: ("o.created_at", false)
        case .updatedAt: ("o.updated_at", false)
        case .totalPrice: ("o.total_price", false)
        case .customerName: ("o.customer_name", true)
        case .financialStatus: ("o.financial_status", true)
        }
        let (keyset, filter) = Self.search.source(Keyset(from: "orders o", alias: "o", sortExpression: expression, sortIsText: isText),
                                                  for: query, shop: shop.rawValue)
        let result = try await keyset.page(context, select: "o.*", shop: shop.rawValue, filter: filter, request: page)
        return Page(items: try await assemble(result.rows, shop: shop), cursors: result.cursors,
                    hasNextPage: result.hasNext, hasPreviousPage: result.hasPrevious)
    }

    func countOrders(shop: ShopID, matching query: SearchQuery, limit: Int?) async throws -> Int {
        try await Self.search.count(context, from: "orders o", alias: "o", matching: query, shop: shop, limit: limit)
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
