import ProformaCore
import Synchronization

/// The Admin API's leaky buckets, one per access token: REST counts requests, GraphQL counts
/// calculated cost points. Off by default; when off nothing is refused, no REST header is sent,
/// and GraphQL still reports its cost with a full bucket.
public final class RateLimits: Sendable {
    public struct Settings: Sendable, Hashable {
        public var rest: LeakyBucket.Limit
        public var graphQL: LeakyBucket.Limit
        public var isEnforced: Bool

        public init(rest: LeakyBucket.Limit, graphQL: LeakyBucket.Limit, isEnforced: Bool) {
            self.rest = rest
            self.graphQL = graphQL
            self.isEnforced = isEnforced
        }

        /// Shopify's standard plan: 40 REST requests leaking 2 a second; 1,000 GraphQL points
        /// restoring 50 a second.
        public static let standard = Settings(rest: .init(capacity: 40, leakPerSecond: 2),
                                              graphQL: .init(capacity: 1000, leakPerSecond: 50), isEnforced: true)
        public static let off = Settings(rest: standard.rest, graphQL: standard.graphQL, isEnforced: false)
    }

    public let settings: Settings
    private let restBuckets = Mutex<[AccessTokenID: LeakyBucket]>([:])
    private let graphQLBuckets = Mutex<[AccessTokenID: LeakyBucket]>([:])
    private let now: @Sendable () -> Double

    /// `now` is a monotonic clock in seconds; tests pass their own.
    public init(_ settings: Settings, now: (@Sendable () -> Double)? = nil) {
        self.settings = settings
        if let now {
            self.now = now
        } else {
            let origin = ContinuousClock.now
            self.now = {
                let elapsed = origin.duration(to: .now).components
                return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            }
        }
    }

    /// One REST request for `token`; nil when limits are off.
    func takeREST(_ token: AccessTokenID) -> LeakyBucket.Decision? {
        guard settings.isEnforced else { return nil }
        return take(1, token, in: restBuckets, limit: settings.rest)
    }

    /// A GraphQL operation of `cost` points for `token`, and the bucket as it is afterwards.
    func takeGraphQL(_ token: AccessTokenID, cost: Int) -> (decision: LeakyBucket.Decision, available: Double) {
        guard settings.isEnforced else { return (.allowed(level: 0), settings.graphQL.capacity) }
        let decision = take(Double(cost), token, in: graphQLBuckets, limit: settings.graphQL)
        let level = switch decision {
        case .allowed(let level), .refused(let level, _): level
        }
        return (decision, settings.graphQL.capacity - level)
    }

    private func take(_ cost: Double, _ token: AccessTokenID, in buckets: borrowing Mutex<[AccessTokenID: LeakyBucket]>,
                      limit: LeakyBucket.Limit) -> LeakyBucket.Decision {
        let time = now()
        return buckets.withLock { buckets in
            var bucket = buckets[token] ?? LeakyBucket(limit: limit, now: time)
            let decision = bucket.take(cost, at: time)
            buckets[token] = bucket
            return decision
        }
    }
}
