import Foundation
import ProformaCore
import Synchronization

/// Wakes the job runner of this process when work is queued, so that a job starts at once
/// instead of at the next poll. Other instances find it at their next poll.
public final class JobSignal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    public func notify() { continuation.yield() }

    /// Waits for a notification or the timeout, whichever comes first.
    func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [stream] in
                var iterator = stream.makeAsyncIterator()
                _ = await iterator.next()
            }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }
}

/// Does the work of one kind of job, a batch at a time.
public protocol JobHandler: Sendable {
    var kind: String { get }
    /// Runs the next batch of `job` and returns the payload to resume from, or nil when the
    /// job is finished. A batch commits on its own, so a crash loses at most the batch.
    func step(_ job: Job) async throws -> String?
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
    public func runOnce(handlers: [String: any JobHandler]) async throws -> Bool {
        let now = clock.now()
        guard let job = try await store.write({ session in
            try await session.jobs.claimNext(at: now, leaseUntil: now.adding(seconds: Self.lease))
        }) else { return false }
        guard let handler = handlers[job.kind] else {
            try await store.write { try await $0.jobs.fail(job.id, shop: job.shopID, error: "no handler for \(job.kind)",
                                                           retryAt: nil, at: now) }
            return true
        }
        do {
            if let progress = try await handler.step(job) {
                // Hand the job back so that it resumes, here or on another instance, with its next batch.
                try await store.write { try await $0.jobs.requeue(job.id, shop: job.shopID, payload: progress, at: clock.now()) }
            } else {
                try await store.write { try await $0.jobs.complete(job.id, shop: job.shopID, at: clock.now()) }
            }
        } catch {
            let retry = job.attempts < Self.maximumAttempts ? clock.now().adding(seconds: Int64(1) << min(job.attempts, 10)) : nil
            try await store.write { try await $0.jobs.fail(job.id, shop: job.shopID, error: "\(error)", retryAt: retry,
                                                           at: clock.now()) }
        }
        return true
    }

    /// Runs jobs until the task is cancelled, polling every `interval` when idle.
    public func run(handlers: [String: any JobHandler], interval: Duration = .seconds(1),
                    onError: @Sendable (any Error) -> Void = { _ in }) async {
        while !Task.isCancelled {
            do {
                if try await runOnce(handlers: handlers) { continue }
            } catch {
                onError(error)
            }
            await signal.wait(timeout: interval)
        }
    }
}
