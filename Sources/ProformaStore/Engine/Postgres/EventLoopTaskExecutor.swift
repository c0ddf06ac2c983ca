import NIOCore

/// Runs the jobs of tasks that prefer it on one NIO event loop: the loop of the PostgreSQL
/// connection a transaction holds.
///
/// Every statement is a round trip on that loop. On the shared cooperative pool, each answer
/// wakes a pool thread to resume the transaction, whose next statement wakes the loop again:
/// two thread hops per statement, and a wait in the pool's queue behind unrelated requests
/// while the transaction holds its locks. On the connection's own loop the answer resumes the
/// transaction in the same turn, and its next statement is written without a wake-up.
///
/// Invariant: jobs run on the loop's thread, one at a time, in the order they were enqueued.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = self
        eventLoop.execute { job.runSynchronously(on: executor.asUnownedTaskExecutor()) }
    }
}
