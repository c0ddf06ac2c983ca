import Foundation
import SQLKit
import VaporCSQLite

/// A column value as SQLite stores it.
enum SQLiteValue: Sendable, Equatable {
    case integer(Int64)
    case float(Double)
    case text(String)
    case blob([UInt8])
    case null
}

/// Binds the Swift values store code passes (`\(bind: …)`) to statement parameters.
enum SQLiteBinding {
    /// SQLite copies a bound text or blob before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static func bind(_ value: any Encodable & Sendable, to statement: OpaquePointer, at index: Int32) throws -> Int32 {
        if let common = commonValue(value) { return bind(common, to: statement, at: index) }
        guard let value = value as? any SQLiteBindable else {
            throw SQLiteFailure(code: SQLITE_MISMATCH, message: "cannot bind a value of type \(type(of: value))")
        }
        return bind(value.sqliteValue, to: statement, at: index)
    }

    /// The types store code binds nearly always, matched by identity as rows match what they
    /// read: the cast to `SQLiteBindable` looks the conformance up on every bind, which on a
    /// 499-line update (3,000 binds) showed in profiles.
    private static func commonValue<T: Encodable & Sendable>(_ value: T) -> SQLiteValue? {
        switch ObjectIdentifier(T.self) {
        case ColumnType.int64: unsafeBitCast(value, to: Int64.self).sqliteValue
        case ColumnType.string: unsafeBitCast(value, to: String.self).sqliteValue
        case ColumnType.int: unsafeBitCast(value, to: Int.self).sqliteValue
        case ColumnType.optionalInt64: unsafeBitCast(value, to: Int64?.self).sqliteValue
        case ColumnType.optionalString: unsafeBitCast(value, to: String?.self).sqliteValue
        case ColumnType.bool: unsafeBitCast(value, to: Bool.self).sqliteValue
        default: nil
        }
    }

    private static let emptyText: StaticString = ""

    private static func bind(_ value: SQLiteValue, to statement: OpaquePointer, at index: Int32) -> Int32 {
        switch value {
        case .integer(let integer): sqlite_nio_sqlite3_bind_int64(statement, index, integer)
        case .float(let double): sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .text(var text):
            // The string's own UTF-8, where `utf8CString` copied every text into a new array first
            // (a 499-line update binds 499 line documents). SQLite copies it (`transient`).
            text.withUTF8 { bytes in
                // A null pointer would bind NULL rather than empty text.
                let start = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(Self.emptyText.utf8Start)
                return sqlite_nio_sqlite3_bind_text64(statement, index, start.assumingMemoryBound(to: CChar.self),
                                                      UInt64(bytes.count), transient, UInt8(SQLITE_UTF8))
            }
        case .blob(let bytes):
            bytes.withUnsafeBytes { buffer in
                sqlite_nio_sqlite3_bind_blob64(statement, index, buffer.baseAddress, UInt64(buffer.count), transient)
            }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    /// The value of column `index` of the row the statement is on.
    static func column(_ index: Int32, of statement: OpaquePointer) -> SQLiteValue {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite_nio_sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { return .text("") }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            guard let bytes = sqlite_nio_sqlite3_column_blob(statement, index), count > 0 else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }
}

/// A type store code binds; SQLite has no booleans, so they are 0 and 1 as SQLiteKit stored them.
protocol SQLiteBindable {
    var sqliteValue: SQLiteValue { get }
}

extension Int64: SQLiteBindable { var sqliteValue: SQLiteValue { .integer(self) } }
extension Int: SQLiteBindable { var sqliteValue: SQLiteValue { .integer(Int64(self)) } }
extension Int32: SQLiteBindable { var sqliteValue: SQLiteValue { .integer(Int64(self)) } }
extension Bool: SQLiteBindable { var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) } }
extension Double: SQLiteBindable { var sqliteValue: SQLiteValue { .float(self) } }
extension String: SQLiteBindable { var sqliteValue: SQLiteValue { .text(self) } }
extension Substring: SQLiteBindable { var sqliteValue: SQLiteValue { .text(String(self)) } }
extension Data: SQLiteBindable { var sqliteValue: SQLiteValue { .blob(Array(self)) } }
extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    var sqliteValue: SQLiteValue { self?.sqliteValue ?? .null }
}

/// A result row, copied out of the statement while it was current.
struct SQLiteResultRow: SQLRow {
    private let statement: PreparedStatement
    private let values: [SQLiteValue]

    init(statement: PreparedStatement) {
        self.statement = statement
        values = (0..<Int32(statement.columns.count)).map { SQLiteBinding.column($0, of: statement.raw) }
    }

    var allColumns: [String] { statement.columns }

    func contains(column: String) -> Bool { statement.columnIndex[column] != nil }

    func decodeNil(column: String) throws -> Bool { try value(column) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        let value = try value(column)
        // The types store code reads, matched by identity and handed back as they are: a
        // conformance lookup or an `Any` box per column read cost more than the read.
        switch ObjectIdentifier(type) {
        case ColumnType.int64: return unsafeBitCast(try convert(value, column, type, Int64.init(sqliteValue:)), to: D.self)
        case ColumnType.string: return unsafeBitCast(try convert(value, column, type, String.init(sqliteValue:)), to: D.self)
        case ColumnType.optionalInt64: return unsafeBitCast(try convert(value, column, type, Int64?.init(sqliteValue:)), to: D.self)
        case ColumnType.optionalString: return unsafeBitCast(try convert(value, column, type, String?.init(sqliteValue:)), to: D.self)
        case ColumnType.int: return unsafeBitCast(try convert(value, column, type, Int.init(sqliteValue:)), to: D.self)
        case ColumnType.bool: return unsafeBitCast(try convert(value, column, type, Bool.init(sqliteValue:)), to: D.self)
        default: return try decodeOther(value, column: column, as: type)
        }
    }

    /// Apart from `decode`, whose every call would otherwise look up `Optional<D>`'s metadata in
    /// the runtime for the `as? D` below, a search's most frequent such lookup.
    @inline(never)
    private func decodeOther<D: Decodable>(_ value: SQLiteValue, column: String, as type: D.Type) throws -> D {
        guard let decodable = type as? any SQLiteDecodable.Type else {
            throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "column \(column): not a SQLite type"))
        }
        guard let decoded = decodable.init(sqliteValue: value) as? D else {
            throw Self.mismatch(type, column, value)
        }
        return decoded
    }

    private func convert<T>(_ value: SQLiteValue, _ column: String, _ type: Any.Type,
                            _ conversion: (SQLiteValue) -> T?) throws -> T {
        guard let converted = conversion(value) else { throw Self.mismatch(type, column, value) }
        return converted
    }

    private static func mismatch(_ type: Any.Type, _ column: String, _ value: SQLiteValue) -> DecodingError {
        .typeMismatch(type, .init(codingPath: [], debugDescription: "column \(column) holds \(value)"))
    }


    private func value(_ column: String) throws -> SQLiteValue {
        guard let index = statement.columnIndex[column] else {
            throw DecodingError.keyNotFound(SQLiteColumnKey(column), .init(codingPath: [], debugDescription: "no column \(column)"))
        }
        return values[Int(index)]
    }
}

// Rows are built and read by one task; the statement they name is only read for its column names.
extension SQLiteResultRow: @unchecked Sendable {}

private struct SQLiteColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A type a column decodes to, converting as SQLiteKit did (text to numbers, numbers to text).
protocol SQLiteDecodable {
    init?(sqliteValue: SQLiteValue)
}

extension Int64: SQLiteDecodable {
    init?(sqliteValue: SQLiteValue) {
        switch sqliteValue {
        case .integer(let integer): self = integer
        case .float(let double): self.init(exactly: double.rounded(.towardZero))
        case .text(let text): self.init(text)
        case .blob, .null: return nil
        }
    }
}

extension Int: SQLiteDecodable {
    init?(sqliteValue: SQLiteValue) {
        guard let value = Int64(sqliteValue: sqliteValue) else { return nil }
        self.init(exactly: value)
    }
}

extension Bool: SQLiteDecodable {
    init?(sqliteValue: SQLiteValue) {
        switch Int64(sqliteValue: sqliteValue) {
        case 1: self = true
        case 0: self = false
        default: return nil
        }
    }
}

extension Double: SQLiteDecodable {
    init?(sqliteValue: SQLiteValue) {
        switch sqliteValue {
        case .integer(let integer): self.init(integer)
        case .float(let double): self = double
        case .text(let text): self.init(text)
        case .blob, .null: return nil
        }
    }
}

extension String: SQLiteDecodable {
    init?(sqliteValue: SQLiteValue) {
        switch sqliteValue {
        case .integer(let integer): self = String(integer)
        case .float(let double): self = String(double)
        case .text(let text): self = text
        case .blob, .null: return nil
        }
    }
}

extension Optional: SQLiteDecodable where Wrapped: SQLiteDecodable {
    init?(sqliteValue: SQLiteValue) {
        if sqliteValue == .null {
            self = .none
        } else if let wrapped = Wrapped(sqliteValue: sqliteValue) {
            self = .some(wrapped)
        } else {
            return nil
        }
    }
}
