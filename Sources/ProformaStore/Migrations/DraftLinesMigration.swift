extension Schema {
    /// A draft's lines lose their foreign key to the draft. PostgreSQL checks such a key with a
    /// trigger per inserted row: a 499-line update spent a third of PostgreSQL's CPU on 499
    /// lookups of the one draft its own transaction had just written. Lines are written only by
    /// `SQLDraftOrderRepository`, in the transaction that writes their draft's row, and it deletes
    /// them with their draft, as the key's `ON DELETE CASCADE` did.
    ///
    /// Every edit of a draft's lines deletes and inserts them all, so on PostgreSQL the table is
    /// mostly dead rows unless vacuumed often: under 499-line updates its CPU per update rose from
    /// 11.6 to 17 ms within 40 seconds at the default settings, before autovacuum first ran. It is
    /// vacuumed at 1% dead rows, unthrottled, and stayed at 10–13 ms.
    ///
    /// SQLite cannot drop a constraint, so there the table is rebuilt with the same indexes.
    static let draftLinesWithoutForeignKey = Migration(version: 6, name: "draft lines without a foreign key") { sql in
        switch sql.kind {
        case .postgres:
            return [
                "ALTER TABLE draft_order_lines DROP CONSTRAINT draft_order_lines_shop_id_draft_order_id_fkey",
                "ALTER TABLE draft_order_lines SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_cost_delay = 0)",
            ]
        case .sqlite:
            return rebuiltDraftLines(sql, key: sql.tenantKey, indexes: [
                "CREATE INDEX draft_order_lines_by_draft ON draft_order_lines (shop_id, draft_order_id, position)",
                "CREATE INDEX draft_order_lines_by_variant ON draft_order_lines (shop_id, variant_id)",
            ])
        }
    }

    /// A draft's lines keep only the index their queries use, by draft and position. Each of the
    /// others cost every line's insert and delete one more B-tree to change, and every edit of a
    /// 499-line draft deletes and inserts all its lines.
    ///
    /// - The index by variant served no query.
    /// - On SQLite, the unique key `(shop_id, id)` that every tenant table has: it is there to be
    ///   the target of other tables' foreign keys, and no table refers to a line. The id is the
    ///   rowid, unique on its own. On PostgreSQL the pair stays the primary key, which a
    ///   distributed engine shards by.
    ///
    /// On SQLite, 499-line updates made 307-308/s against 247-255/s with both, in alternating runs.
    static let draftLinesIndexedByDraft = Migration(version: 7, name: "draft lines indexed by draft alone") { sql in
        switch sql.kind {
        case .postgres:
            return ["DROP INDEX draft_order_lines_by_variant"]
        case .sqlite:
            return rebuiltDraftLines(sql, key: nil, indexes: [
                "CREATE INDEX draft_order_lines_by_draft ON draft_order_lines (shop_id, draft_order_id, position)",
            ])
        }
    }

    /// SQLite cannot drop a constraint, so the lines table is rebuilt under the same name, ids and
    /// id sequence (a deleted line's id is never handed out again), with `key` if given and
    /// `indexes`.
    private static func rebuiltDraftLines(_ sql: SchemaDialect, key: String?, indexes: [String]) -> [String] {
        let columns = "shop_id, id, draft_order_id, position, variant_id, quantity, body"
        return [
            """
            CREATE TABLE draft_order_lines_rebuilt (
                shop_id BIGINT NOT NULL,
                \(sql.id),
                draft_order_id BIGINT NOT NULL,
                position INTEGER NOT NULL,
                variant_id BIGINT,
                quantity BIGINT NOT NULL,
                body TEXT NOT NULL\(key.map { ",\n    \($0)" } ?? "")
            )
            """,
            "INSERT INTO draft_order_lines_rebuilt (\(columns)) SELECT \(columns) FROM draft_order_lines",
            "DELETE FROM sqlite_sequence WHERE name = 'draft_order_lines_rebuilt'",
            """
            INSERT INTO sqlite_sequence (name, seq)
            SELECT 'draft_order_lines_rebuilt', seq FROM sqlite_sequence WHERE name = 'draft_order_lines'
            """,
            "DROP TABLE draft_order_lines",
            "ALTER TABLE draft_order_lines_rebuilt RENAME TO draft_order_lines",
        ] + indexes
    }

    /// On SQLite, a draft's lines are stored in the order of their draft and position
    /// (`WITHOUT ROWID`, keyed by shop, draft and position) rather than by id with an index by
    /// draft. Writing a draft's lines changed two B-trees for each line and now changes one, where
    /// the draft's other lines already are, and reading them needs no second lookup per line.
    /// Their ids are kept and new ones continue from the same place (see `DraftLineIDs`).
    ///
    /// A 499-line update spent about a quarter of its CPU in SQLite; see bench/HISTORY.md for what
    /// this saved. PostgreSQL has no such tables and keeps its lines as they are.
    static let draftLinesClusteredByDraft = Migration(version: 9, name: "draft lines stored by draft") { sql in
        guard sql.kind == .sqlite else { return [] }
        let columns = "shop_id, draft_order_id, position, id, variant_id, quantity, body"
        return [
            """
            CREATE TABLE draft_order_lines_rebuilt (
                shop_id BIGINT NOT NULL,
                draft_order_id BIGINT NOT NULL,
                position INTEGER NOT NULL,
                id INTEGER NOT NULL,
                variant_id BIGINT,
                quantity BIGINT NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (shop_id, draft_order_id, position)
            ) WITHOUT ROWID
            """,
            "INSERT INTO draft_order_lines_rebuilt (\(columns)) SELECT \(columns) FROM draft_order_lines",
            // Dropping a table numbered by SQLite drops its row of `sqlite_sequence`, so the last
            // id handed out waits under another name.
            "DELETE FROM sqlite_sequence WHERE name = 'draft_order_lines_rebuilt'",
            """
            INSERT INTO sqlite_sequence (name, seq)
            SELECT 'draft_order_lines_rebuilt', MAX(seq) FROM (
                SELECT seq FROM sqlite_sequence WHERE name = 'draft_order_lines'
                UNION ALL SELECT MAX(id) FROM draft_order_lines UNION ALL SELECT 0
            )
            """,
            "DROP TABLE draft_order_lines",
            "ALTER TABLE draft_order_lines_rebuilt RENAME TO draft_order_lines",
            "UPDATE sqlite_sequence SET name = 'draft_order_lines' WHERE name = 'draft_order_lines_rebuilt'",
        ]
    }

    /// A draft's lines are kept as one row per draft: their documents as one JSON array, and
    /// their ids, in the same order, as one list (`12,13,14`). Every edit of a draft's lines
    /// replaces them all, so a 499-line update wrote 499 rows (on PostgreSQL, deleted 499 and
    /// inserted 499 more, and left 499 dead ones to vacuum) and now writes one. Nothing queries a
    /// single line, and reading a draft reads all of them in order.
    ///
    /// Ids are kept, and new ones continue after every id handed out: from `sqlite_sequence` on
    /// SQLite (see `DraftLineIDs`) and a sequence of their own on PostgreSQL. The row has the
    /// foreign key to its draft the line rows lost in version 6: checked once per draft, it costs
    /// nothing worth the name, and deleting a draft deletes its lines again.
    ///
    /// On SQLite the draft's id is the row's rowid (draft ids are unique across shops): a row
    /// keyed by `(shop_id, draft_order_id)` is stored whole as its key, and finding one whose
    /// lines spill onto overflow pages put their text together to compare keys. On PostgreSQL
    /// the pair is the primary key, which a distributed engine shards by.
    static let draftLinesAsOneRow = Migration(version: 10, name: "a draft's lines as one row") { sql in
        let key = sql.kind == .sqlite ? "draft_order_id INTEGER PRIMARY KEY" : "draft_order_id BIGINT NOT NULL"
        var statements = [
            """
            CREATE TABLE draft_order_line_lists (
                shop_id BIGINT NOT NULL,
                \(key),
                ids TEXT NOT NULL,
                lines TEXT NOT NULL,\(sql.kind == .postgres ? "\n    PRIMARY KEY (shop_id, draft_order_id)," : "")
                FOREIGN KEY (shop_id, draft_order_id) REFERENCES draft_orders (shop_id, id) ON DELETE CASCADE
            )
            """,
            // Lines whose draft is gone (none should be) are left behind with their table.
            """
            INSERT INTO draft_order_line_lists (shop_id, draft_order_id, ids, lines)
            SELECT l.shop_id, l.draft_order_id, \(sql.concatenated("CAST(l.id AS TEXT)", order: "l.position")),
                '[' || \(sql.concatenated("l.body", order: "l.position")) || ']'
            FROM draft_order_lines l JOIN draft_orders d ON d.shop_id = l.shop_id AND d.id = l.draft_order_id
            GROUP BY l.shop_id, l.draft_order_id
            """,
        ]
        switch sql.kind {
        case .postgres:
            statements += [
                // lz4 rather than the default pglz: PostgreSQL compresses a 499-line draft's lines on
                // every edit, and took 1.05-1.15 ms of CPU per update with lz4 against 1.24-1.33.
                // A server built without lz4 (or older than 14) keeps the default.
                """
                DO $$ BEGIN
                    EXECUTE 'ALTER TABLE draft_order_line_lists ALTER COLUMN ids SET COMPRESSION lz4, '
                        || 'ALTER COLUMN lines SET COMPRESSION lz4';
                EXCEPTION WHEN feature_not_supported OR syntax_error OR invalid_parameter_value THEN NULL;
                END $$
                """,
                "CREATE SEQUENCE draft_order_line_ids",
                """
                SELECT setval('draft_order_line_ids', GREATEST(1, (SELECT MAX(id) FROM draft_order_lines),
                    pg_sequence_last_value(pg_get_serial_sequence('draft_order_lines', 'id')::regclass)))
                """,
            ]
        case .sqlite:
            // The last id handed out moves to a name of its own before its table goes.
            statements += ["UPDATE sqlite_sequence SET name = 'draft_order_line_ids' WHERE name = 'draft_order_lines'"]
        }
        return statements + ["DROP TABLE draft_order_lines"]
    }
}

extension Schema {
    /// On PostgreSQL each connection takes line ids from `draft_order_line_ids` a thousand at a
    /// time and hands them out from memory. Without a cache every `nextval` locks the sequence's
    /// page, and every 32nd writes WAL: a 499-line update's ids took 0.47 ms against 0.15
    /// (`EXPLAIN ANALYZE`), of PostgreSQL's 1.0-1.3 ms of CPU per update.
    ///
    /// Ids stay unique and ascending within a statement, which is all a draft needs. Across
    /// connections they interleave, and those a closed connection had not handed out are never
    /// used. Draft numbers keep their own uncached sequences, because merchants read them in order.
    static let draftLineIDsCached = Migration(version: 12, name: "draft line ids cached per connection") { sql in
        sql.kind == .postgres ? ["ALTER SEQUENCE draft_order_line_ids CACHE 1000"] : []
    }
}
