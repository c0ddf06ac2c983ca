import ProformaCore
import ProformaServices
import SQLKit

/// On PostgreSQL a draft's row, its lines and its tag rows (and a new draft's timeline line) are
/// written by one statement.
///
/// Each statement is a round trip, and on creates the round trips (postgres-nio's channel and
/// the socket calls under it) were about a third of the server's CPU. The lines go in as three
/// arrays `unnest` turns into rows, so the statement's text is the same for any number of lines
/// and stays prepared.
///
/// Every part hangs off the `draft` row the statement wrote: when an update finds the draft at
/// another version, `draft` is empty and neither lines nor tags are touched.
extension SQLDraftOrderRepository {
    func insertInOneStatement(_ row: SQLQueryString, record: DraftOrderRecord, note: ActivityNote,
                              shop: ShopID) async throws -> DraftOrder {
        let timeline = SQLActivityRepository.insertion(of: note, about: ActivitySubject.draftOrder(record.draft.id).type,
                                                       from: "draft", shop: shop)
        let rows = try await context.all("""
            WITH draft AS (\(row) RETURNING id, number), \(Self.linesInsertion(record, shop: shop)),
            \(Self.tagsInsertion(TagTable.keys(record.draft.tags), shop: shop)),
            timeline AS (\(timeline))
            \(Self.savedIDs)
            """)
        guard let saved = try saved(record.draft, rows: rows, linesWritten: true) else { throw SQLStoreError.missingReturnedID }
        return saved
    }

    func updateInOneStatement(_ row: SQLQueryString, record: DraftOrderRecord, shop: ShopID) async throws -> DraftOrder? {
        let rewritesLines = record.draft.rewritesLines
        let keys = TagTable.keys(record.draft.tags)
        // The sub-statements share one snapshot and touch disjoint rows: the old lines are not the
        // new ones, and only tags the draft no longer has are deleted, so a kept one never conflicts.
        let lines: SQLQueryString = rewritesLines ? """
            old_lines AS (
                DELETE FROM draft_order_lines
                WHERE shop_id = \(bind: shop.rawValue) AND draft_order_id IN (SELECT id FROM draft)
            ), \(Self.linesInsertion(record, shop: shop)),
            """ : ""
        let rows = try await context.all("""
            WITH draft AS (\(row) RETURNING id, number), \(lines)
            old_tags AS (
                DELETE FROM draft_order_tags
                WHERE shop_id = \(bind: shop.rawValue) AND draft_order_id IN (SELECT id FROM draft) AND tag <> ALL(\(bind: keys)::text[])
            ),
            \(Self.tagsInsertion(keys, shop: shop))
            \(rewritesLines ? Self.savedIDs : "SELECT draft.id, draft.number FROM draft")
            """)
        return try saved(record.draft, rows: rows, linesWritten: rewritesLines)
    }

    /// The `tags` part: a row per tag key the `draft` row lacks (a new draft lacks them all).
    private static func tagsInsertion(_ keys: [String], shop: ShopID) -> SQLQueryString {
        """
        tags AS (
            INSERT INTO draft_order_tags (shop_id, draft_order_id, tag)
            SELECT \(bind: shop.rawValue), draft.id, tag FROM draft, unnest(\(bind: keys)::text[]) AS tag
            ON CONFLICT DO NOTHING
        )
        """
    }

    /// The `lines` part: the record's lines, in order, under the `draft` row's id.
    private static func linesInsertion(_ record: DraftOrderRecord, shop: ShopID) -> SQLQueryString {
        let lines = record.draft.lines
        // A line without a variant goes in as 0, which `NULLIF` turns back into NULL: the arrays are of plain integers.
        let variants = lines.map { $0.variantID?.rawValue ?? 0 }
        let quantities = lines.map { Int64($0.quantity) }
        return """
            lines AS (
                INSERT INTO draft_order_lines (shop_id, draft_order_id, position, variant_id, quantity, body)
                SELECT \(bind: shop.rawValue), draft.id, line.ordinality - 1, NULLIF(line.variant_id, 0), line.quantity, line.body
                FROM draft, unnest(\(bind: variants)::int8[], \(bind: quantities)::int8[], \(bind: record.lineDocuments)::text[])
                    WITH ORDINALITY AS line (variant_id, quantity, body, ordinality)
                RETURNING id, position
            )
            """
    }

    /// The draft's id and number, and its lines' ids in order: one row, as decoding a row per
    /// line cost a twentieth of a 499-line update.
    private static let savedIDs: SQLQueryString = """
        SELECT draft.id, draft.number, ARRAY(SELECT lines.id FROM lines ORDER BY lines.position) AS line_ids FROM draft
        """

    /// The draft with the ids and number the statement returned; nil when it wrote no draft row.
    private func saved(_ draft: DraftOrder, rows: [any SQLRow], linesWritten: Bool) throws -> DraftOrder? {
        guard let row = rows.first else { return nil }
        var saved = draft
        saved.id = DraftOrderID(try row.int64("id"))
        saved.number = try row.int64("number")
        guard linesWritten else { return saved }
        let ids = try row.decode(column: "line_ids", as: [Int64].self)
        guard ids.count == saved.lines.count else { throw SQLStoreError.missingReturnedID }
        for (index, id) in ids.enumerated() { saved.lines[index].id = DraftOrderLineID(id) }
        return saved
    }
}
