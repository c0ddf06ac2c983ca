/// A leaky bucket, as Shopify meters API clients: each request pours its cost in, the bucket
/// drains at a steady rate, and a request that would overflow it is refused until enough has
/// drained. Pure: the caller passes the time.
public struct LeakyBucket: Sendable, Hashable {
    public struct Limit: Sendable, Hashable {
        /// How much the bucket holds: requests for REST, cost points for GraphQL.
        public var capacity: Double
        /// How much drains each second.
        public var leakPerSecond: Double

        public init(capacity: Double, leakPerSecond: Double) {
            self.capacity = capacity
            self.leakPerSecond = leakPerSecond
        }
    }

    public enum Decision: Sendable, Hashable {
        /// Poured in; `level` is how full the bucket is now.
        case allowed(level: Double)
        /// Nothing poured; `retryAfter` seconds drain enough to take the cost.
        case refused(level: Double, retryAfter: Double)
    }

    public let limit: Limit
    public private(set) var level: Double = 0
    /// Seconds on the caller's monotonic clock when `level` was last brought up to date.
    private var updatedAt: Double

    public init(limit: Limit, now: Double) {
        self.limit = limit
        self.updatedAt = now
    }

    /// The level after draining up to `now`.
    public mutating func drain(at now: Double) {
        level = max(0, level - max(0, now - updatedAt) * limit.leakPerSecond)
        updatedAt = max(updatedAt, now)
    }

    /// Pours `cost` in when it fits. A cost larger than the whole bucket never fits.
    public mutating func take(_ cost: Double, at now: Double) -> Decision {
        drain(at: now)
        if level + cost <= limit.capacity {
            level += cost
            return .allowed(level: level)
        }
        let overflow = level + cost - limit.capacity
        let wait = cost > limit.capacity ? .infinity : overflow / limit.leakPerSecond
        return .refused(level: level, retryAfter: wait)
    }
}
