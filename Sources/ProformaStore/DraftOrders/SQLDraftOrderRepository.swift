import Foundation
import ProformaCore
import ProformaJSON
import ProformaServices
import SQLKit

struct SQLDraftOrderRepository: DraftOrderRepository {
    let context: SQLContext

    func assignNumber(shop: ShopID, draft: DraftOrderID) async throws -> Int64 {
        guard let row = try await context.first("""
            UPDATE draft_orders SET number = \(try await DraftNumbers.next(shop: shop, in: context))
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: draft.rawValue)
            RETURNING number
            """) else { throw SQLStoreError.missingReturnedID }
        return try row.int64("number")
    }

    /// The total in the shop's currency, so that drafts in different currencies sort together.
    private static func sortTotal(_ draft: DraftOrder) -> Int64 {
        draft.calculation.shopMoney(draft.calculation.total).minorUnits
    }

    func insert(shop: ShopID, _ record: DraftOrderRecord, numbered: Bool, note: ActivityNote) async throws -> DraftOrder {
        let number = numbered ? try await DraftNumbers.next(shop: shop, in: context) : "\(bind: Self.provisionalNumber())"
        let row = try Self.rowInsertion(shop: shop, record, number: number)
        var draft = if context.kind == .postgres {
            try await insertInOneStatement(row, record: record, note: note, shop: shop)
        } else {
            try await insertAlone(row, record: record, note: note, shop: shop)
        }
        if !numbered { draft.number = record.draft.number }
        return draft
    }

    private func insertAlone(_ row: SQLQueryString, record: DraftOrderRecord, note: ActivityNote,
                             shop: ShopID) async throws -> DraftOrder {
        var draft = record.draft
        let saved = try await context.insertReturning(row, "id, number")
        let id = try saved.int64("id")
        draft.id = DraftOrderID(id)
        draft.number = try saved.int64("number")
        draft.lines = try await writeLines(record.draft.lines, document: try Self.linesDocument(of: record), draft: id, shop: shop)
        try await TagTable.draftOrder.replace(shop: shop.rawValue, owner: id, tags: draft.tags, isNew: true, in: context)
        try await SQLActivityRepository(context: context).record(note.activity(about: .draftOrder(draft.id)), shop: shop)
        return draft
    }

    /// `INSERT INTO draft_orders …` for the record's row alone.
    private static func rowInsertion(shop: ShopID, _ record: DraftOrderRecord, number: SQLQueryString) throws -> SQLQueryString {
        let draft = record.draft
        guard let token = draft.invoiceToken else { throw SQLStoreError.missingValue("draft_orders.invoice_token") }
        return """
            INSERT INTO draft_orders (shop_id, number, status, customer_id, customer_name, email, phone, note, po_number,
                source_name, tags, presentment_currency, total_price, reserve_inventory_until, invoice_token_hash,
                invoice_token_sealed, body, invoice_sent_at, completed_at, order_id, created_at, updated_at, version)
            VALUES (\(bind: shop.rawValue), \(number), \(bind: draft.status.rawValue),
                \(bind: draft.customerID?.rawValue), \(bind: record.customerName), \(bind: draft.email), \(bind: draft.phone),
                \(bind: draft.note), \(bind: draft.poNumber), \(bind: draft.sourceName), \(bind: draft.tags.joined(separator: ", ")),
                \(bind: draft.presentmentCurrency.rawValue), \(bind: Self.sortTotal(draft)),
                \(bind: draft.reserveInventoryUntil?.stored), \(bind: token.hash),
                \(bind: token.sealed), \(bind: record.document),
                \(bind: draft.invoiceSentAt?.stored),
                \(bind: draft.completedAt?.stored), \(bind: draft.orderID), \(bind: draft.createdAt.stored),
                \(bind: draft.updatedAt.stored), \(bind: draft.version))
            """
    }

    /// Unique among a shop's drafts (the column is) until `assignNumber` replaces it, and never a real number.
    private static func provisionalNumber() -> Int64 {
        -Int64.random(in: 1...Int64.max)
    }

    func update(shop: ShopID, _ record: DraftOrderRecord, expectedVersion: Int64, note: ActivityNote?) async throws -> DraftOrder? {
        // `DraftMemory` relies on it: a changed draft is a later version.
        guard record.draft.version > expectedVersion else { throw SQLStoreError.versionNotAdvanced("draft_orders.version") }
        let row = Self.rowUpdate(shop: shop, record, expectedVersion: expectedVersion)
        if context.kind == .postgres { return try await updateInOneStatement(row, record: record, note: note, shop: shop) }
        var draft = record.draft
        guard !(try await context.all(row + " RETURNING id")).isEmpty else { return nil }
        if let document = record.linesDocument {
            draft.lines = try await writeLines(record.draft.lines, document: document, draft: draft.id.rawValue, shop: shop)
        }
        try await TagTable.draftOrder.replace(shop: shop.rawValue, owner: draft.id.rawValue, tags: draft.tags, in: context)
        if let note { try await SQLActivityRepository(context: context).record(note.activity(about: .draftOrder(draft.id)), shop: shop) }
        return draft
    }

    /// `UPDATE draft_orders …` of the record's row alone, if it is still at `expectedVersion`.
    private static func rowUpdate(shop: ShopID, _ record: DraftOrderRecord, expectedVersion: Int64) -> SQLQueryString {
        let draft = record.draft
        return """
            UPDATE draft_orders SET status = \(bind: draft.status.rawValue), customer_id = \(bind: draft.customerID?.rawValue),
                customer_name = \(bind: record.customerName), email = \(bind: draft.email), phone = \(bind: draft.phone),
                note = \(bind: draft.note), po_number = \(bind: draft.poNumber), source_name = \(bind: draft.sourceName),
                tags = \(bind: draft.tags.joined(separator: ", ")), presentment_currency = \(bind: draft.presentmentCurrency.rawValue),
                total_price = \(bind: Self.sortTotal(draft)), reserve_inventory_until = \(bind: draft.reserveInventoryUntil?.stored),
                body = \(bind: record.document), invoice_sent_at = \(bind: draft.invoiceSentAt?.stored),
                completed_at = \(bind: draft.completedAt?.stored), order_id = \(bind: draft.orderID),
                updated_at = \(bind: draft.updatedAt.stored), version = \(bind: draft.version)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: draft.id.rawValue) AND version = \(bind: expectedVersion)
            """
    }

    /// A new draft's lines as the record encoded them; every new draft's lines are new.
    static func linesDocument(of record: DraftOrderRecord) throws -> String {
        guard let document = record.linesDocument else { throw SQLStoreError.missingValue("draft_order_line_lists.lines") }
        return document
    }

    /// Writes `lines`, with new ids, as their draft's row of lines (`document` being their
    /// documents, see `DraftLineList`), over the row the draft had, and returns them. On SQLite,
    /// where this runs, the draft's id is the row's key (see `Schema.draftLinesAsOneRow`).
    private func writeLines(_ lines: [DraftOrderLine], document: String, draft: Int64,
                            shop: ShopID) async throws -> [DraftOrderLine] {
        var lines = lines
        let firstID = lines.isEmpty ? 0 : try await DraftLineIDs.take(lines.count, in: context.db)
        for index in lines.indices { lines[index].id = DraftOrderLineID(firstID + Int64(index)) }
        try await context.run("""
            INSERT INTO draft_order_line_lists (shop_id, draft_order_id, ids, lines)
            VALUES (\(bind: shop.rawValue), \(bind: draft), \(bind: DraftLineList.idsText(lines)), \(bind: document))
            ON CONFLICT (draft_order_id) DO UPDATE SET ids = excluded.ids, lines = excluded.lines
            """)
        return lines
    }

    func draft(shop: ShopID, id: DraftOrderID, forUpdate: Bool, lines: Bool) async throws -> DraftOrder? {
        let lock: SQLQueryString = forUpdate ? context.lockClause : ""
        guard let row = try await context.first(wholeRows + """
             WHERE d.shop_id = \(bind: shop.rawValue) AND d.id = \(bind: id.rawValue)
            """ + lock) else { return nil }
        return try await assemble([row], shop: shop, lines: lines).first
    }

    func draft(shop: ShopID, invoiceTokenHash: String) async throws -> DraftOrder? {
        guard let row = try await context.first(wholeRows + """
             WHERE d.invoice_token_hash = \(bind: invoiceTokenHash) AND d.shop_id = \(bind: shop.rawValue)
            """) else { return nil }
        return try await assemble([row], shop: shop).first
    }

    func drafts(shop: ShopID, ids: [DraftOrderID]) async throws -> [DraftOrder] {
        guard !ids.isEmpty else { return [] }
        let rows = try await context.all(wholeRows + """
             WHERE d.shop_id = \(bind: shop.rawValue) AND d.id IN (\(binds: ids.map(\.rawValue)))
            """)
        let byID = Dictionary(uniqueKeysWithValues: try await assemble(rows, shop: shop).map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// `SELECT` of whole draft rows (`d`) with their metafields, for a `WHERE` to follow.
    private var wholeRows: SQLQueryString {
        "SELECT d.*, " + SQLMetafieldRepository.listColumn(ownerType: "DraftOrder", owner: "d", kind: context.kind)
            + " FROM draft_orders d"
    }

    /// `wholeRows` with each draft's row of lines, read by the same statement.
    private var wholeRowsWithLines: SQLQueryString {
        "SELECT d.*, l.ids AS line_ids, l.lines AS line_list, "
            + SQLMetafieldRepository.listColumn(ownerType: "DraftOrder", owner: "d", kind: context.kind) + """
             FROM draft_orders d LEFT JOIN draft_order_line_lists l ON l.shop_id = d.shop_id AND l.draft_order_id = d.id
            """
    }

    /// Whole draft rows with their lines (unless told not to), loaded in one query for the drafts
    /// that `DraftMemory` does not already hold at the version their row shows.
    private func assemble(_ rows: [any SQLRow], shop: ShopID, lines withLines: Bool = true) async throws -> [DraftOrder] {
        guard !rows.isEmpty else { return [] }
        // A draft read without its lines is not whole, so it is neither looked up nor kept.
        let memory = withLines ? context.drafts : nil
        var (ids, known, unknown) = try recall(rows, shop: shop, from: memory)
        if !unknown.isEmpty {
            for draft in try await load(unknown, shop: shop, lines: withLines) {
                known[draft.id.rawValue] = draft
                if withLines { keep(draft, shop: shop) }
            }
        }
        // A draft deleted between the statements is left out, as a page leaves it out.
        return ids.compactMap { known[$0] }
    }

    /// The drafts of rows that carry only `versionColumns`, in their order: from memory where it
    /// holds them as they are, the others read whole. A page then reads and decodes the rest of
    /// a row (its body, addresses and amounts) only for drafts memory does not hold.
    ///
    /// The second read need not share the first one's snapshot (`Store.readLatest`): each draft
    /// is read whole, row and lines, by one statement, so it is always one version of itself,
    /// perhaps a later one than the page saw; a draft deleted in between is left out.
    private func drafts(current rows: [any SQLRow], shop: ShopID) async throws -> [DraftOrder] {
        var (ids, known, unknown) = try recall(rows, shop: shop, from: context.drafts)
        if !unknown.isEmpty {
            for draft in try await whole(try unknown.map { try $0.int64("id") }, shop: shop, decoder: JSONDocumentDecoder()) {
                known[draft.id.rawValue] = draft
                keep(draft, shop: shop)
            }
        }
        return ids.compactMap { known[$0] }
    }

    /// The drafts `ids` read whole, each row with its lines by one statement, so that each is one
    /// version of itself; those deleted meanwhile are not there.
    private func whole(_ ids: [Int64], shop: ShopID, decoder: JSONDocumentDecoder) async throws -> [DraftOrder] {
        try await context.all(wholeRowsWithLines + """
             WHERE d.shop_id = \(bind: shop.rawValue) AND d.id IN (\(binds: ids))
            """).map { try Self.draft(from: $0, lines: try Self.lines(in: $0, decoder: decoder)) }
    }

    /// Keeps a draft read whole in `DraftMemory`, unless a write read it: a version written and
    /// then rolled back must never be kept.
    private func keep(_ draft: DraftOrder, shop: ShopID) {
        if !context.isWrite { context.drafts.remember(draft, shop: shop) }
    }

    /// The rows' ids in order, the drafts `memory` holds at the version and invoice token their
    /// rows show, and the rows of the others.
    private func recall(_ rows: [any SQLRow], shop: ShopID, from memory: DraftMemory?) throws
        -> (ids: [Int64], known: [Int64: DraftOrder], unknown: [any SQLRow]) {
        var known = [Int64: DraftOrder](minimumCapacity: rows.count)
        guard let memory else { return (try rows.map { try $0.int64("id") }, known, rows) }
        let versions = try rows.map { row in
            DraftMemory.RowVersion(id: try row.int64("id"), version: try row.int64("version"),
                                   tokenHash: try row.string("invoice_token_hash"))
        }
        var unknown: [any SQLRow] = []
        for (row, (version, draft)) in zip(rows, zip(versions, memory.drafts(shop: shop, rows: versions))) {
            if let draft { known[version.id] = draft } else { unknown.append(row) }
        }
        return (versions.map(\.id), known, unknown)
    }

    /// The drafts of whole rows, with their lines unless told not to.
    ///
    /// The lines come from a statement of their own, so that a draft `DraftMemory` holds costs
    /// no lines read. Outside a snapshot (PostgreSQL's reads before a write, `Store.readLatest`,
    /// lookups) that statement may see a later version than the row did: each line row comes
    /// with its draft's version, and a draft that moved in between is read again whole, row and
    /// lines, by one statement. A draft is thus always one version of itself, never a row of one
    /// version with the lines of the next, which memory would then hold under the first.
    private func load(_ rows: [any SQLRow], shop: ShopID, lines withLines: Bool) async throws -> [DraftOrder] {
        guard withLines else { return try rows.map { try Self.draft(from: $0, lines: []) } }
        let decoder = JSONDocumentDecoder()
        var current: [Int64: (version: Int64, row: any SQLRow)] = [:]
        for row in try await context.all("""
            SELECT d.id, d.version, l.ids AS line_ids, l.lines AS line_list FROM draft_orders d
            LEFT JOIN draft_order_line_lists l ON l.shop_id = d.shop_id AND l.draft_order_id = d.id
            WHERE d.shop_id = \(bind: shop.rawValue) AND d.id IN (\(binds: try rows.map { try $0.int64("id") }))
            """) {
            current[try row.int64("id")] = (try row.int64("version"), row)
        }
        var drafts: [DraftOrder] = []
        var moved: [Int64] = []
        for row in rows {
            let id = try row.int64("id")
            guard let lines = current[id], lines.version == (try row.int64("version")) else {
                moved.append(id)
                continue
            }
            drafts.append(try Self.draft(from: row, lines: try Self.lines(in: lines.row, decoder: decoder)))
        }
        guard !moved.isEmpty else { return drafts }
        return drafts + (try await whole(moved, shop: shop, decoder: decoder))
    }

    /// The lines in a row's `line_ids` and `line_list` columns; none when the row has no row of
    /// lines to join.
    private static func lines(in row: any SQLRow, decoder: JSONDocumentDecoder) throws -> [DraftOrderLine] {
        try DraftLineList.lines(ids: try row.optionalString("line_ids") ?? "",
                                document: try row.optionalString("line_list") ?? "[]", decoder: decoder)
    }

    /// The draft of a whole row, with its lines.
    private static func draft(from row: any SQLRow, lines: [DraftOrderLine]) throws -> DraftOrder {
        let id = try row.int64("id")
        let body = try row.json("body", as: DraftOrderDocument.self)
        guard let status = DraftOrderStatus(rawValue: try row.string("status")) else {
            throw SQLStoreError.corruptColumn("draft_orders.status")
        }
        return DraftOrder(
            id: DraftOrderID(id), number: try row.int64("number"), status: status,
            customerID: try row.optionalInt64("customer_id").map(CustomerID.init), email: try row.optionalString("email"),
            phone: try row.optionalString("phone"), note: try row.optionalString("note"),
            poNumber: try row.optionalString("po_number"), sourceName: try row.optionalString("source_name"),
            tags: body.originalTags, customAttributes: body.customAttributes,
            metafields: try SQLMetafieldRepository.list(in: row),
            billingAddress: body.billingAddress, shippingAddress: body.shippingAddress, lines: lines,
            appliedDiscount: body.appliedDiscount, shippingLine: body.shippingLine, taxExempt: body.taxExempt,
            visibleToCustomer: body.visibleToCustomer, allowDiscountCodesInCheckout: body.allowDiscountCodesInCheckout,
            acceptAutomaticDiscounts: body.acceptAutomaticDiscounts, discountCodes: body.discountCodes,
            reserveInventoryUntil: try row.optionalTimestamp("reserve_inventory_until"), paymentTerms: body.paymentTerms,
            settings: body.settings, invoiceSentAt: try row.optionalTimestamp("invoice_sent_at"),
            completedAt: try row.optionalTimestamp("completed_at"), orderID: try row.optionalInt64("order_id"),
            createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"),
            version: try row.int64("version"), invoiceToken: StoredInvoiceToken(
                hash: try row.string("invoice_token_hash"), sealed: try row.string("invoice_token_sealed")))
    }

    static let search = SearchSchema(
        fields: [
            // A status is written into the statement, not bound: PostgreSQL then plans it once per
            // connection. Bound, its generic plan guessed a third of the drafts per status, cost
            // twice the plan for `OPEN`, and every search was planned afresh (0.17-0.3 ms of its CPU).
            // The text is one of the enum's own values, never the client's.
            "status": { term, _ in
                guard let status = DraftOrderStatus(rawValue: term.value.uppercased()) else { return "1 = 0" }
                return "d.status = '\(unsafeRaw: status.rawValue)'"
            },
            "customer_id": SearchPredicates.integer("d.customer_id"),
            "source": SearchPredicates.text("d.source_name"),
            "email": SearchPredicates.text("d.email"),
            "created_at": SearchPredicates.timestamp("d.created_at"),
            "updated_at": SearchPredicates.timestamp("d.updated_at"),
            "id": SearchPredicates.integer("d.id"),
            "name": { term, _ in draftNumber(term.value).map { "d.number = \(bind: $0)" } ?? "1 = 0" },
            "ids": { term, _ in
                let ids = term.value.split(separator: ",").compactMap { Int64($0.split(separator: "/").last ?? "") }
                return ids.isEmpty ? "1 = 0" : "d.id IN (\(binds: ids))"
            },
        ],
        orderedTags: .init(table: "draft_order_tags", ownerColumn: "draft_order_id", ownerAlias: "d"),
        freeText: { term, shop in
            let text = freeTextColumns(term, shop)
            guard let number = draftNumber(term.value) else { return text }
            return [text, "d.number = \(bind: number)"].compactMap { $0 }.joined(separator: " OR ")
        })

    private static let freeTextColumns = SearchPredicates.containsAny(["d.customer_name", "d.email", "d.tags", "d.po_number"])

    /// The number in a draft's name as people type it: `#D12`, `D12` or `12`.
    private static func draftNumber(_ text: String) -> Int64? {
        Int64(text.drop { $0 == "#" || $0 == "D" || $0 == "d" })
    }

    func drafts(shop: ShopID, matching query: SearchQuery, sortedBy sort: DraftOrderSortKey,
                page: PageRequest) async throws -> Page<DraftOrder> {
        let (keyset, filter) = Self.source(of: query, sortedBy: sort, shop: shop.rawValue)
        let result = try await keyset.page(context, select: Self.versionColumns, shop: shop.rawValue, filter: filter, request: page)
        return Page(items: try await drafts(current: result.rows, shop: shop), cursors: result.cursors,
                    hasNextPage: result.hasNext, hasPreviousPage: result.hasPrevious)
    }

    /// The columns that tell whether a remembered draft is still the stored one (see `DraftMemory`).
    private static let versionColumns: SQLQueryString = "d.id, d.version, d.invoice_token_hash"

    /// Where a search's page is read from, and the filter on it.
    private static func source(of query: SearchQuery, sortedBy sort: DraftOrderSortKey,
                               shop: Int64) -> (Keyset, SQLQueryString?) {
        let (expression, isText): (String?, Bool) = switch sort {
        case .id: (nil, false)
        case .number: ("d.number", false)
        case .updatedAt: ("d.updated_at", false)
        case .totalPrice: ("d.total_price", false)
        case .customerName: ("d.customer_name", true)
        case .status: ("d.status", true)
        }
        return search.source(Keyset(from: "draft_orders d", alias: "d", sortExpression: expression, sortIsText: isText),
                             for: query, shop: shop)
    }

    /// The SQL the first page of a search runs (for EXPLAIN in tests and the README).
    static func searchSQL(shop: Int64, query: SearchQuery) -> SQLQueryString {
        let (keyset, filter) = source(of: query, sortedBy: .id, shop: shop)
        return keyset.query(select: "d.id", shop: shop, filter: filter, request: PageRequest(first: 50))
    }

    func countDrafts(shop: ShopID, matching query: SearchQuery, limit: Int?) async throws -> Int {
        try await Self.search.count(context, from: "draft_orders d", alias: "d", matching: query, shop: shop, limit: limit)
    }

    func draftIDs(shop: ShopID, matching query: SearchQuery, after: DraftOrderID?,
                  limit: Int) async throws -> [DraftOrderID] {
        var sql: SQLQueryString = "SELECT d.id FROM draft_orders d WHERE d.shop_id = \(bind: shop.rawValue)"
        if let filter = Self.search.predicate(for: query, shop: shop.rawValue) { sql = sql + " AND (" + filter + ")" }
        if let after { sql = sql + " AND d.id > \(bind: after.rawValue)" }
        return try await context.all(sql + " ORDER BY d.id LIMIT \(literal: limit)").map { DraftOrderID(try $0.int64("id")) }
    }

    func delete(shop: ShopID, id: DraftOrderID) async throws -> Bool {
        let rows = try await context.all("""
            DELETE FROM draft_orders WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue) RETURNING id
            """)
        return !rows.isEmpty
    }

    func tag(shop: ShopID, handle: String) async throws -> String? {
        guard let row = try await context.first("""
            SELECT d.tags FROM draft_order_tags t JOIN draft_orders d ON d.shop_id = t.shop_id AND d.id = t.draft_order_id
            WHERE t.shop_id = \(bind: shop.rawValue) AND t.tag = \(bind: handle.lowercased()) LIMIT 1
            """) else { return nil }
        return Tags.normalize([try row.string("tags")]).first { $0.lowercased() == handle.lowercased() }
    }
}
