import ProformaCore
import ProformaServices
import SQLKit

struct SQLAccessRepository: AccessRepository {
    let context: SQLContext

    func insertToken(shop: ShopID, name: String, hash: String, prefix: String, scopes: ScopeSet,
                     at time: Timestamp) async throws -> AccessToken {
        let list = scopes.granted.map(\.rawValue).sorted().joined(separator: ",")
        let id = try await context.insertReturningID("""
            INSERT INTO access_tokens (shop_id, name, token_hash, prefix, scopes, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: name), \(bind: hash), \(bind: prefix), \(bind: list), \(bind: time.stored))
            """)
        return AccessToken(id: AccessTokenID(id), shopID: shop, name: name, scopes: scopes, prefix: prefix,
                           createdAt: time, lastUsedAt: nil, revokedAt: nil)
    }

    private static func token(from row: any SQLRow) throws -> AccessToken {
        let scopes = try row.string("scopes").split(separator: ",").compactMap { AccessScope(rawValue: String($0)) }
        return AccessToken(
            id: AccessTokenID(try row.int64("id")), shopID: ShopID(try row.int64("shop_id")), name: try row.string("name"),
            scopes: ScopeSet(scopes), prefix: try row.string("prefix"), createdAt: try row.timestamp("created_at"),
            lastUsedAt: nil, revokedAt: try row.optionalTimestamp("revoked_at"))
    }

    func token(hash: String) async throws -> AccessToken? {
        try await context.first("""
            SELECT * FROM access_tokens WHERE token_hash = \(bind: hash) AND revoked_at IS NULL
            """).map(Self.token(from:))
    }

    func tokens(shop: ShopID) async throws -> [AccessToken] {
        try await context.all("SELECT * FROM access_tokens WHERE shop_id = \(bind: shop.rawValue) ORDER BY id")
            .map(Self.token(from:))
    }

    func revokeToken(shop: ShopID, id: AccessTokenID, at time: Timestamp) async throws -> Bool {
        let rows = try await context.all("""
            UPDATE access_tokens SET revoked_at = \(bind: time.stored)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue) AND revoked_at IS NULL
            RETURNING id
            """)
        return !rows.isEmpty
    }

    func insertStaff(shop: ShopID, email: String, passwordHash: String, at time: Timestamp) async throws -> StaffMember {
        let id = try await context.insertReturningID("""
            INSERT INTO staff_members (shop_id, email, email_key, password_hash, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: email), \(bind: email.lowercased()), \(bind: passwordHash),
                    \(bind: time.stored), \(bind: time.stored))
            """)
        return StaffMember(id: StaffMemberID(id), shopID: shop, email: email, createdAt: time)
    }

    func staffMember(shop: ShopID, email: String) async throws -> (member: StaffMember, passwordHash: String)? {
        try await context.first("""
            SELECT * FROM staff_members WHERE shop_id = \(bind: shop.rawValue) AND email_key = \(bind: email.lowercased())
            """).map { row in
            (StaffMember(id: StaffMemberID(try row.int64("id")), shopID: shop, email: try row.string("email"),
                         createdAt: try row.timestamp("created_at")),
             try row.string("password_hash"))
        }
    }

    func updateStaffPassword(shop: ShopID, id: StaffMemberID, passwordHash: String, at time: Timestamp) async throws {
        try await context.run("""
            UPDATE staff_members SET password_hash = \(bind: passwordHash), updated_at = \(bind: time.stored)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)
            """)
    }
}
