import SQLKit

/// Ids for new draft lines on SQLite, where a draft's lines are one row (see
/// `Schema.draftLinesAsOneRow`) and nothing numbers them.
///
/// They come from the row `draft_order_line_ids` of `sqlite_sequence`, where SQLite kept the
/// last id it handed out while lines were rows of their own, so an id is never handed out
/// twice, even after its line is deleted. Taken inside the writer's transaction, ids are never
/// shared, and a rolled-back transaction takes its ids back.
enum DraftLineIDs {
    /// Takes `count` consecutive ids and returns the first.
    static func take(_ count: Int, in db: any SQLDatabase) async throws -> Int64 {
        let taken = Int64(count)
        guard let row = try await db.raw("""
            UPDATE sqlite_sequence SET seq = seq + \(bind: taken) WHERE name = 'draft_order_line_ids' RETURNING seq
            """).first() else { throw SQLStoreError.missingValue("sqlite_sequence.draft_order_line_ids") }
        return try row.decode(column: "seq", as: Int64.self) - taken + 1
    }
}
