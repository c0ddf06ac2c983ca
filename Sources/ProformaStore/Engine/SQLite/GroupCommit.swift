import Logging
import SQLKit
import Synchronization
import VaporCSQLite

/// SQLite's one writer connection, shared by write transactions that take turns on it and
/// commit together when they queue up (group commit).
///
/// A commit writes every page the transaction touched to the WAL. A draft touches about twenty
/// (its table, its indexes, its lines, its tags, the number counter), and consecutive drafts
/// touch mostly the same ones, so committing the transactions that are waiting anyway as one
/// writes those pages once instead of once each.
///
/// Invariants:
/// - Bodies run one at a time, each on the state its predecessors left, as if in sequence.
/// - A body that throws is undone alone (the first of a batch by rolling back the batch, the
///   others to a savepoint), and its caller gets the error at once. The exception is an error
///   on which SQLite itself rolls back the whole transaction (a full disk, an I/O error, out
///   of memory): then the batch is lost, and every caller in it gets that error.
/// - A caller whose body succeeded returns only after the batch that holds it has committed,
///   and gets the commit's error if it failed: no caller ever sees a write that is later lost.
/// - A batch is left open only for a caller already waiting for the lock, who continues it.
///   Whoever takes the lock with a batch open, and has no body to add (closing, a statement
///   outside transactions), commits the batch first.
final class GroupCommitWriter: Sendable {
    /// Large enough to amortize commits, small enough that the first caller of a batch does
    /// not wait long for the last.
    static let maximumBatch = 32

    private struct Batch {
        var isOpen = false
        var count = 0
        /// Callers whose bodies succeeded, waiting for the commit.
        var waiting: [CheckedContinuation<Void, any Error>] = []
    }

    private let handle: SQLiteHandle
    private let db: any SQLDatabase
    /// Transactions run their code on the connection's own thread (see `ThreadPoolTaskExecutor`).
    private let executor: ThreadPoolTaskExecutor
    private let lock = AsyncLock()
    private let batch = Mutex(Batch())
    /// Batches committed so far.
    let commits = Atomic<Int>(0)

    /// Whether a write transaction is waiting for the one that holds the writer.
    var hasWaitingWrites: Bool { lock.hasWaiters }

    init(handle: SQLiteHandle, logger: Logger) {
        self.handle = handle
        self.db = SQLiteHandleDatabase(handle: handle, logger: logger)
        self.executor = handle.executor
    }

    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(executor) { try await inBatch(body) }
    }

    private func inBatch<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        await lock.acquire()
        let outcome: Result<T, any Error>
        do {
            outcome = try await run(body)
        } catch {
            // The batch could not go on; `run` has failed it and everyone in it.
            lock.release()
            throw error
        }
        if batch.withLock({ $0.isOpen && $0.count < Self.maximumBatch }), lock.hasWaiters {
            switch outcome {
            case .success(let value):
                try await withCheckedThrowingContinuation { continuation in
                    batch.withLock { $0.waiting.append(continuation) }
                    lock.release()
                }
                return value
            case .failure(let error):
                lock.release()
                throw error
            }
        }
        let commit = await commitBatch()
        lock.release()
        try commit.get()
        return try outcome.get()
    }

    /// Runs `body` holding the connection alone, with no transaction open: for statements that
    /// refuse to run inside one, and for closing.
    func exclusively<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(executor) {
            await lock.acquire()
            defer { lock.release() }
            _ = await commitBatch()
            return try await body(db)
        }
    }

    /// Runs a statement that steers the batch. It runs at once whether or not the caller was
    /// cancelled: a skipped RELEASE or COMMIT would fail callers who were not.
    private func control(_ sql: String) throws {
        try handle.execute(sql)
    }

    /// Adds `body` to the open batch, or opens one. Returns the body's own outcome; throws when
    /// the batch itself broke, after failing every caller waiting on it.
    private func run<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> Result<T, any Error> {
        let isFirst = !batch.withLock { $0.isOpen }
        if isFirst {
            do {
                try control("BEGIN IMMEDIATE")
            } catch {
                // A transaction left open by a failure this writer could not see through
                // (a ROLLBACK that failed) would refuse every BEGIN from now on: end it, once.
                try? control("ROLLBACK")
                try control("BEGIN IMMEDIATE")
            }
            batch.withLock { $0.isOpen = true }
        } else {
            try orFailBatch { try control("SAVEPOINT proforma_write") }
        }
        batch.withLock { $0.count += 1 }
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(db))
        } catch {
            outcome = .failure(error)
        }
        guard handle.isInTransaction else {
            // SQLite rolled back the batch under the body: what its predecessors wrote is gone
            // too. A body that caught the error and went on has even written outside the
            // transaction, one statement at a time: it is told of the loss all the same.
            let error: any Error = switch outcome {
            case .failure(let error): error
            case .success: SQLiteFailure(code: SQLITE_ABORT, message: "the write transaction was rolled back under it")
            }
            finish(with: .failure(error))
            throw error
        }
        switch (outcome, isFirst) {
        case (.success, true):
            break
        case (.success, false):
            try orFailBatch { try control("RELEASE proforma_write") }
        case (.failure, true):
            // Nothing else is in the batch: dropping it undoes exactly this body. SQLite may
            // have rolled back already (a full disk, an I/O error); either way the body's own
            // error is the one to report.
            try? control("ROLLBACK")
            batch.withLock { $0 = Batch() }
        case (.failure, false):
            try orFailBatch {
                try control("ROLLBACK TO proforma_write")
                try control("RELEASE proforma_write")
            }
        }
        return outcome
    }

    private func orFailBatch(_ step: () throws -> Void) throws {
        do {
            try step()
        } catch {
            try? control("ROLLBACK")
            finish(with: .failure(error))
            throw error
        }
    }

    /// Commits the open batch, if any, and tells everyone waiting on it how it went.
    private func commitBatch() async -> Result<Void, any Error> {
        guard batch.withLock({ $0.isOpen }) else { return .success(()) }
        let result: Result<Void, any Error>
        do {
            try control("COMMIT")
            commits.add(1, ordering: .relaxed)
            result = .success(())
        } catch {
            try? control("ROLLBACK")
            result = .failure(error)
        }
        finish(with: result)
        return result
    }

    private func finish(with result: Result<Void, any Error>) {
        let waiting = batch.withLock { batch in
            defer { batch = Batch() }
            return batch.waiting
        }
        for continuation in waiting { continuation.resume(with: result) }
    }
}
