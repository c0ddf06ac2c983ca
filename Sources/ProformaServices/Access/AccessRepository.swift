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

    func insertStaff(shop: ShopID, email: String, passwordHash: String, at time: Timestamp) async throws -> StaffMember
    func staffMember(shop: ShopID, email: String) async throws -> (member: StaffMember, passwordHash: String)?
    func updateStaffPassword(shop: ShopID, id: StaffMemberID, passwordHash: String, at time: Timestamp) async throws
}
