import Crypto
import ProformaCore

/// Admin API tokens and staff accounts.
///
/// Tokens carry 128 random bits; only their SHA-256 is stored, which is enough for a secret
/// that cannot be guessed (a slow hash protects low-entropy passwords, not random tokens).
/// Staff passwords go through the injected slow `PasswordHasher`.
public struct AccessService: Sendable {
    let store: any Store
    let clock: any WallClock
    let passwordHasher: any PasswordHasher
    let recentTokens = TokenCache()

    public static let tokenPrefix = "pfat_"

    public init(store: any Store, clock: any WallClock, passwordHasher: any PasswordHasher) {
        self.store = store
        self.clock = clock
        self.passwordHasher = passwordHasher
    }

    /// Creates a token and returns it with its secret, which is never shown again.
    public func createToken(shop: ShopID, name: String, scopes: ScopeSet) async throws -> (token: AccessToken, secret: String) {
        let secret = Self.tokenPrefix + RandomToken.hex(bytes: 16)
        let now = clock.now()
        let token = try await store.write { session in
            guard try await session.shops.shop(shop) != nil else { throw ServiceError.unknownShop }
            return try await session.access.insertToken(
                shop: shop, name: name, hash: Self.digest(secret), prefix: String(secret.prefix(Self.tokenPrefix.count + 4)),
                scopes: scopes, at: now)
        }
        return (token, secret)
    }

    /// The live token a request presents, or nil. A token revoked by another process may still
    /// be accepted for up to a second (see `TokenCache`).
    public func authenticate(secret: String) async throws -> AccessToken? {
        guard secret.hasPrefix(Self.tokenPrefix), secret.utf8.count < 200 else { return nil }
        let digest = Self.digest(secret)
        return try await recentTokens.token(digest: digest, at: clock.now()) {
            try await store.lookup { try await $0.access.token(hash: digest) }
        }
    }

    public func tokens(shop: ShopID) async throws -> [AccessToken] {
        try await store.read { try await $0.access.tokens(shop: shop) }
    }

    public func revokeToken(shop: ShopID, id: AccessTokenID) async throws -> Bool {
        let now = clock.now()
        // Dropped even when the write throws: its commit may have landed before the error.
        defer { recentTokens.drop(id) }
        return try await store.write { try await $0.access.revokeToken(shop: shop, id: id, at: now) }
    }

    /// Creates a staff account. Passwords shorter than 8 characters are refused.
    public func createStaff(shop: ShopID, email: String, password: String, role: StaffRole = .admin) async throws -> StaffMember {
        var errors = ValidationErrors()
        let email = email.trimmingWhitespace()
        if !EmailAddress.isValid(email) { errors.add(["email"], "Email is invalid", code: "INVALID") }
        if password.count < 8 { errors.add(["password"], "Password is too short (minimum is 8 characters)", code: "TOO_SHORT") }
        try errors.throwIfAny()
        let hash = passwordHasher.hash(password)
        let now = clock.now()
        return try await store.write { session in
            guard try await session.shops.shop(shop) != nil else { throw ServiceError.unknownShop }
            if try await session.access.staffMember(shop: shop, email: email) != nil {
                throw ValidationErrors(field: ["email"], message: "Email has already been taken", code: "TAKEN")
            }
            return try await session.access.insertStaff(shop: shop, email: email, role: role, passwordHash: hash, at: now)
        }
    }

    /// The staff member whose email and password match, or nil.
    public func verifyStaff(shop: ShopID, email: String, password: String) async throws -> StaffMember? {
        let record = try await store.read { try await $0.access.staffMember(shop: shop, email: email.trimmingWhitespace()) }
        guard let record, passwordHasher.verify(password, against: record.passwordHash) else { return nil }
        return record.member
    }

    /// The staff member, in whichever shop, whose email and password match, or nil. An unknown
    /// email costs one slow hash too, so timing does not tell which emails have accounts.
    public func verifyStaff(email: String, password: String) async throws -> StaffMember? {
        let records = try await store.read { try await $0.access.staffMembers(email: email.trimmingWhitespace()) }
        guard !records.isEmpty else {
            _ = passwordHasher.hash(password)
            return nil
        }
        return records.first { passwordHasher.verify(password, against: $0.passwordHash) }?.member
    }

    static func digest(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).hexString
    }
}

/// Unguessable tokens from the system's cryptographically secure generator.
public enum RandomToken {
    public static func hex(bytes count: Int) -> String {
        bytes(count).hexString
    }

    /// Takes eight bytes from each draw of the system generator: drawing a byte at a time made
    /// 16 system calls for each invoice token.
    public static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let draw: UInt64 = generator.next()
            withUnsafeBytes(of: draw) { bytes.append(contentsOf: $0.prefix(count - bytes.count)) }
        }
        return bytes
    }
}

extension Sequence<UInt8> {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        for byte in self {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
