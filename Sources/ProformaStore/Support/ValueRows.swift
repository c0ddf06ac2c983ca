import SQLKit

/// `(…), (…)`: the rows of a multi-row `INSERT … VALUES`, every value bound. Written straight
/// into the statement: the same rows as interpolated `SQLQueryString`s went through a fragment
/// per value and per comma, joined row by row, which for a 499-line draft was 3,000 binds and
/// about a twentieth of the update's CPU.
struct SQLValueRows: SQLExpression {
    private var values: [any Encodable & Sendable] = []
    private let columns: Int

    /// Rows of `columns` values each, with room for `capacity` rows.
    init(columns: Int, capacity: Int = 0) {
        precondition(columns > 0)
        self.columns = columns
        values.reserveCapacity(capacity * columns)
    }

    /// Adds a row; it must have `columns` values.
    mutating func append(_ row: any Encodable & Sendable...) {
        precondition(row.count == columns, "a row of \(row.count) values where \(columns) are inserted")
        values.append(contentsOf: row)
    }

    func serialize(to serializer: inout SQLSerializer) {
        for (index, value) in values.enumerated() {
            let column = index % columns
            if column == 0 { serializer.write(index == 0 ? "(" : "), (") } else { serializer.write(", ") }
            serializer.write(bind: value)
        }
        if !values.isEmpty { serializer.write(")") }
    }
}
