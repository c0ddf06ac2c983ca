import Foundation
import ProformaCore
import Synchronization

/// Wakes the job runner of this process when work is queued, so that a job starts at once
/// instead of at the next poll. Other instances find it at their next poll.
///
/// Invariant: one task waits at a time (the process's runner). A notification that finds no
/// one waiting is kept, once, for the next wait.
public final class JobSignal: Sendable {
    private struct State {
        var isNotified = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    public func notify() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.isNotified = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns at the next notification, or when `timeout` has passed without one.
    func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.nextNotification() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Waits for a notification; returns early when the task is cancelled.
    private func nextNotification() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    // Cancelled before the waiter was stored: the handler found nothing to resume.
                    if state.isNotified || Task.isCancelled {
                        state.isNotified = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}

/// Does the work of one kind of job, a batch at a time.
public protocol JobHandler: Sendable {
    var kind: String { get }
    /// Runs the next batch of `job` inside `session`'s transaction and returns the payload to
    /// resume from, or nil when the job is finished. The queue records that progress in the
    /// same transaction, so a batch and the progress past it commit together: a crash never
    /// repeats a batch or skips one.
    func step(_ job: Job, in session: any StoreSession) async throws -> String?
}

/// Delivers one job to the world outside the database (an email), outside any transaction.
/// Delivery is at least once: a crash after the delivery and before it is recorded delivers
/// again, so receivers must tolerate a repeat. A failure is retried with backoff.
public protocol DeliveryJobHandler: Sendable {
    var kind: String { get }
    func perform(_ job: Job) async throws
}

/// How the jobs of one kind run.
public enum JobWork: Sendable {
    /// In batches, each inside a transaction with its progress.
    case batches(any JobHandler)
    /// Once, outside any transaction.
    case delivery(any DeliveryJobHandler)
}

/// Queues background jobs and runs them: any number of instances may run the loop.
public struct JobQueue: Sendable {
    let store: any Store
    let clock: any WallClock
    public let signal: JobSignal

    /// How long a claimed job is held before another runner may take it over.
    static let lease: Int64 = 60
    static let maximumAttempts = 5

    public init(store: any Store, clock: any WallClock, signal: JobSignal = JobSignal()) {
        self.store = store
        self.clock = clock
        self.signal = signal
    }

    public func enqueue(shop: ShopID, kind: String, payload: String) async throws -> Job {
        let now = clock.now()
        let job = try await store.write { try await $0.jobs.enqueue(shop: shop, kind: kind, payload: payload, at: now) }
        signal.notify()
        return job
    }

    public func job(shop: ShopID, id: JobID) async throws -> Job? {
        try await store.read { try await $0.jobs.job(shop: shop, id: id) }
    }

    /// Claims one due job and runs one batch of it; returns false when none was due.
    public func runOnce(handlers: [String: JobWork]) async throws -> Bool {
        let now = clock.now()
        let lease = now.adding(seconds: Self.lease)
        guard let job = try await store.write({ session in try await session.jobs.claimNext(at: now, leaseUntil: lease) }) else {
            return false
        }
        guard let handler = handlers[job.kind] else {
            _ = try await store.write { try await $0.jobs.fail(job.id, shop: job.shopID, lease: lease,
                                                               error: "no handler for \(job.kind)", retryAt: nil, at: now) }
            return true
        }
        do {
            switch handler {
            case .delivery(let delivery):
                try await delivery.perform(job)
                _ = try await store.write { try await $0.jobs.complete(job.id, shop: job.shopID, lease: lease, at: clock.now()) }
            case .batches(let batches):
                try await store.write { session in
                    let ended = if let progress = try await batches.step(job, in: session) {
                        // Handed back, so that the next batch runs here or on another instance.
                        try await session.jobs.requeue(job.id, shop: job.shopID, lease: lease, payload: progress, at: clock.now())
                    } else {
                        try await session.jobs.complete(job.id, shop: job.shopID, lease: lease, at: clock.now())
                    }
                    // The lease ran out and another runner has the job: this batch is undone, as it runs there.
                    guard ended else { throw ClaimLost() }
                }
            }
        } catch is ClaimLost {
            return true
        } catch {
            let retry = job.attempts < Self.maximumAttempts ? clock.now().adding(seconds: Int64(1) << min(job.attempts, 10)) : nil
            _ = try await store.write { try await $0.jobs.fail(job.id, shop: job.shopID, lease: lease, error: "\(error)",
                                                               retryAt: retry, at: clock.now()) }
        }
        return true
    }

    /// A batch finished after its claim on the job had ended.
    private struct ClaimLost: Error {}

    /// Runs jobs until the task is cancelled, polling every `interval` when idle.
    public func run(handlers: [String: JobWork], interval: Duration = .seconds(1),
                    onError: @Sendable (any Error) -> Void = { _ in }) async {
        while !Task.isCancelled {
            do {
                if try await runOnce(handlers: handlers) { continue }
            } catch {
                // Stopping cancels the batch in progress, which rolls back and runs again later.
                if !Task.isCancelled { onError(error) }
            }
            await signal.wait(timeout: interval)
        }
    }
}
