import ProformaCore
@testable import ProformaServices
import ProformaStore
import ProformaTestSupport
import Synchronization
import Testing

@Suite("Job leases")
struct JobLeaseTests {
    /// A delivery that tells when it has started, waits to be let go, then fails.
    final class HeldDelivery: DeliveryJobHandler {
        let kind = "held"
        let started: AsyncStream<Void>.Continuation
        let release: AsyncStream<Void>
        struct Failed: Error {}

        init(started: AsyncStream<Void>.Continuation, release: AsyncStream<Void>) {
            self.started = started
            self.release = release
        }

        func perform(_ job: Job) async throws {
            started.yield()
            for await _ in release { break }
            throw Failed()
        }
    }

    struct Delivered: DeliveryJobHandler {
        let kind = "held"
        func perform(_ job: Job) async throws {}
    }

    /// A runner outlives its lease; another claims the job and delivers it. When the first one
    /// then fails, its failure must not queue the delivered job again.
    @Test("a runner whose lease ran out cannot undo what the job's next runner did", arguments: TestEngine.all)
    func expiredClaimChangesNothing(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let job = try await context.jobs.enqueue(shop: shop.id, kind: "held", payload: "{}")
            let (started, startedContinuation) = AsyncStream<Void>.makeStream()
            let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
            let first = Task {
                try await context.jobs.runOnce(handlers: ["held": .delivery(HeldDelivery(started: startedContinuation,
                                                                                         release: release))])
            }
            for await _ in started { break }
            context.clock.advance(seconds: JobQueue.lease + 1)
            #expect(try await context.jobs.runOnce(handlers: ["held": .delivery(Delivered())]))
            releaseContinuation.yield()
            #expect(try await first.value)

            let after = try #require(try await context.jobs.job(shop: shop.id, id: job.id))
            #expect(after.status == .done && after.attempts == 2 && after.lastError == nil, "\(after)")
            #expect(try await !context.jobs.runOnce(handlers: ["held": .delivery(Delivered())]))
        }
    }

    struct Failing: DeliveryJobHandler {
        let kind = "held"
        struct Refused: Error {}
        func perform(_ job: Job) async throws { throw Refused() }
    }

    /// The claim's own runner records its outcome: a failure queues the job again with the
    /// error, a job with no handler fails for good.
    @Test("a failed run is retried later with its error kept; a job no handler knows fails", arguments: TestEngine.all)
    func failuresUnderTheClaim(engine: TestEngine) async throws {
        try await withTestStore(engine) { context in
            let shop = try await context.makeShop()
            let job = try await context.jobs.enqueue(shop: shop.id, kind: "held", payload: "{}")
            #expect(try await context.jobs.runOnce(handlers: ["held": .delivery(Failing())]))
            let failed = try #require(try await context.jobs.job(shop: shop.id, id: job.id))
            #expect(failed.status == .queued && failed.attempts == 1 && failed.lastError?.contains("Refused") == true)
            // Not due before its backoff.
            #expect(try await !context.jobs.runOnce(handlers: ["held": .delivery(Delivered())]))
            context.clock.advance(seconds: 2)
            #expect(try await context.jobs.runOnce(handlers: ["held": .delivery(Delivered())]))
            #expect(try await context.jobs.job(shop: shop.id, id: job.id)?.status == .done)

            let orphan = try await context.jobs.enqueue(shop: shop.id, kind: "unknown", payload: "{}")
            #expect(try await context.jobs.runOnce(handlers: [:]))
            let given = try #require(try await context.jobs.job(shop: shop.id, id: orphan.id))
            #expect(given.status == .failed && given.lastError == "no handler for unknown" && given.completedAt != nil)
        }
    }
}
