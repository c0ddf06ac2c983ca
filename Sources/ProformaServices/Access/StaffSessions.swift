import ProformaCore
import Synchronization

/// A signed-in staff member's session, as its cookie finds it.
public struct StaffSession: Sendable, Hashable {
    public var id: Int64
    public var member: StaffMember
    /// Every form of the session carries it; a post without it is refused.
    public var csrfToken: String
    public var createdAt: Timestamp
    public var lastSeenAt: Timestamp
    public var expiresAt: Timestamp

    public init(id: Int64, member: StaffMember, csrfToken: String, createdAt: Timestamp, lastSeenAt: Timestamp,
                expiresAt: Timestamp) {
        self.id = id
        self.member = member
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }

    public func isValidCSRFToken(_ posted: String) -> Bool {
        InvoiceLinks.constantTimeEqual(Array(posted.utf8), Array(csrfToken.utf8))
    }
}

/// Signing staff in and out. Sessions live in the database, keyed by the SHA-256 of a 128-bit
/// secret that only the browser's cookie holds. A session ends after `idleTimeout` without a
/// request, and after `maximumAge` whatever happens.
public struct StaffSessionService: Sendable {
    let store: any Store
    let clock: any WallClock
    let access: AccessService
    let throttle: LoginThrottle

    public static let idleTimeout: Int64 = 12 * 3_600_000
    public static let maximumAge: Int64 = 7 * 24 * 3_600_000
    /// A request within this long of the last one does not move the idle deadline, so that
    /// browsing the admin is not one write per page.
    static let touchInterval: Int64 = 5 * 60_000

    public enum SignIn: Sendable {
        /// `secret` goes into the cookie and is never shown again.
        case signedIn(StaffSession, secret: String)
        /// Wrong email or password; which of the two is not said.
        case refused
        /// Too many recent failures for this email: nothing was checked.
        case throttled(retryAfterSeconds: Int64)
    }

    init(store: any Store, clock: any WallClock, access: AccessService, throttle: LoginThrottle = LoginThrottle()) {
        self.store = store
        self.clock = clock
        self.access = access
        self.throttle = throttle
    }

    public func signIn(email: String, password: String) async throws -> SignIn {
        let key = email.trimmingWhitespace().lowercased()
        let now = clock.now()
        if let wait = throttle.wait(for: key, at: now) { return .throttled(retryAfterSeconds: wait) }
        guard let member = try await access.verifyStaff(email: key, password: password) else {
            throttle.recordFailure(for: key, at: now)
            return .refused
        }
        throttle.reset(key)
        let secret = RandomToken.hex(bytes: 16)
        let csrf = RandomToken.hex(bytes: 16)
        let session = try await store.write { session in
            try await session.access.deleteExpiredSessions(at: now)
            return try await session.access.insertSession(
                member: member, tokenHash: AccessService.digest(secret), csrfToken: csrf, at: now,
                expiresAt: Timestamp(millisecondsSince1970: now.millisecondsSince1970 + Self.idleTimeout))
        }
        return .signedIn(session, secret: secret)
    }

    /// The live session the cookie's secret opens, its idle deadline moved on; nil when it
    /// is unknown, ended or expired.
    public func session(secret: String) async throws -> StaffSession? {
        guard secret.count == 32 else { return nil }
        let hash = AccessService.digest(secret)
        let now = clock.now().millisecondsSince1970
        guard var session = try await store.lookup({ try await $0.access.session(tokenHash: hash) }),
              session.expiresAt.millisecondsSince1970 > now,
              session.createdAt.millisecondsSince1970 + Self.maximumAge > now else { return nil }
        if now - session.lastSeenAt.millisecondsSince1970 >= Self.touchInterval {
            session.lastSeenAt = Timestamp(millisecondsSince1970: now)
            session.expiresAt = Timestamp(millisecondsSince1970: now + Self.idleTimeout)
            let touched = session
            try await store.write { try await $0.access.touchSession(touched) }
        }
        return session
    }

    public func signOut(secret: String) async throws {
        let hash = AccessService.digest(secret)
        try await store.write { try await $0.access.deleteSession(tokenHash: hash) }
    }
}

/// Slows down guessing: from the `freeFailures`th wrong password for one email on, each next try
/// must wait, twice as long each time, up to `maximumWait`. Unknown emails are counted the
/// same way, so the answer tells nothing about which accounts exist. Kept per instance.
public final class LoginThrottle: Sendable {
    struct Entry {
        var failures: Int
        var blockedUntil: Int64
    }

    let freeFailures: Int
    let maximumWait: Int64
    private let entries = Mutex<[String: Entry]>([:])

    public init(freeFailures: Int = 3, maximumWaitSeconds: Int64 = 300) {
        self.freeFailures = freeFailures
        self.maximumWait = maximumWaitSeconds * 1000
    }

    /// Seconds left to wait before `key` may try again, or nil.
    func wait(for key: String, at now: Timestamp) -> Int64? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.blockedUntil > now.millisecondsSince1970 else { return nil }
            return (entry.blockedUntil - now.millisecondsSince1970 + 999) / 1000
        }
    }

    func recordFailure(for key: String, at now: Timestamp) {
        entries.withLock { entries in
            // Forget the oldest stretch of failures once the table is large: a flood of made-up
            // emails must not grow memory without bound.
            if entries.count > 10_000 { entries.removeAll(keepingCapacity: true) }
            var entry = entries[key] ?? Entry(failures: 0, blockedUntil: 0)
            entry.failures += 1
            let over = entry.failures - freeFailures + 1
            if over > 0 {
                let wait = min(maximumWait, 1000 << min(over - 1, 20))
                entry.blockedUntil = now.millisecondsSince1970 + wait
            }
            entries[key] = entry
        }
    }

    func reset(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
