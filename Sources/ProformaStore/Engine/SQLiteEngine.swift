import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite in WAL mode: one writer connection that transactions take turns on and commit in
/// groups (`GroupCommitWriter`), a few read-only connections that read concurrently with it,
/// and a connection that checkpoints the WAL in the background.
///
/// The engine owns a thread per connection. SQLite blocks its calling thread while it waits for
/// a lock held by another process; with a thread each, such a wait can never starve the
/// connection that would release the lock.
///
/// Serializing writers in-process costs nothing SQLite would not impose anyway (it allows one
/// writer at a time) and spares every transaction a busy-wait; `busy_timeout` still covers
/// writers in other processes, such as a second `proforma migrate`.
final class SQLiteEngine: SQLEngine {
    let kind = SQLEngineKind.sqlite
    private let writerConnection: SQLiteConnection
    let writer: GroupCommitWriter
    private let readers: ResourcePool<SQLiteConnection>
    private let readerCount: Int
    private let checkpointer: SQLiteConnection
    private let threadPools: [NIOThreadPool]
    /// Background checkpoints run so far.
    let checkpoints = Atomic<Int>(0)
    /// Held while checkpointing and while closing the checkpointer, so that neither sees the other half done.
    private let checkpointLock = AsyncLock()
    private let isClosed = Mutex(false)

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], checkpointer: SQLiteConnection,
                 writerPool: NIOThreadPool, otherPool: NIOThreadPool) {
        self.writerConnection = writer
        self.readers = ResourcePool(readers)
        self.readerCount = readers.count
        self.checkpointer = checkpointer
        self.threadPools = [writerPool, otherPool]
        self.writer = GroupCommitWriter(connection: writer, pool: writerPool)
    }

    static func open(path: String, logger: Logger, readerCount: Int = 4) async throws -> SQLiteEngine {
        try checkWritable(path: path)
        let storage = SQLiteConnection.Storage.file(path: path)
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        // The writer has a pool of its own, which its transactions also run on; readers and the
        // checkpointer share the other, with a thread each.
        let writerPool = NIOThreadPool(numberOfThreads: 1)
        let otherPool = NIOThreadPool(numberOfThreads: readerCount + 1)
        writerPool.start()
        otherPool.start()
        var opened: [SQLiteConnection] = []
        func connect(_ pool: NIOThreadPool, _ pragmas: [String]) async throws -> SQLiteConnection {
            let connection = try await SQLiteConnection.open(storage: storage, threadPool: pool, logger: logger, on: eventLoop)
            opened.append(connection)
            for pragma in ["PRAGMA busy_timeout = 10000"] + pragmas {
                try await retryingWhileBusy { try await connection.query(pragma, []) { _ in } }
            }
            return connection
        }
        do {
            let writer = try await connect(writerPool, [
                "PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL",
                // The checkpointer keeps the WAL short; the writer only steps in if it falls far behind.
                "PRAGMA wal_autocheckpoint = 10000", "PRAGMA journal_size_limit = 67108864",
            ])
            var readers: [SQLiteConnection] = []
            for _ in 0..<readerCount {
                readers.append(try await connect(otherPool, ["PRAGMA query_only = ON"]))
            }
            let checkpointer = try await connect(otherPool, [])
            return SQLiteEngine(writer: writer, readers: readers, checkpointer: checkpointer,
                                writerPool: writerPool, otherPool: otherPool)
        } catch {
            for connection in opened { await close(connection) }
            await shutDown([writerPool, otherPool])
            throw SQLiteOpenError(path: path, reason: "\(error)")
        }
    }

    /// Runs `work` again while SQLite answers "busy", for up to ten seconds. Switching a new file
    /// to WAL needs the whole file; when another process holds it (two `migrate`s at once), SQLite
    /// may answer at once without waiting out `busy_timeout`, to avoid a deadlock.
    private static func retryingWhileBusy(_ work: () async throws -> Void) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                return try await work()
            } catch let error as SQLiteError where error.reason == .busy && ContinuousClock.now < deadline {
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
        try await readers.withResource { connection in
            try await inTransaction(connection.sql(queryLogLevel: nil), begin: "BEGIN", body)
        }
    }

    func execute(_ statement: String) async throws {
        try await writer.exclusively { db in try await db.raw(SQLQueryString(statement)).run() }
    }

    /// Checkpoints the WAL in the background, a few times a second when anything was written.
    ///
    /// A checkpoint copies committed pages into the database file and syncs it to disk. Left to
    /// SQLite, the commit that crosses the threshold does it, and every writer queued behind
    /// that commit waits for the disk; from a connection of its own it overlaps with writing.
    func run() async {
        var checkpointedCommits = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(200))
            let commits = writer.commits.load(ordering: .relaxed)
            guard commits != checkpointedCommits else { continue }
            checkpointedCommits = commits
            _ = try? await checkpointLock.withLock {
                guard !isClosed.withLock({ $0 }) else { return }
                try await checkpointer.query("PRAGMA wal_checkpoint(PASSIVE)", []) { _ in }
                checkpoints.add(1, ordering: .relaxed)
            }
        }
    }

    func close() async {
        // Only the first call closes; later ones (a service and a `defer` both closing) return.
        guard isClosed.withLock({ closed in defer { closed = true }; return !closed }) else { return }
        // Wait until no transaction holds the writer, then close everything exactly once.
        let connection = writerConnection
        _ = try? await writer.exclusively { _ in await Self.close(connection) }
        for connection in await readers.retireAll(count: readerCount) {
            await Self.close(connection)
        }
        _ = try? await checkpointLock.withLock { await Self.close(checkpointer) }
        await Self.shutDown(threadPools)
    }

    private static func shutDown(_ pools: [NIOThreadPool]) async {
        await Task { for pool in pools { try? await pool.shutdownGracefully() } }.value
    }

    /// Closes even when the calling task is cancelled: sqlite-nio traps on a connection that is
    /// released without being closed, and its thread-pool hop gives up on cancelled tasks.
    private static func close(_ connection: SQLiteConnection) async {
        await Task { try? await connection.close() }.value
    }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? SQLiteError else { return false }
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed: return true
        case .constraint: return error.message.contains("UNIQUE")
        default: return false
        }
    }
}

struct SQLiteOpenError: Error, CustomStringConvertible {
    var path: String
    var reason: String

    var description: String { "cannot open SQLite database at \(path): \(reason)" }
}
