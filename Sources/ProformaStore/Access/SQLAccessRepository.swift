import ProformaCore
import ProformaServices
import SQLKit

struct SQLAccessRepository: AccessRepository {
    let context: SQLContext

    func insertToken(shop: ShopID, name: String, hash: String, prefix: String, scopes: ScopeSet,
                     at time: Timestamp) async throws -> AccessToken {
        let id = try await context.insertReturningID("""
            INSERT INTO access_tokens (shop_id, name, token_hash, prefix, scopes, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: name), \(bind: hash), \(bind: prefix), \(bind: scopes.nameList),
                    \(bind: time.stored))
            """)
        return AccessToken(id: AccessTokenID(id), shopID: shop, name: name, scopes: scopes, prefix: prefix,
                           createdAt: time, lastUsedAt: nil, revokedAt: nil)
    }

    private static func token(from row: any SQLRow) throws -> AccessToken {
        AccessToken(
            id: AccessTokenID(try row.int64("id")), shopID: ShopID(try row.int64("shop_id")), name: try row.string("name"),
            scopes: ScopeSet(nameList: try row.string("scopes")), prefix: try row.string("prefix"),
            createdAt: try row.timestamp("created_at"), lastUsedAt: nil, revokedAt: try row.optionalTimestamp("revoked_at"))
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

    func insertStaff(shop: ShopID, email: String, role: StaffRole, passwordHash: String,
                     at time: Timestamp) async throws -> StaffMember {
        let id = try await context.insertReturningID("""
            INSERT INTO staff_members (shop_id, email, email_key, role, password_hash, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: email), \(bind: email.lowercased()), \(bind: role.rawValue),
                    \(bind: passwordHash), \(bind: time.stored), \(bind: time.stored))
            """)
        return StaffMember(id: StaffMemberID(id), shopID: shop, email: email, role: role, createdAt: time)
    }

    private static func member(from row: any SQLRow, prefix: String = "") throws -> StaffMember {
        StaffMember(id: StaffMemberID(try row.int64(prefix + "id")), shopID: ShopID(try row.int64("shop_id")),
                    email: try row.string("email"),
                    // A role this build does not know grants the least.
                    role: StaffRole(rawValue: try row.string("role")) ?? .sales,
                    createdAt: try row.timestamp(prefix + "created_at"))
    }

    func staffMember(shop: ShopID, email: String) async throws -> (member: StaffMember, passwordHash: String)? {
        try await context.first("""
            SELECT * FROM staff_members WHERE shop_id = \(bind: shop.rawValue) AND email_key = \(bind: email.lowercased())
            """).map { row in (try Self.member(from: row), try row.string("password_hash")) }
    }

    func staffMembers(email: String) async throws -> [(member: StaffMember, passwordHash: String)] {
        try await context.all("""
            SELECT * FROM staff_members WHERE email_key = \(bind: email.lowercased()) ORDER BY shop_id, id
            """).map { row in (try Self.member(from: row), try row.string("password_hash")) }
    }

    func updateStaffPassword(shop: ShopID, id: StaffMemberID, passwordHash: String, at time: Timestamp) async throws {
        try await context.run("""
            UPDATE staff_members SET password_hash = \(bind: passwordHash), updated_at = \(bind: time.stored)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)
            """)
    }

    func insertSession(member: StaffMember, tokenHash: String, csrfToken: String, at time: Timestamp,
                       expiresAt: Timestamp) async throws -> StaffSession {
        let id = try await context.insertReturningID("""
            INSERT INTO staff_sessions (shop_id, staff_member_id, token_hash, csrf_token, created_at, last_seen_at, expires_at)
            VALUES (\(bind: member.shopID.rawValue), \(bind: member.id.rawValue), \(bind: tokenHash), \(bind: csrfToken),
                    \(bind: time.stored), \(bind: time.stored), \(bind: expiresAt.stored))
            """)
        return StaffSession(id: id, member: member, csrfToken: csrfToken, createdAt: time, lastSeenAt: time, expiresAt: expiresAt)
    }

    func session(tokenHash: String) async throws -> StaffSession? {
        try await context.first("""
            SELECT s.id AS session_id, s.csrf_token, s.created_at AS session_created_at, s.last_seen_at, s.expires_at,
                   m.shop_id, m.id, m.email, m.role, m.created_at
            FROM staff_sessions s JOIN staff_members m ON m.shop_id = s.shop_id AND m.id = s.staff_member_id
            WHERE s.token_hash = \(bind: tokenHash)
            """).map { row in
            StaffSession(id: try row.int64("session_id"), member: try Self.member(from: row),
                         csrfToken: try row.string("csrf_token"), createdAt: try row.timestamp("session_created_at"),
                         lastSeenAt: try row.timestamp("last_seen_at"), expiresAt: try row.timestamp("expires_at"))
        }
    }

    func touchSession(_ session: StaffSession) async throws {
        try await context.run("""
            UPDATE staff_sessions SET last_seen_at = \(bind: session.lastSeenAt.stored), expires_at = \(bind: session.expiresAt.stored)
            WHERE shop_id = \(bind: session.member.shopID.rawValue) AND id = \(bind: session.id)
            """)
    }

    func deleteSession(tokenHash: String) async throws {
        try await context.run("DELETE FROM staff_sessions WHERE token_hash = \(bind: tokenHash)")
    }

    func deleteExpiredSessions(at time: Timestamp) async throws {
        try await context.run("DELETE FROM staff_sessions WHERE expires_at <= \(bind: time.stored)")
    }
}
