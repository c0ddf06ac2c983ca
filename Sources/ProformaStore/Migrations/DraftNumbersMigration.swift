extension Schema {
    /// On PostgreSQL, each shop's draft numbers move from its `draft_order` counter row to a
    /// sequence of its own (see `DraftNumbers`), which continues where the counter stopped. The
    /// counter rows go, so that nothing can take a number from the old place. Servers of earlier
    /// versions must be stopped first: they would start the counter again at 1, and the unique
    /// `(shop_id, number)` would refuse their creates. SQLite keeps its counters.
    static let draftNumbersBySequence = Migration(version: 8, name: "draft numbers from a sequence per shop") { sql in
        guard sql.kind == .postgres else { return [] }
        return [
            """
            DO $$
            DECLARE shop RECORD;
            BEGIN
                FOR shop IN
                    SELECT shops.id, COALESCE(shop_counters.value, 0) + 1 AS next FROM shops
                    LEFT JOIN shop_counters ON shop_counters.shop_id = shops.id AND shop_counters.name = 'draft_order'
                LOOP
                    EXECUTE format('CREATE SEQUENCE draft_order_numbers_%s START WITH %s', shop.id, shop.next);
                END LOOP;
            END
            $$
            """,
            "DELETE FROM shop_counters WHERE name = 'draft_order'",
        ]
    }
}
