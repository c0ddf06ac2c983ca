import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite in WAL mode: one writer connection that transactions take turns on, and a few
/// read-only connections that read concurrently with it.
///
/// The engine owns a thread pool with a thread per connection. SQLite blocks its calling thread
/// while it waits for a lock held by another process; with a thread each, such a wait can
/// never starve the connection that would release the lock.
///
/// Serializing writers in-process costs nothing SQLite would not impose anyway (it allows one
/// writer at a time) and spares every transaction a busy-wait; `busy_timeout` still covers
/// writers in other processes, such as a second `proforma migrate`.
final class SQLiteEngine: SQLEngine {
    let kind = SQLEngineKind.sqlite
    private let writer: SQLiteConnection
    private let writeLock = AsyncLock()
    private let readers: ResourcePool<SQLiteConnection>
    private let readerCount: Int
    private let threadPool: NIOThreadPool
    private let isClosed = Mutex(false)

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], threadPool: NIOThreadPool) {
        self.writer = writer
        self.readers = ResourcePool(readers)
        self.readerCount = readers.count
        self.threadPool = threadPool
    }

    static func open(path: String, logger: Logger, readerCount: Int = 4) async throws -> SQLiteEngine {
        try checkWritable(path: path)
        let storage = SQLiteConnection.Storage.file(path: path)
        let threadPool = NIOThreadPool(numberOfThreads: readerCount + 1)
        threadPool.start()
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        let writer: SQLiteConnection
        do {
            writer = try await SQLiteConnection.open(storage: storage, threadPool: threadPool, logger: logger, on: eventLoop)
        } catch {
            try? await threadPool.shutdownGracefully()
            throw SQLiteOpenError(path: path, reason: "\(error)")
        }
        var readers: [SQLiteConnection] = []
        do {
            try await configure(writer, pragmas: [
                "PRAGMA busy_timeout = 10000", "PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON",
                "PRAGMA synchronous = NORMAL",
            ])
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(storage: storage, threadPool: threadPool, logger: logger,
                                                             on: eventLoop)
                readers.append(reader)
                try await configure(reader, pragmas: ["PRAGMA busy_timeout = 10000", "PRAGMA query_only = ON"])
            }
        } catch {
            for connection in [writer] + readers { await close(connection) }
            try? await threadPool.shutdownGracefully()
            throw SQLiteOpenError(path: path, reason: "\(error)")
        }
        return SQLiteEngine(writer: writer, readers: readers, threadPool: threadPool)
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

    private static func configure(_ connection: SQLiteConnection, pragmas: [String]) async throws {
        for pragma in pragmas {
            try await connection.query(pragma, []) { _ in }
        }
    }

    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await writeLock.withLock {
            try await inTransaction(writer.sql(queryLogLevel: nil), begin: "BEGIN IMMEDIATE", body)
        }
    }

    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.withResource { connection in
            try await inTransaction(connection.sql(queryLogLevel: nil), begin: "BEGIN", body)
        }
    }

    func execute(_ statement: String) async throws {
        try await writeLock.withLock {
            try await writer.sql(queryLogLevel: nil).raw(SQLQueryString(statement)).run()
        }
    }

    func run() async {
        // Connections are opened eagerly; nothing to keep alive.
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }

    func close() async {
        // Only the first call closes; later ones (a service and a `defer` both closing) return.
        guard isClosed.withLock({ closed in defer { closed = true }; return !closed }) else { return }
        // Wait until no transaction holds the writer, then close everything exactly once.
        _ = try? await writeLock.withLock {
            await Self.close(writer)
        }
        for connection in await readers.retireAll(count: readerCount) {
            await Self.close(connection)
        }
        let threadPool = threadPool
        await Task { try? await threadPool.shutdownGracefully() }.value
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
