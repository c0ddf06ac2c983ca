import ProformaCore

/// Credentials: API access tokens and staff accounts. Secrets are stored only as hashes.
public protocol AccessRepository {
    func insertToken(shop: ShopID, name: String, hash: String, prefix: String, scopes: ScopeSet,
                     at time: Timestamp) async throws -> AccessToken
    /// The live (not revoked) token with this hash.
    func token(hash: String) async throws -> AccessToken?
    func tokens(shop: ShopID) async throws -> [AccessToken]
    /// Returns whether a live token was revoked.
    func revokeToken(shop: ShopID, id: AccessTokenID, at time: Timestamp) async throws -> Bool

    func insertStaff(shop: ShopID, email: String, role: StaffRole, passwordHash: String, at time: Timestamp) async throws -> StaffMember
    func staffMember(shop: ShopID, email: String) async throws -> (member: StaffMember, passwordHash: String)?
    /// Accounts with this email (compared without case) in every shop.
    func staffMembers(email: String) async throws -> [(member: StaffMember, passwordHash: String)]
    func updateStaffPassword(shop: ShopID, id: StaffMemberID, passwordHash: String, at time: Timestamp) async throws

    func insertSession(member: StaffMember, tokenHash: String, csrfToken: String, at time: Timestamp,
                       expiresAt: Timestamp) async throws -> StaffSession
    /// The session with this hash, expired or not, with its member.
    func session(tokenHash: String) async throws -> StaffSession?
    /// Stores the session's `lastSeenAt` and `expiresAt`.
    func touchSession(_ session: StaffSession) async throws
    func deleteSession(tokenHash: String) async throws
    func deleteExpiredSessions(at time: Timestamp) async throws
}
