/// The types store code reads columns as (`Support/Rows.swift`) and binds most, by identity, so
/// that each engine can hand them over without a conformance lookup or an `Any` box.
/// Computed once: naming `Int64?.self` in generic code looks its metadata up on every call.
enum ColumnType {
    static let int64 = ObjectIdentifier(Int64.self)
    static let string = ObjectIdentifier(String.self)
    static let int = ObjectIdentifier(Int.self)
    static let bool = ObjectIdentifier(Bool.self)
    static let optionalInt64 = ObjectIdentifier(Int64?.self)
    static let optionalString = ObjectIdentifier(String?.self)
}
