import ProformaCore
@testable import ProformaServices
import Synchronization
import Testing

@Suite("Recently read tokens")
struct TokenCacheTests {
    private static func token(_ id: Int64) -> AccessToken {
        AccessToken(id: AccessTokenID(id), shopID: ShopID(1), name: "t\(id)", scopes: ScopeSet([.readOrders]), prefix: "pfat_0000",
                    createdAt: Timestamp(millisecondsSince1970: 0), lastUsedAt: nil, revokedAt: nil)
    }

    private static func at(_ milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSince1970: 1_000_000 + milliseconds)
    }

    /// Counts the reads the cache makes, each answering `answer`.
    private final class Reads: Sendable {
        let count = Mutex(0)
        func read(_ answer: AccessToken?) -> AccessToken? {
            count.withLock { $0 += 1 }
            return answer
        }
        var made: Int { count.withLock { $0 } }
    }

    @Test("a live token is read once per second at most; at a second, or with the clock gone back, it is read again")
    func lifetime() async throws {
        let cache = TokenCache()
        let reads = Reads()
        let token = Self.token(1)
        #expect(try await cache.token(digest: "a", at: Self.at(0)) { reads.read(token) } == token)
        #expect(try await cache.token(digest: "a", at: Self.at(999)) { reads.read(nil) } == token)
        #expect(reads.made == 1)
        #expect(try await cache.token(digest: "a", at: Self.at(1_000)) { reads.read(nil) } == nil)
        #expect(reads.made == 2)
        #expect(try await cache.token(digest: "a", at: Self.at(2_000)) { reads.read(token) } == token)
        #expect(try await cache.token(digest: "a", at: Self.at(1_999)) { reads.read(nil) } == nil)
        #expect(reads.made == 4)
    }

    @Test("unknown secrets are read every time")
    func unknown() async throws {
        let cache = TokenCache()
        let reads = Reads()
        #expect(try await cache.token(digest: "a", at: Self.at(0)) { reads.read(nil) } == nil)
        #expect(try await cache.token(digest: "a", at: Self.at(1)) { reads.read(Self.token(1)) } == Self.token(1))
        #expect(reads.made == 2)
    }

    @Test("a drop refuses the token from then on, even to a read that began before it")
    func drop() async throws {
        let cache = TokenCache()
        let reads = Reads()
        #expect(try await cache.token(digest: "a", at: Self.at(0)) { reads.read(Self.token(1)) } == Self.token(1))
        #expect(try await cache.token(digest: "b", at: Self.at(0)) { reads.read(Self.token(2)) } == Self.token(2))
        cache.drop(AccessTokenID(1))
        #expect(try await cache.token(digest: "a", at: Self.at(1)) { reads.read(nil) } == nil)
        // Token 2 was not dropped.
        #expect(try await cache.token(digest: "b", at: Self.at(1)) { reads.read(nil) } == Self.token(2))
        #expect(reads.made == 3)

        // A read that saw the token live, while it was being revoked here, is answered but not kept.
        let racing = try await cache.token(digest: "c", at: Self.at(2)) {
            cache.drop(AccessTokenID(3))
            return reads.read(Self.token(3))
        }
        #expect(racing == Self.token(3))
        #expect(try await cache.token(digest: "c", at: Self.at(3)) { reads.read(nil) } == nil)
        #expect(reads.made == 5)
    }

    @Test("when full, it starts over")
    func capacity() async throws {
        let cache = TokenCache()
        let reads = Reads()
        for index in 0..<TokenCache.capacity {
            _ = try await cache.token(digest: "\(index)", at: Self.at(0)) { reads.read(Self.token(Int64(index))) }
        }
        #expect(try await cache.token(digest: "0", at: Self.at(1)) { reads.read(nil) } == Self.token(0))
        #expect(reads.made == TokenCache.capacity)
        _ = try await cache.token(digest: "new", at: Self.at(1)) { reads.read(Self.token(-1)) }
        #expect(try await cache.token(digest: "new", at: Self.at(2)) { reads.read(nil) } == Self.token(-1))
        #expect(try await cache.token(digest: "0", at: Self.at(2)) { reads.read(nil) } == nil)
        #expect(reads.made == TokenCache.capacity + 2)
    }
}
