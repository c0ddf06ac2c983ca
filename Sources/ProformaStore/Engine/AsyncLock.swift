import Synchronization

/// A first-come, first-served lock for async code that holds it across suspension points.
///
/// Invariant: at most one caller runs inside `withLock` at a time, and waiters are resumed
/// in arrival order, so a steady stream of writers cannot starve an earlier one.
final class AsyncLock: Sendable {
    private struct State {
        var isLocked = false
        var waiters = ArrivalQueue<CheckedContinuation<Void, Never>>()
    }

    private let state = Mutex(State())

    /// Whether someone waits for the lock; only meaningful to its holder, since waiters can
    /// arrive at any moment but never leave without getting the lock.
    var hasWaiters: Bool {
        state.withLock { !$0.waiters.isEmpty }
    }

    func withLock<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state -> Bool in
                if state.isLocked {
                    state.waiters.append(continuation)
                    return false
                }
                state.isLocked = true
                return true
            }
            if acquired { continuation.resume() }
        }
    }

    /// Passes the lock to the longest waiter, or unlocks it when none waits.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            // The lock passes straight to a waiter and stays locked.
            guard let waiter = state.waiters.popFirst() else {
                state.isLocked = false
                return nil
            }
            return waiter
        }
        next?.resume()
    }
}

/// A fixed set of reusable resources handed out one caller at a time.
///
/// Invariant: every resource is either in `idle` or lent to exactly one caller; callers
/// beyond the pool size wait in arrival order.
final class ResourcePool<Resource: Sendable>: Sendable {
    private struct State {
        var idle: [Resource]
        var waiters = ArrivalQueue<CheckedContinuation<Resource, Never>>()
    }

    private let state: Mutex<State>

    init(_ resources: [Resource]) {
        state = Mutex(State(idle: resources))
    }

    func withResource<T>(_ body: (Resource) async throws -> T) async throws -> T {
        let resource = await take()
        defer { give(resource) }
        return try await body(resource)
    }

    /// Takes all `count` resources out of the pool for good, waiting for borrowed ones to
    /// come back: how a pool is emptied at shutdown.
    func retireAll(count: Int) async -> [Resource] {
        var retired: [Resource] = []
        for _ in 0..<count { retired.append(await take()) }
        return retired
    }

    private func take() async -> Resource {
        await withCheckedContinuation { (continuation: CheckedContinuation<Resource, Never>) in
            let resource = state.withLock { state -> Resource? in
                if let resource = state.idle.popLast() { return resource }
                state.waiters.append(continuation)
                return nil
            }
            if let resource { continuation.resume(returning: resource) }
        }
    }

    private func give(_ resource: Resource) {
        let waiter = state.withLock { state -> CheckedContinuation<Resource, Never>? in
            guard let waiter = state.waiters.popFirst() else {
                state.idle.append(resource)
                return nil
            }
            return waiter
        }
        waiter?.resume(returning: resource)
    }
}
