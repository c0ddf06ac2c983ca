import SQLKit

/// Ids for new draft lines on SQLite, where the lines are stored in the order of their draft and
/// position and have no rowid to number them (see `Schema.draftLinesClusteredByDraft`).
///
/// They come from the lines' row in `sqlite_sequence`, where SQLite kept the last id it had
/// handed out while it numbered them itself, so an id is never handed out twice, even after its
/// line is deleted. A database migrated only partway (in tests) may not have the row yet: it is
/// then added above the highest id in use. Taken inside the writer's transaction, ids are never
/// shared, and a rolled-back transaction takes its ids back.
enum DraftLineIDs {
    /// Takes `count` consecutive ids and returns the first.
    static func take(_ count: Int, in db: any SQLDatabase) async throws -> Int64 {
        let taken = Int64(count)
        if let row = try await db.raw("""
            UPDATE sqlite_sequence SET seq = seq + \(bind: taken) WHERE name = 'draft_order_lines' RETURNING seq
            """).first() {
            return try row.decode(column: "seq", as: Int64.self) - taken + 1
        }
        guard let row = try await db.raw("""
            INSERT INTO sqlite_sequence (name, seq)
            SELECT 'draft_order_lines', COALESCE(MAX(id), 0) + \(bind: taken) FROM draft_order_lines
            RETURNING seq
            """).first() else { throw SQLStoreError.missingReturnedID }
        return try row.decode(column: "seq", as: Int64.self) - taken + 1
    }
}
