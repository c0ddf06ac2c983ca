import NIOPosix

/// Runs the jobs of tasks that prefer it on a one-thread `NIOThreadPool`: the same thread that
/// runs the SQLite writer's statements.
///
/// A write transaction holds the writer lock across every statement it awaits. On the shared
/// cooperative pool, each resumption would queue behind unrelated requests while every other
/// writer waits; here the transaction's code and its statements take turns on one thread, so
/// the lock is held for the work itself and nothing else.
///
/// Invariant: the pool has exactly one thread, so jobs and statements run one at a time, in
/// the order they were submitted.
final class ThreadPoolTaskExecutor: TaskExecutor {
    private let pool: NIOThreadPool

    /// `pool` must have one thread and stay running while tasks prefer this executor.
    init(pool: NIOThreadPool) {
        precondition(pool.numberOfThreads == 1, "a task executor needs a one-thread pool")
        self.pool = pool
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pool.submit { state in
            switch state {
            case .active:
                job.runSynchronously(on: self.asUnownedTaskExecutor())
            case .cancelled:
                // The pool has shut down: the task goes on elsewhere rather than stranding.
                globalConcurrentExecutor.enqueue(ExecutorJob(job))
            }
        }
    }
}
