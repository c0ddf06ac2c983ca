import PostgresNIO
import Synchronization

/// Connections kept leased from postgres-nio's pool between transactions while requests keep
/// coming, and handed back to it once they sit idle.
///
/// Each lease and release through the pool starts and cancels timer tasks (the idle
/// connection's keep-alive), each a job on the shared cooperative threads, and resumes the
/// caller through a continuation. A search leases twice (the access token, then the page), and
/// at one connection those wake-ups were 10 of its 25 context switches. A connection kept here
/// goes from one transaction to the next with a lock and an array.
///
/// Invariants:
/// - At most `maximum` connections are leased from the client at once. Each is idle here, lent
///   to exactly one caller, or on its way from the client to a waiting caller.
/// - Callers that find none idle and none left to lease wait in arrival order, and a
///   connection that comes back goes straight to the longest waiter.
/// - A connection idle here for `idleLimit` goes back to the client, whose keep-alive covers
///   it from then on. One that is closed, or whose caller failed, goes back at once, and one
///   found closed while idle is never lent; after `shutDown()` every one goes back.
/// - Unlike the client's own queue, a caller waiting here is not released by cancellation; it
///   waits for the next connection to come back, which a running transaction always does.
final class LeasedConnections: Sendable {
    private struct Lease: Sendable {
        let connection: PostgresConnection
        /// Ends the client's `withConnection` that holds the connection.
        let handBack: CheckedContinuation<Void, Never>
    }

    private struct State {
        var idle: [(lease: Lease, since: ContinuousClock.Instant)] = []
        var leased = 0
        var waiters = ArrivalQueue<CheckedContinuation<Lease, any Error>>()
        var isShutDown = false

        /// Counts one connection fewer leased, and returns the longest waiter, counted in
        /// `leased` again, when there is one to lease a connection for in its place.
        mutating func dropLease() -> CheckedContinuation<Lease, any Error>? {
            leased -= 1
            guard !waiters.isEmpty else { return nil }
            leased += 1
            return waiters.popFirst()
        }
    }

    private let client: PostgresClient
    private let maximum: Int
    private let idleLimit: Duration
    private let state = Mutex(State())

    init(client: PostgresClient, maximum: Int, idleLimit: Duration = .seconds(1)) {
        self.client = client
        self.maximum = maximum
        self.idleLimit = idleLimit
    }

    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let lease = try await take()
        let value: T
        do {
            value = try await body(lease.connection)
        } catch {
            // The connection may be broken without knowing it yet (a FATAL answer arrives
            // before the socket closes): the client's pool watches it from here on.
            give(lease, keep: false)
            throw error
        }
        give(lease, keep: true)
        return value
    }

    private func take() async throws -> Lease {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Lease, any Error>) in
            var closed: [Lease] = []
            let idle = state.withLock { state -> Lease? in
                while let idle = state.idle.popLast() {
                    // Closed while idle here (the server restarted, or ended the session).
                    guard idle.lease.connection.isClosed else { return idle.lease }
                    closed.append(idle.lease)
                    state.leased -= 1
                }
                if state.leased < maximum {
                    state.leased += 1
                    leaseFromClient(for: continuation)
                } else {
                    state.waiters.append(continuation)
                }
                return nil
            }
            for lease in closed { lease.handBack.resume() }
            if let idle { continuation.resume(returning: idle) }
        }
    }

    /// Leases a connection from the client for `caller`, and holds it until it is handed back.
    /// The caller has already been counted in `leased`.
    private func leaseFromClient(for caller: CheckedContinuation<Lease, any Error>) {
        Task {
            do {
                try await client.withConnection { connection in
                    await withCheckedContinuation { handBack in
                        caller.resume(returning: Lease(connection: connection, handBack: handBack))
                    }
                }
            } catch {
                // Only leasing throws (the closure cannot), so the caller has not been resumed.
                caller.resume(throwing: error)
                if let next = state.withLock({ $0.dropLease() }) { leaseFromClient(for: next) }
            }
        }
    }

    private func give(_ lease: Lease, keep: Bool) {
        let keep = keep && !lease.connection.isClosed
        let now = ContinuousClock.now
        let (waiter, handBack, leaseFor) = state.withLock { state
            -> (CheckedContinuation<Lease, any Error>?, Bool, CheckedContinuation<Lease, any Error>?) in
            if !keep || state.isShutDown { return (nil, true, state.dropLease()) }
            if let waiter = state.waiters.popFirst() { return (waiter, false, nil) }
            state.idle.append((lease, now))
            return (nil, false, nil)
        }
        if handBack { lease.handBack.resume() }
        waiter?.resume(returning: lease)
        if let leaseFor { leaseFromClient(for: leaseFor) }
    }

    /// Hands back to the client every connection idle here for `idleLimit`, until cancelled;
    /// then hands back all of them, and from then on each as soon as it is given back.
    func run() async {
        while (try? await Task.sleep(for: idleLimit)) != nil {
            let cutoff = ContinuousClock.now - idleLimit
            let stale = state.withLock { state -> [Lease] in
                // Connections are appended as they come back, so the oldest are first.
                let count = state.idle.prefix { $0.since <= cutoff }.count
                let stale = state.idle.prefix(count).map(\.lease)
                state.idle.removeFirst(count)
                state.leased -= count
                return stale
            }
            for lease in stale { lease.handBack.resume() }
        }
        shutDown()
    }

    private func shutDown() {
        let idle = state.withLock { state -> [Lease] in
            state.isShutDown = true
            defer { state.leased -= state.idle.count; state.idle.removeAll() }
            return state.idle.map(\.lease)
        }
        for lease in idle { lease.handBack.resume() }
    }
}
