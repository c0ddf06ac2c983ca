import ProformaCore
import ProformaServices
import SQLKit

struct SQLMetafieldRepository: MetafieldRepository {
    let context: SQLContext

    /// The metafields of each row of `owner` (an alias whose rows have `shop_id` and `id`), in id
    /// order, as one JSON array in the column `metafield_list`: read with their owner rather than
    /// after it, they spare each read of a draft a round trip.
    static func listColumn(ownerType: String, owner: String, kind: SQLEngineKind) -> SQLQueryString {
        let filter: SQLQueryString = """
            FROM metafields m WHERE m.shop_id = \(unsafeRaw: owner).shop_id AND m.owner_type = \(bind: ownerType)
              AND m.owner_id = \(unsafeRaw: owner).id
            """
        let fields: SQLQueryString = """
            'id', m.id, 'namespace', m.namespace, 'key', m.key, 'type', m.type, 'value', m.value,
              'createdAt', m.created_at, 'updatedAt', m.updated_at
            """
        return switch kind {
        case .postgres: "(SELECT COALESCE(json_agg(json_build_object(" + fields + ") ORDER BY m.id), '[]')::text " + filter
            + ") AS metafield_list"
        case .sqlite: "(SELECT json_group_array(json_object(" + fields + ") ORDER BY m.id) " + filter + ") AS metafield_list"
        }
    }

    /// The metafields `listColumn` put in the row.
    static func list(in row: any SQLRow) throws -> [Metafield] {
        try row.json("metafield_list", as: [Stored].self).map { stored in
            Metafield(id: MetafieldID(stored.id), namespace: stored.namespace, key: stored.key, type: stored.type,
                      value: stored.value, createdAt: Timestamp(millisecondsSince1970: stored.createdAt),
                      updatedAt: Timestamp(millisecondsSince1970: stored.updatedAt))
        }
    }

    /// One entry of the `metafield_list` column.
    private struct Stored: Decodable {
        var id: Int64
        var namespace: String
        var key: String
        var type: String
        var value: String
        var createdAt: Int64
        var updatedAt: Int64
    }

    func save(shop: ShopID, ownerType: String, ownerID: Int64, _ metafields: [Metafield],
              at time: Timestamp) async throws -> [Metafield] {
        var saved: [Metafield] = []
        for var metafield in metafields {
            if metafield.id.rawValue != 0 {
                try await context.run("""
                    UPDATE metafields SET type = \(bind: metafield.type), value = \(bind: metafield.value),
                        updated_at = \(bind: metafield.updatedAt.stored)
                    WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: metafield.id.rawValue)
                    """)
            } else {
                metafield.id = MetafieldID(try await context.insertReturningID("""
                    INSERT INTO metafields (shop_id, owner_type, owner_id, namespace, key, type, value, created_at, updated_at)
                    VALUES (\(bind: shop.rawValue), \(bind: ownerType), \(bind: ownerID), \(bind: metafield.namespace),
                            \(bind: metafield.key), \(bind: metafield.type), \(bind: metafield.value),
                            \(bind: time.stored), \(bind: time.stored))
                    """))
            }
            saved.append(metafield)
        }
        return saved
    }

    func deleteAll(shop: ShopID, ownerType: String, ownerID: Int64) async throws {
        try await context.run("""
            DELETE FROM metafields WHERE shop_id = \(bind: shop.rawValue) AND owner_type = \(bind: ownerType)
              AND owner_id = \(bind: ownerID)
            """)
    }
}
