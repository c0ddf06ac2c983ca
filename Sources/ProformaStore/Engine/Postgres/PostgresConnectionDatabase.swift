import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// SQLKit's face of one pooled PostgreSQL connection, binding and reading the types store code
/// uses directly.
///
/// PostgresKit's own face converts every bind and every column read through its generic
/// `Codable` translation, which on a page of drafts was a quarter of the server's time.
/// Statements are the same extended-protocol queries either way.
struct PostgresConnectionDatabase: SQLDatabase, FailedStatementLog {
    let connection: PostgresConnection
    /// Nil for connections outside the pool's transactions, which run everything unprepared.
    var statements: PreparedStatements?
    let failures = FailedStatements()

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var dialect: any SQLDialect { PostgresDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        do {
            try await run(query, onRow)
        } catch {
            failures.record(error)
            throw error
        }
    }

    private func run(_ query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        var bindings = PostgresBindings(capacity: binds.count)
        var shape = ""
        for bind in binds {
            guard let bind = bind as? any PostgresBindable else {
                throw PostgresBindError(type: "\(type(of: bind))")
            }
            try bind.append(to: &bindings)
            shape.append(bind.shape)
        }
        guard let statements, let slot = statements.slot(for: sql, binds: shape, on: connection.id) else {
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
                onRow(PostgresResultRow(row))
            }
            return
        }
        do {
            for try await row in try await slot.execute(bindings, on: connection, logger: logger) {
                onRow(PostgresResultRow(row))
            }
            statements.record(slot, failure: nil, on: connection)
        } catch {
            statements.record(slot, failure: error, on: connection)
            throw error
        }
    }
}

struct PostgresBindError: Error, CustomStringConvertible {
    var type: String
    var description: String { "cannot bind a value of type \(type) for PostgreSQL" }
}

/// A type store code binds, in the PostgreSQL type PostgresKit gave it (Bool is `bool`, Int is `int8`).
protocol PostgresBindable {
    func append(to bindings: inout PostgresBindings) throws
    /// The bound type, or NULL, as one character: a prepared statement's parameter types are
    /// fixed by its first binds, so statements differing only here are prepared apart.
    var shape: Character { get }
}

extension Int64: PostgresBindable {
    func append(to bindings: inout PostgresBindings) { bindings.append(self) }
    var shape: Character { "8" }
}
extension Int: PostgresBindable {
    func append(to bindings: inout PostgresBindings) { bindings.append(self) }
    var shape: Character { "8" }
}
extension Int32: PostgresBindable {
    func append(to bindings: inout PostgresBindings) { bindings.append(self) }
    var shape: Character { "4" }
}
extension Bool: PostgresBindable {
    func append(to bindings: inout PostgresBindings) { bindings.append(self) }
    var shape: Character { "b" }
}
extension Double: PostgresBindable {
    func append(to bindings: inout PostgresBindings) { bindings.append(self) }
    var shape: Character { "d" }
}
extension String: PostgresBindable {
    func append(to bindings: inout PostgresBindings) { bindings.append(self) }
    var shape: Character { "s" }
}
extension Substring: PostgresBindable {
    func append(to bindings: inout PostgresBindings) { bindings.append(String(self)) }
    var shape: Character { "s" }
}
extension Data: PostgresBindable {
    func append(to bindings: inout PostgresBindings) { bindings.append(ByteBuffer(bytes: self)) }
    var shape: Character { "x" }
}
/// Arrays, for statements that `unnest` many rows' values from a fixed text.
extension Array: PostgresBindable where Element: PostgresArrayElement {
    func append(to bindings: inout PostgresBindings) throws { try bindings.append(self) }
    var shape: Character { Element.arrayShape }
}

protocol PostgresArrayElement: PostgresArrayEncodable {
    /// The array's `shape`: unlike any single value's.
    static var arrayShape: Character { get }
}
extension Int64: PostgresArrayElement { static var arrayShape: Character { "L" } }
extension String: PostgresArrayElement { static var arrayShape: Character { "S" } }

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    func append(to bindings: inout PostgresBindings) throws {
        if let self { try self.append(to: &bindings) } else { bindings.appendNull() }
    }
    var shape: Character { self?.shape ?? "n" }
}

/// A result row that reads integers, strings and booleans straight from their cells, and
/// anything else as PostgresKit would.
struct PostgresResultRow: SQLRow {
    private let row: PostgresRow
    private let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row
        cells = row.makeRandomAccess()
    }

    var allColumns: [String] { row.map(\.columnName) }

    func contains(column: String) -> Bool { cells.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        try cell(column).bytes == nil
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        let cell = try cell(column)
        // Matched by identity and handed back as they are, as for SQLite (`SQLiteResultRow`);
        // a cell of another PostgreSQL type goes PostgresKit's way, which converts more. Each
        // case returns on its own: wrapping the value in a `D?` made the runtime look up the
        // optional type's metadata on every read.
        do {
            switch ObjectIdentifier(type) {
            case ColumnType.int64: return unsafeBitCast(try cell.decode(Int64.self), to: D.self)
            case ColumnType.string: return unsafeBitCast(try cell.decode(String.self), to: D.self)
            case ColumnType.optionalInt64: return unsafeBitCast(try cell.decode(Int64?.self), to: D.self)
            case ColumnType.optionalString: return unsafeBitCast(try cell.decode(String?.self), to: D.self)
            case ColumnType.int: return unsafeBitCast(try cell.decode(Int.self), to: D.self)
            case ColumnType.bool: return unsafeBitCast(try cell.decode(Bool.self), to: D.self)
            default: break
            }
        } catch {
            // Read below as PostgresKit reads it.
        }
        return try row.sql().decode(column: column, as: type)
    }

    private func cell(_ column: String) throws -> PostgresCell {
        guard cells.contains(column) else { throw PostgresMissingColumn(column: column) }
        return cells[column]
    }

}

struct PostgresMissingColumn: Error, CustomStringConvertible {
    var column: String
    var description: String { "the result has no column \(column)" }
}
