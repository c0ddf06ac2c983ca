import Foundation
import ProformaCore
import ProformaJSON
import SQLKit

extension SQLRow {
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func int(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    func bool(_ column: String) throws -> Bool { try decode(column: column, as: Bool.self) }

    func timestamp(_ column: String) throws -> Timestamp {
        Timestamp(millisecondsSince1970: try int64(column))
    }

    func optionalTimestamp(_ column: String) throws -> Timestamp? {
        try optionalInt64(column).map(Timestamp.init(millisecondsSince1970:))
    }

    func decimal(_ column: String) throws -> ExactDecimal {
        guard let value = ExactDecimal(try string(column)) else { throw SQLStoreError.corruptColumn(column) }
        return value
    }

    func json<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
        do {
            return try JSONDocumentDecoder().decode(T.self, from: try string(column))
        } catch {
            throw SQLStoreError.corruptColumn(column)
        }
    }
}

extension Timestamp {
    var stored: Int64 { millisecondsSince1970 }
}

extension Array where Element == SQLQueryString {
    /// `a AND b AND c`, or nil when empty.
    func joinedWithAnd() -> SQLQueryString? {
        isEmpty ? nil : joined(separator: " AND ")
    }
}
