import Foundation
import Logging
import ProformaTestSupport
@testable import ProformaStore
import SQLKit
import Synchronization
import Testing

@Suite("SQLite engine")
struct SQLiteEngineTests {
    @Test("the WAL is checkpointed in the background after writes, and not while idle")
    func backgroundCheckpoints() async throws {
        try await withTestDatabase(.sqlite) { database in
            let engine = try #require(database.engine as? SQLiteEngine)
            try await Task.sleep(for: .milliseconds(500))
            let idle = engine.checkpoints.load(ordering: .relaxed)
            try await Task.sleep(for: .milliseconds(500))
            #expect(engine.checkpoints.load(ordering: .relaxed) == idle)
            for index in 0..<20 {
                try await database.transaction { db in
                    try await db.raw("INSERT INTO instance_settings (name, value) VALUES (\(bind: "k\(index)"), 'v')").run()
                }
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while engine.checkpoints.load(ordering: .relaxed) == idle, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(engine.checkpoints.load(ordering: .relaxed) > idle)
        }
    }

    @Test("a write or a read after closing fails instead of hanging on the stopped threads")
    func useAfterClose() async throws {
        let url = try await TestDatabases.shared.fresh(.sqlite)
        defer { TestDatabases.discard(url) }
        let database = try await Database.open(url, logger: .init(label: "test"))
        try await database.transaction { db in try await db.raw("SELECT 1 AS x").run() }
        await database.close()
        await #expect(throws: (any Error).self) {
            try await database.transaction { db in try await db.raw("SELECT 1 AS x").run() }
        }
        await #expect(throws: (any Error).self) { try await database.read { db in try await db.raw("SELECT 1 AS x").run() } }
        await #expect(throws: (any Error).self) { try await database.lookup { db in try await db.raw("SELECT 1 AS x").run() } }
        await #expect(throws: (any Error).self) {
            try await database.readBeforeWrite { db in try await db.raw("SELECT 1 AS x").run() }
        }
    }

    @Test("write transactions from many tasks run one at a time, in full")
    func serializedWrites() async throws {
        try await withTestDatabase(.sqlite) { database in
            final class Counters: Sendable {
                let inside = Atomic<Int>(0)
                let overlaps = Atomic<Int>(0)
            }
            let counters = Counters()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        try await database.transaction { db in
                            if counters.inside.add(1, ordering: .relaxed).newValue > 1 { counters.overlaps.add(1, ordering: .relaxed) }
                            try await db.raw("INSERT INTO instance_settings (name, value) VALUES (\(bind: "n\(index)"), 'a')").run()
                            try await db.raw("UPDATE instance_settings SET value = 'b' WHERE name = \(bind: "n\(index)")").run()
                            counters.inside.subtract(1, ordering: .relaxed)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(counters.overlaps.load(ordering: .relaxed) == 0)
            let rows = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM instance_settings WHERE value = 'b'").first()
            }
            #expect(try rows?.decode(column: "n", as: Int.self) == 64)
        }
    }
}

@Suite("SQLite group commit")
struct GroupCommitTests {
    struct Refused: Error {}

    /// Runs `count` write transactions at once: the even ones insert a row, odd ones insert and
    /// then fail, half by a constraint violation and half by throwing.
    static func race(_ database: Database, count: Int) async throws -> [Int: Bool] {
        try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<count {
                group.addTask {
                    do {
                        try await database.transaction { db in
                            try await db.raw("INSERT INTO instance_settings (name, value) VALUES (\(bind: "row \(index)"), 'x')").run()
                            if index % 4 == 1 {
                                try await db.raw("INSERT INTO instance_settings (name, value) VALUES ('row 0', 'again')").run()
                            } else if index % 4 == 3 {
                                throw Refused()
                            }
                        }
                        // Returned means committed: a reader connection sees the row at once.
                        let seen = try await database.read { db in
                            try await db.raw("SELECT name FROM instance_settings WHERE name = \(bind: "row \(index)")").first()
                        }
                        #expect(seen != nil, "row \(index) returned before it was committed")
                        return (index, true)
                    } catch {
                        return (index, false)
                    }
                }
            }
            var outcomes: [Int: Bool] = [:]
            for try await (index, succeeded) in group { outcomes[index] = succeeded }
            return outcomes
        }
    }

    @Test("transactions that queue up commit together; a failing one is undone alone")
    func failuresStayAlone() async throws {
        try await withTestDatabase(.sqlite) { database in
            let engine = try #require(database.engine as? SQLiteEngine)
            // Make sure row 0 exists before anyone collides with it.
            try await database.transaction { db in
                try await db.raw("INSERT INTO instance_settings (name, value) VALUES ('row 0', 'first')").run()
            }
            let before = engine.writer.commits.load(ordering: .relaxed)
            let outcomes = try await Self.race(database, count: 200)
            let committed = engine.writer.commits.load(ordering: .relaxed) - before
            for (index, succeeded) in outcomes where index > 0 {
                #expect(succeeded == index.isMultiple(of: 2), "transaction \(index)")
            }
            let names = try await database.read { db in
                try await db.raw("SELECT name FROM instance_settings WHERE name LIKE 'row %'").all()
                    .map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(Set(names) == Set((0..<200).filter { $0.isMultiple(of: 2) }.map { "row \($0)" }))
            #expect(committed < 200, "\(committed) commits for 200 transactions: nothing was batched")
        }
    }

    @Test("the writer commits to a WAL and keeps what a savepoint may undo in memory")
    func writerSettings() async throws {
        try await withTestDatabase(.sqlite) { database in
            let settings = try await database.transaction { db in
                var values: [String: String] = [:]
                for name in ["journal_mode", "synchronous", "temp_store"] {
                    let row = try #require(try await db.raw(SQLQueryString("PRAGMA \(name)")).first())
                    values[name] = try row.decode(column: name, as: String.self)
                }
                return values
            }
            // synchronous 1 is NORMAL; temp_store 2 is MEMORY.
            #expect(settings == ["journal_mode": "wal", "synchronous": "1", "temp_store": "2"])
        }
    }

    @Test("a write far past the statement journal's spill size is undone alone when it fails")
    func largeFailureUndone() async throws {
        try await withTestDatabase(.sqlite) { database in
            let body = String(repeating: "x", count: 2_000)
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        do {
                            try await database.transaction { db in
                                // 200 rows of 2 KB: some 400 KB of pages to undo.
                                for row in 0..<200 {
                                    try await db.raw("""
                                        INSERT INTO instance_settings (name, value) VALUES (\(bind: "big \(index).\(row)"), \(bind: body))
                                        """).run()
                                }
                                if index.isMultiple(of: 2) { throw CancellationError() }
                            }
                            return true
                        } catch is CancellationError {
                            return false
                        }
                    }
                }
                for try await _ in group {}
            }
            let names = try await database.read { db in
                try await db.raw("SELECT name FROM instance_settings WHERE name LIKE 'big %'").all()
                    .map { try $0.decode(column: "name", as: String.self) }
            }
            let expected = [1, 3, 5, 7].flatMap { index in (0..<200).map { "big \(index).\($0)" } }
            #expect(Set(names) == Set(expected))
            #expect(names.count == 800)
        }
    }

    /// On a full disk SQLite rolls back the whole transaction, savepoints and all: the batch
    /// is lost, and the write that was waiting for it to commit must be told so, with the error
    /// that lost it, while the writer goes on with the next batch.
    @Test("a full disk in one write of a batch fails every write in it, with that error")
    func fullDiskFailsTheBatch() async throws {
        try await withTestDatabase(.sqlite) { database in
            let writer = try #require(database.engine as? SQLiteEngine).writer
            let pages = try await database.transaction { db in
                try #require(try await db.raw("PRAGMA page_count").first()).decode(column: "page_count", as: Int.self)
            }
            let (started, startedContinuation) = AsyncStream<Void>.makeStream()
            let waiting = Task {
                try await database.transaction { db in
                    try await db.raw("INSERT INTO instance_settings (name, value) VALUES ('kept?', 'x')").run()
                    startedContinuation.yield()
                    // Held until the next write queues behind this one, so that it joins this batch.
                    var polls = 0
                    while !writer.hasWaitingWrites, polls < 5_000 {
                        try await Task.sleep(for: .milliseconds(2))
                        polls += 1
                    }
                }
            }
            for await _ in started { break }
            let filling = Task {
                try await database.transaction { db in
                    _ = try await db.raw("PRAGMA max_page_count = \(unsafeRaw: String(pages + 10))").all()
                    try await db.raw("INSERT INTO instance_settings (name, value) VALUES ('big', zeroblob(2000000))").run()
                }
            }
            for task in [waiting, filling] {
                await #expect {
                    try await task.value
                } throws: { error in
                    (error as? SQLiteFailure)?.primaryCode == 13 // SQLITE_FULL
                }
            }
            try await database.transaction { db in
                _ = try await db.raw("PRAGMA max_page_count = 1073741823").all()
                try await db.raw("INSERT INTO instance_settings (name, value) VALUES ('after', 'x')").run()
            }
            let names = try await database.read { db in
                try await db.raw("SELECT name FROM instance_settings WHERE name IN ('kept?', 'big', 'after')").all()
                    .map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(names == ["after"])
        }
    }

    @Test("cancelled callers never break the batch they share with others")
    func cancellation() async throws {
        try await withTestDatabase(.sqlite) { database in
            for round in 0..<10 {
                let survivors = try await withThrowingTaskGroup(of: String?.self) { group in
                    var cancellable: [Task<Void, any Error>] = []
                    for index in 0..<20 {
                        let name = "round \(round) row \(index)"
                        if index.isMultiple(of: 2) {
                            cancellable.append(Task {
                                try await database.transaction { db in
                                    try await db.raw("INSERT INTO instance_settings (name, value) VALUES (\(bind: name), 'c')").run()
                                    try await db.raw("SELECT 1 AS x").run()
                                }
                            })
                        } else {
                            group.addTask {
                                try await database.transaction { db in
                                    try await db.raw("INSERT INTO instance_settings (name, value) VALUES (\(bind: name), 'k')").run()
                                }
                                return name
                            }
                        }
                    }
                    for task in cancellable { task.cancel() }
                    var names: [String] = []
                    for try await name in group { names.append(name!) }
                    for task in cancellable { _ = try? await task.value }
                    return names
                }
                let kept = try await database.read { db in
                    try await db.raw("SELECT name FROM instance_settings WHERE value = 'k' AND name LIKE \(bind: "round \(round) %")").all()
                        .map { try $0.decode(column: "name", as: String.self) }
                }
                #expect(Set(kept) == Set(survivors))
                #expect(survivors.count == 10)
            }
            try await database.transaction { db in try await db.raw("INSERT INTO instance_settings (name, value) VALUES ('after', 'ok')").run() }
        }
    }
}

@Suite("SQLite writer recovery")
struct WriterRecoveryTests {
    @Test("a transaction left open on the writer does not wedge later writes")
    func strayTransaction() async throws {
        try await withTestDatabase(.sqlite) { database in
            try await database.execute("BEGIN")
            try await database.transaction { db in
                try await db.raw("INSERT INTO instance_settings (name, value) VALUES ('after stray', 'ok')").run()
            }
            let row = try await database.read { db in
                try await db.raw("SELECT value FROM instance_settings WHERE name = 'after stray'").first()
            }
            #expect(try row?.decode(column: "value", as: String.self) == "ok")
        }
    }
}
