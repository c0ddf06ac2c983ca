import Foundation
import ProformaTestSupport
@testable import ProformaStore
import SQLKit
import Testing

@Suite("SQLite connection")
struct SQLiteHandleTests {
    /// A handle on a new file in the temp folder, closed and deleted after `body`.
    private func withHandle(_ body: (SQLiteHandle) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("proforma-handle-\(UUID().uuidString).sqlite").path
        let handle = try SQLiteHandle.open(path: path)
        do {
            try await body(handle)
        } catch {
            await handle.close()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        await handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }

    private func rows(_ handle: SQLiteHandle, _ sql: String, _ binds: [any Encodable & Sendable] = []) throws -> [SQLiteResultRow] {
        var rows: [SQLiteResultRow] = []
        try handle.run(sql, binds) { rows.append($0) }
        return rows
    }

    @Test("every bound type comes back as it went in, and text decodes as SQLiteKit's did")
    func valuesRoundTrip() async throws {
        try await withHandle { handle in
            try handle.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT, flag INTEGER)")
            let text = "Grüße \"quoted\" 'single' ✓ 𝄞"
            try handle.run("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           [Int64.max, 2.5, text, Data([0, 1, 255]), String?.none, true]) { _ in }
            let row = try #require(try rows(handle, "SELECT * FROM t").first)
            #expect(row.allColumns == ["i", "r", "s", "b", "n", "flag"])
            #expect(try row.decode(column: "i", as: Int64.self) == .max)
            #expect(try row.decode(column: "r", as: Double.self) == 2.5)
            #expect(try row.decode(column: "s", as: String.self) == text)
            #expect(try row.decode(column: "n", as: String?.self) == nil)
            #expect(try row.decode(column: "s", as: String?.self) == text)
            #expect(try row.decodeNil(column: "n"))
            #expect(try row.decode(column: "flag", as: Bool.self))
            #expect(try row.decode(column: "i", as: String.self) == String(Int64.max))
            #expect(throws: (any Error).self) { try row.decode(column: "s", as: Int64.self) }
            #expect(throws: (any Error).self) { try row.decode(column: "missing", as: Int64.self) }
            #expect(!row.contains(column: "missing"))

            // Text is bound by its own bytes: empty text is not NULL, a NUL inside is kept, and a
            // small string (stored inline) and a long one both arrive whole.
            let long = String(repeating: "line document ", count: 40)
            for bound in ["", "a\u{0}b", "short", long, String(long.dropFirst(3))] {
                let kept = try #require(try rows(handle, "SELECT ?1 AS s, typeof(?1) AS type, length(CAST(?1 AS BLOB)) AS bytes",
                                                 [bound]).first)
                #expect(try kept.decode(column: "type", as: String.self) == "text")
                #expect(try kept.decode(column: "bytes", as: Int64.self) == Int64(bound.utf8.count))
                #expect(try kept.decode(column: "s", as: String.self) == bound)
            }
        }
    }

    @Test("a statement is prepared once and reused with new binds")
    func statementsAreCached() async throws {
        try await withHandle { handle in
            try handle.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
            for index in 0..<50 {
                try handle.run("INSERT INTO t (id, name) VALUES (?1, ?2)", [Int64(index), "n\(index)"]) { _ in }
            }
            for index in 0..<50 {
                let found = try rows(handle, "SELECT name FROM t WHERE id = ?1", [index])
                #expect(try found.map { try $0.decode(column: "name", as: String.self) } == ["n\(index)"])
            }
            #expect(handle.cachedStatementCount == 3)
        }
    }

    @Test("a failed statement is reported with SQLite's reason and leaves the connection usable")
    func failures() async throws {
        try await withHandle { handle in
            try handle.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE)")
            try handle.run("INSERT INTO t (email) VALUES (?1)", ["a@example.com"]) { _ in }
            do {
                try handle.run("INSERT INTO t (email) VALUES (?1)", ["a@example.com"]) { _ in }
                Issue.record("a duplicate was inserted")
            } catch {
                #expect(SQLiteEngine.isUniqueViolation(error))
                #expect("\(error)".contains("UNIQUE constraint failed: t.email"))
            }
            #expect(throws: SQLiteFailure.self) { try handle.run("INSERT INTO t (email) VALUES (?1)", []) { _ in } }
            #expect(throws: SQLiteFailure.self) { try handle.run("INSERT INTO t (email) VALUES (?1)", [Date()]) { _ in } }
            #expect(throws: SQLiteFailure.self) { try handle.execute("SELEC nothing") }
            try handle.run("INSERT INTO t (email) VALUES (?1)", ["b@example.com"]) { _ in }
            #expect(try rows(handle, "SELECT * FROM t").count == 2)
        }
    }

    @Test("after closing, statements fail instead of touching a closed connection")
    func closed() async throws {
        try await withHandle { handle in
            try handle.execute("CREATE TABLE t (id INTEGER)")
            await handle.close()
            #expect(throws: SQLiteFailure.self) { try handle.execute("SELECT * FROM t") }
        }
    }
}
