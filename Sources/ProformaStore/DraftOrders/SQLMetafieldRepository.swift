import ProformaCore
import ProformaServices
import SQLKit

struct SQLMetafieldRepository: MetafieldRepository {
    let context: SQLContext

    func metafields(shop: ShopID, ownerType: String, ownerIDs: [Int64]) async throws -> [Int64: [Metafield]] {
        guard !ownerIDs.isEmpty else { return [:] }
        var result: [Int64: [Metafield]] = [:]
        for row in try await context.all("""
            SELECT * FROM metafields WHERE shop_id = \(bind: shop.rawValue) AND owner_type = \(bind: ownerType)
              AND owner_id IN (\(binds: ownerIDs)) ORDER BY id
            """) {
            result[try row.int64("owner_id"), default: []].append(Metafield(
                id: MetafieldID(try row.int64("id")), namespace: try row.string("namespace"), key: try row.string("key"),
                type: try row.string("type"), value: try row.string("value"), createdAt: try row.timestamp("created_at"),
                updatedAt: try row.timestamp("updated_at")))
        }
        return result
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
