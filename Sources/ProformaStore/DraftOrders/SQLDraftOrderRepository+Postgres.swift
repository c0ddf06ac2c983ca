import ProformaCore
import ProformaServices
import SQLKit

/// On PostgreSQL a draft's row, its lines, its tag rows and its timeline line are written by one
/// statement.
///
/// Each statement is a round trip, and on creates the round trips (postgres-nio's channel and
/// the socket calls under it) were about a third of the server's CPU. The lines are one row (see
/// `DraftLineList`) whose ids the statement takes from their sequence, so its text is the same
/// for any number of lines and stays prepared.
///
/// Every part hangs off the `draft` row the statement wrote: when an update finds the draft at
/// another version, `draft` is empty and neither lines nor tags are touched.
extension SQLDraftOrderRepository {
    func insertInOneStatement(_ row: SQLQueryString, record: DraftOrderRecord, note: ActivityNote,
                              shop: ShopID) async throws -> DraftOrder {
        let timeline = SQLActivityRepository.insertion(of: note, about: ActivitySubject.draftOrder(record.draft.id).type,
                                                       from: "draft", shop: shop)
        let rows = try await context.all("""
            WITH draft AS (\(row) RETURNING id, number), \(Self.linesInsertion(try Self.linesDocument(of: record),
                                                                           count: record.draft.lines.count, shop: shop)),
            \(Self.tagsInsertion(TagTable.keys(record.draft.tags), shop: shop)),
            timeline AS (\(timeline))
            \(Self.savedIDs)
            """)
        guard let saved = try saved(record.draft, rows: rows, linesWritten: true) else { throw SQLStoreError.missingReturnedID }
        return saved
    }

    func updateInOneStatement(_ row: SQLQueryString, record: DraftOrderRecord, note: ActivityNote?,
                              shop: ShopID) async throws -> DraftOrder? {
        let rewritesLines = record.linesDocument != nil
        let keys = TagTable.keys(record.draft.tags)
        // The sub-statements share one snapshot and touch disjoint rows: only tags the draft no
        // longer has are deleted, so a kept one never conflicts.
        let lines: SQLQueryString = record.linesDocument.map {
            "\(Self.linesInsertion($0, count: record.draft.lines.count, shop: shop)),"
        } ?? ""
        let timeline: SQLQueryString = note.map {
            let insertion = SQLActivityRepository.insertion(of: $0, about: ActivitySubject.draftOrder(record.draft.id).type,
                                                            from: "draft", shop: shop)
            return "timeline AS (\(insertion)),"
        } ?? ""
        let rows = try await context.all("""
            WITH draft AS (\(row) RETURNING id, number), \(lines) \(timeline)
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

    /// The `lines` part: the draft's row of lines, written over the one it had, with as many new
    /// ids as it has lines.
    private static func linesInsertion(_ document: String, count: Int, shop: ShopID) -> SQLQueryString {
        """
        lines AS (
            INSERT INTO draft_order_line_lists (shop_id, draft_order_id, ids, lines)
            SELECT \(bind: shop.rawValue), draft.id, (
                SELECT COALESCE(string_agg(nextval('draft_order_line_ids')::text, ','), '')
                FROM generate_series(1, \(bind: Int64(count)))
            ), \(bind: document)
            FROM draft
            ON CONFLICT (shop_id, draft_order_id) DO UPDATE SET ids = excluded.ids, lines = excluded.lines
            RETURNING ids
        )
        """
    }

    /// The draft's id and number, and its lines' ids: one row.
    private static let savedIDs: SQLQueryString = """
        SELECT draft.id, draft.number, (SELECT ids FROM lines) AS line_ids FROM draft
        """

    /// The draft with the ids and number the statement returned; nil when it wrote no draft row.
    private func saved(_ draft: DraftOrder, rows: [any SQLRow], linesWritten: Bool) throws -> DraftOrder? {
        guard let row = rows.first else { return nil }
        var saved = draft
        saved.id = DraftOrderID(try row.int64("id"))
        saved.number = try row.int64("number")
        guard linesWritten else { return saved }
        try DraftLineList.number(&saved.lines, ids: try row.string("line_ids"))
        return saved
    }
}
