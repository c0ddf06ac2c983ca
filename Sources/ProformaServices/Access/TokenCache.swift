import ProformaCore
import Synchronization

/// Live tokens that requests presented lately, each kept for `lifetime` after it was read, so
/// that a client's requests do not each read its token again: on PostgreSQL that read is a
/// round trip of its own, one in eight of a create's.
///
/// Invariants:
/// - Only live tokens are kept. An unknown or revoked secret is looked up every time, so a
///   token made anywhere works at once, and guessing costs what it did.
/// - A token revoked through this process is refused from then on: it is dropped, and a read
///   that began before the drop is not kept. One revoked by another process (another
///   instance, or `proforma token revoke`) is still accepted here for at most `lifetime`.
/// - An entry read "in the future" (the wall clock went back) counts as stale.
/// - It holds at most `capacity` tokens, and starts over empty when full.
final class TokenCache: Sendable {
    static let lifetime: Int64 = 1_000
    static let capacity = 1_024

    private struct Entry {
        var token: AccessToken
        var readAt: Timestamp
    }

    private struct State {
        /// By the SHA-256 of the secret, as the store keeps them.
        var entries: [String: Entry] = [:]
        /// Moves with every drop, so that a read that began before it is not kept.
        var drops: UInt64 = 0
    }

    private let state = Mutex(State())

    /// The live token, when one was read less than `lifetime` before `now`.
    private func token(digest: String, at now: Timestamp) -> AccessToken? {
        state.withLock { state in
            guard let entry = state.entries[digest] else { return nil }
            let age = now.millisecondsSince1970 - entry.readAt.millisecondsSince1970
            return (0..<Self.lifetime).contains(age) ? entry.token : nil
        }
    }

    /// Reads the token through `read`, which runs at `now`, and keeps it when it is live.
    func token(digest: String, at now: Timestamp, read: () async throws -> AccessToken?) async throws -> AccessToken? {
        if let known = token(digest: digest, at: now) { return known }
        let drops = state.withLock { $0.drops }
        guard let token = try await read() else { return nil }
        state.withLock { state in
            guard state.drops == drops else { return }
            if state.entries.count >= Self.capacity, state.entries[digest] == nil { state.entries.removeAll(keepingCapacity: true) }
            state.entries[digest] = Entry(token: token, readAt: now)
        }
        return token
    }

    func drop(_ id: AccessTokenID) {
        state.withLock { state in
            state.drops &+= 1
            state.entries = state.entries.filter { $0.value.token.id != id }
        }
    }
}
