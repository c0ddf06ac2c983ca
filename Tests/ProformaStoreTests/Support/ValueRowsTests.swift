import Logging
import NIOCore
import NIOPosix
import ProformaTestSupport
@testable import ProformaStore
import SQLKit
import Testing

@Suite("Multi-row VALUES")
struct ValueRowsTests {
    @Test("rows after other binds insert every value in its column, NULLs included", arguments: TestEngine.all)
    func insertsAfterOtherBinds(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database in
            var rows = SQLValueRows(columns: 2, capacity: 150)
            for index in 0..<150 {
                rows.append("k\(index)", index.isMultiple(of: 7) ? nil : "v\(index)")
            }
            let names = try await database.transaction { db in
                // The bind before the rows moves their placeholders' numbers on.
                try await db.raw("""
                    WITH skipped AS (SELECT \(bind: "k3") AS name)
                    INSERT INTO instance_settings (name, value)
                    SELECT column1, COALESCE(column2, 'none') FROM (VALUES \(rows)) AS v
                    WHERE column1 <> (SELECT name FROM skipped)
                    """).run()
                return try await db.raw("SELECT name, value FROM instance_settings WHERE name LIKE 'k%'").all()
                    .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "value", as: String.self)) }
            }
            let stored = Dictionary(uniqueKeysWithValues: names)
            #expect(stored.count == 149)
            #expect(stored["k3"] == nil)
            #expect(stored["k7"] == "none")
            #expect(stored["k149"] == "v149")
        }
    }

    @Test("a dialect whose placeholders are not numbered is asked for each one")
    func otherDialect() {
        var rows = SQLValueRows(columns: 3)
        rows.append(1, "a", true)
        rows.append(2, "b", false)
        var serializer = SQLSerializer(database: NamedPlaceholders())
        serializer.write(bind: 0)
        rows.serialize(to: &serializer)
        #expect(serializer.sql == ":p(1)(:p(2), :p(3), :p(4)), (:p(5), :p(6), :p(7))")
        #expect(serializer.binds.count == 7)
    }

    @Test("numbered placeholders continue from the binds before the rows")
    func numbered() {
        var rows = SQLValueRows(columns: 2)
        rows.append(1, "a")
        rows.append(2, "b")
        var serializer = SQLSerializer(database: NamedPlaceholders(prefix: "$"))
        serializer.write(bind: 0)
        serializer.write(" ")
        rows.serialize(to: &serializer)
        #expect(serializer.sql == "$1 ($2, $3), ($4, $5)")
        #expect(serializer.binds.map { "\($0)" } == ["0", "1", "a", "2", "b"])
        var many = SQLValueRows(columns: 2)
        for index in 0..<600 { many.append(index, "x") }
        var long = SQLSerializer(database: NamedPlaceholders(prefix: "?"))
        many.serialize(to: &long)
        #expect(long.sql.hasPrefix("(?1, ?2), (?3, ?4), "))
        #expect(long.sql.contains("(?9, ?10), (?11, ?12)") && long.sql.contains("(?99, ?100), (?101, ?102)"))
        #expect(long.sql.hasSuffix("(?1197, ?1198), (?1199, ?1200)"))
        #expect(long.binds.count == 1200)
    }
}

/// A database that only serializes: its placeholders are `prefix` and the position, or
/// `:p(position)` when no prefix is given.
private struct NamedPlaceholders: SQLDatabase {
    struct Dialect: SQLDialect {
        let prefix: String?
        var name: String { "test" }
        var identifierQuote: any SQLExpression { SQLRaw("\"") }
        var literalStringQuote: any SQLExpression { SQLRaw("'") }
        var autoIncrementClause: any SQLExpression { SQLRaw("") }
        var supportsAutoIncrement: Bool { false }
        func bindPlaceholder(at position: Int) -> any SQLExpression {
            SQLRaw(prefix.map { "\($0)\(position)" } ?? ":p(\(position))")
        }
        func literalBoolean(_ value: Bool) -> any SQLExpression { SQLRaw(value ? "TRUE" : "FALSE") }
    }

    var prefix: String?
    var logger: Logger { Logger(label: "test") }
    var eventLoop: any EventLoop { NIOSingletons.posixEventLoopGroup.any() }
    var dialect: any SQLDialect { Dialect(prefix: prefix) }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeSucceededVoidFuture()
    }
}
