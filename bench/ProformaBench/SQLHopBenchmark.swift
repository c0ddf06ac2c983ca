import Foundation
import Logging
import ProformaStore
import SQLKit

/// What one statement costs through SQLKit and the SQLite connection, the floor under every store call.
enum SQLHopBenchmark {
    static func run() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hop-\(UUID().uuidString).sqlite").path
        try await withDatabase(.sqlite(path: path), logger: Logger(label: "x")) { database in
            try await database.transaction { db in
                try await db.raw("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b BIGINT, c BIGINT, d TEXT, e TEXT, f BIGINT, g BIGINT)").run()
            }
            let clock = ContinuousClock()
            var start = clock.now
            try await database.transaction { db in
                for _ in 0..<5000 { _ = try await db.raw("SELECT 1 AS x").first() }
            }
            print("SELECT 1 in one transaction: \(format((clock.now - start) / 5000)) per statement")
            start = clock.now
            try await database.transaction { db in
                for index in 0..<5000 {
                    try await db.raw("""
                        INSERT INTO t (a, b, c, d, e, f, g) VALUES (\(bind: "text \(index)"), \(bind: Int64(index)), \(bind: Int64(index)),
                        \(bind: "more"), \(bind: String?.none), \(bind: Int64(index)), \(bind: Int64(index)))
                        """).run()
                }
            }
            print("7-column INSERT in one transaction: \(format((clock.now - start) / 5000)) per statement")
            start = clock.now
            for _ in 0..<2000 {
                try await database.transaction { db in _ = try await db.raw("SELECT 1 AS x").first() }
            }
            print("transaction with one SELECT: \(format((clock.now - start) / 2000)) each")
        }
    }
}
