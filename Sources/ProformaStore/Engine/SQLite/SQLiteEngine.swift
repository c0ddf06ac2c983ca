import Foundation
import Logging
import SQLKit
import Synchronization
import VaporCSQLite

/// SQLite in WAL mode: one writer connection that transactions take turns on and commit in
/// groups (`GroupCommitWriter`), a few read-only connections that read concurrently with it,
/// and a connection that checkpoints the WAL in the background.
///
/// The engine owns a thread per connection, on which its transactions run. SQLite blocks its
/// calling thread while it waits for a lock held by another process; with a thread each, such a
/// wait can never starve the connection that would release the lock. (One-statement lookups and
/// the reads that prepare a write run on their caller's thread; see `lookup` and `readBeforeWrite`.)
///
/// Serializing writers in-process costs nothing SQLite would not impose anyway (it allows one
/// writer at a time) and spares every transaction a busy-wait; `busy_timeout` still covers
/// writers in other processes, such as a second `proforma migrate`.
final class SQLiteEngine: SQLEngine {
    let kind = SQLEngineKind.sqlite
    private let writerHandle: SQLiteHandle
    let writer: GroupCommitWriter
    private let readers: ResourcePool<SQLiteHandle>
    private let readerCount: Int
    private let checkpointer: SQLiteHandle
    private let logger: Logger
    /// Background checkpoints run so far.
    let checkpoints = Atomic<Int>(0)
    /// Held while checkpointing and while closing the checkpointer, so that neither sees the other half done.
    private let checkpointLock = AsyncLock()
    private let isClosed = Mutex(false)

    private init(writer: SQLiteHandle, readers: [SQLiteHandle], checkpointer: SQLiteHandle, logger: Logger) {
        self.writerHandle = writer
        self.readers = ResourcePool(readers)
        self.readerCount = readers.count
        self.checkpointer = checkpointer
        self.logger = logger
        self.writer = GroupCommitWriter(handle: writer, logger: logger)
    }

    static func open(path: String, logger: Logger, readerCount: Int = 4) async throws -> SQLiteEngine {
        try checkWritable(path: path)
        var opened: [SQLiteHandle] = []
        func connect(_ pragmas: [String]) async throws -> SQLiteHandle {
            let handle = try SQLiteHandle.open(path: path)
            opened.append(handle)
            try await withTaskExecutorPreference(handle.executor) {
                for pragma in ["PRAGMA busy_timeout = 10000"] + pragmas {
                    try await retryingWhileBusy { try handle.execute(pragma) }
                }
            }
            return handle
        }
        do {
            let writer = try await connect([
                "PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL",
                // The checkpointer copies the WAL into the database as it grows, but under steady
                // writes the WAL only starts over once the writer checkpoints the rest itself, and
                // every write waits while that syncs the disk. At 1,000 pages (SQLite's default) it
                // does so several times a second, each time briefly: creates' p99 at 32 connections
                // was 21–22 ms against 26–29 at 10,000 pages, and 499-line updates' 118–119 against
                // 125–127 ms, at 3–4% fewer updates a second (see bench/HISTORY.md).
                "PRAGMA wal_autocheckpoint = 1000", "PRAGMA journal_size_limit = 67108864",
                // Each write body runs under a savepoint, and a multi-row statement may need undoing on
                // its own: SQLite keeps the pages to undo in a statement journal, which past 64 KiB it
                // spills to a temporary file in /var/tmp. A 499-line update wrote it some 4,000 times a
                // second; in memory it costs no system call and is gone at the commit.
                "PRAGMA temp_store = MEMORY",
            ])
            var readers: [SQLiteHandle] = []
            for _ in 0..<readerCount {
                readers.append(try await connect(["PRAGMA query_only = ON"]))
            }
            let checkpointer = try await connect([])
            return SQLiteEngine(writer: writer, readers: readers, checkpointer: checkpointer, logger: logger)
        } catch {
            for handle in opened { await handle.close() }
            throw SQLiteOpenError(path: path, reason: "\(error)")
        }
    }

    /// Runs `work` again while SQLite answers "busy", for up to ten seconds. Switching a new file
    /// to WAL needs the whole file; when another process holds it (two `migrate`s at once), SQLite
    /// may answer at once without waiting out `busy_timeout`, to avoid a deadlock.
    private static func retryingWhileBusy(_ work: () throws -> Void) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                return try work()
            } catch let error as SQLiteFailure where error.isBusy && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// Fails early, with the path in the message, where SQLite would only say "unable to open".
    private static func checkWritable(path: String) throws {
        let fileManager = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SQLiteOpenError(path: path, reason: "the folder \(folder) does not exist")
        }
        if fileManager.fileExists(atPath: path) {
            guard fileManager.isWritableFile(atPath: path) else {
                throw SQLiteOpenError(path: path, reason: "the file is not writable")
            }
        } else if !fileManager.isWritableFile(atPath: folder) {
            throw SQLiteOpenError(path: path, reason: "the folder \(folder) is not writable")
        }
    }

    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.transaction(body)
    }

    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withReader { handle in
            try await withTaskExecutorPreference(handle.executor) { try await readTransaction(on: handle, body) }
        }
    }

    /// A reader connection, lent until `body` returns. Once closed, the pool's readers are gone
    /// for good: asking for one would wait forever, so it fails.
    private func withReader<T>(_ body: (SQLiteHandle) async throws -> T) async throws -> T {
        guard !isClosed.withLock({ $0 }) else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "the database is closed") }
        return try await readers.withResource(body)
    }

    private func readTransaction<T: Sendable>(on handle: SQLiteHandle,
                                              _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await inTransaction(SQLiteHandleDatabase(handle: handle, logger: logger), begin: "BEGIN", body)
    }

    /// Runs on the caller's thread, as a lookup does. Preparing a write is short (a create's
    /// lookups and building its draft), and the two hops to a reader's thread and back cost
    /// more: creates at 32 connections took 0.58–0.59 ms of server CPU against 0.60–0.63, at
    /// 2,908–2,953 a second against 2,699–2,833, and 100 reservers' p99 fell from 38–53 to 31–50
    /// ms, while 499-line updates, whose build is long, did not change (alternating runs).
    func readBeforeWrite<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withReader { handle in try await readTransaction(on: handle, body) }
    }

    /// Runs on the caller's thread rather than the reader's own. A lookup is one short statement
    /// (an access token, a session), and hopping to the reader's thread and back cost two thread
    /// wake-ups per request, more than the statement itself. A reader in WAL mode waits for
    /// another process only in rare cases (one recovering the WAL after a crash, or holding the
    /// database exclusively), so the caller's thread is held no longer than the statement.
    /// A read transaction keeps its own thread: on the two cooperative threads, pages of drafts
    /// decoded to completion one after another doubled p99 of searches at 32 connections.
    func lookup<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withReader { handle in
            try await body(SQLiteHandleDatabase(handle: handle, logger: logger))
        }
    }

    func execute(_ statement: String) async throws {
        try await writer.exclusively { db in try await db.raw(SQLQueryString(statement)).run() }
    }

    /// Checkpoints the WAL in the background, every 50 ms when anything was written.
    ///
    /// A checkpoint copies committed pages into the database file and syncs it to disk. Left to
    /// SQLite, the commit that crosses the threshold does it, and every writer queued behind
    /// that commit waits for the disk; from a connection of its own it overlaps with writing.
    /// Checkpointing often also leaves less unsynced WAL for the writer's own checkpoint when
    /// the WAL starts over (see `wal_autocheckpoint`): at 50 ms rather than 200 ms, creates at
    /// 32 connections ran 5–10% faster with a p99 of about 70 ms instead of 85–95 ms.
    func run() async {
        var checkpointedCommits = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
            let commits = writer.commits.load(ordering: .relaxed)
            guard commits != checkpointedCommits else { continue }
            checkpointedCommits = commits
            _ = try? await checkpointLock.withLock {
                guard !isClosed.withLock({ $0 }) else { return }
                try await withTaskExecutorPreference(checkpointer.executor) {
                    try checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)")
                }
                checkpoints.add(1, ordering: .relaxed)
            }
        }
    }

    func close() async {
        // Only the first call closes; later ones (a service and a `defer` both closing) return.
        guard isClosed.withLock({ closed in defer { closed = true }; return !closed }) else { return }
        // Wait until no transaction holds the writer, then close everything exactly once. Each
        // close runs in a task of its own, so that a cancelled caller still closes.
        let writerHandle = writerHandle
        _ = try? await writer.exclusively { _ in await Task { await writerHandle.close() }.value }
        for handle in await readers.retireAll(count: readerCount) {
            await Task { await handle.close() }.value
        }
        let checkpointer = checkpointer
        _ = try? await checkpointLock.withLock { await Task { await checkpointer.close() }.value }
    }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? SQLiteFailure else { return false }
        return error.isUniqueViolation || (error.primaryCode == SQLITE_CONSTRAINT && error.message.contains("UNIQUE"))
    }
}

struct SQLiteOpenError: Error, CustomStringConvertible {
    var path: String
    var reason: String

    var description: String { "cannot open SQLite database at \(path): \(reason)" }
}
