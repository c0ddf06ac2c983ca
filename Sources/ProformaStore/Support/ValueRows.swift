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
        guard !values.isEmpty else { return }
        guard let prefix = Self.numberedPlaceholderPrefix(serializer) else {
            for (index, value) in values.enumerated() {
                serializer.write(index == 0 ? "(" : index % columns == 0 ? "), (" : ", ")
                serializer.write(bind: value)
            }
            return serializer.write(")")
        }
        // Asking the dialect for each placeholder boxed a new expression per value, 3,000 times for
        // a 499-line draft, and appended to the statement's text piece by piece.
        var text = ""
        text.reserveCapacity(values.count * 8)
        var position = serializer.binds.count
        for index in values.indices {
            text += index == 0 ? "(" : index % columns == 0 ? "), (" : ", "
            position += 1
            text += prefix
            text += String(position)
        }
        text += ")"
        serializer.write(text)
        serializer.binds.append(contentsOf: values)
    }

    /// `?` or `$` when the dialect writes the bind at position n as that prefix and n, as SQLite's
    /// and PostgreSQL's do; nil for any other dialect, which is then asked value by value.
    private static func numberedPlaceholderPrefix(_ serializer: SQLSerializer) -> String? {
        func placeholder(at position: Int) -> String {
            var scratch = SQLSerializer(database: serializer.database)
            serializer.dialect.bindPlaceholder(at: position).serialize(to: &scratch)
            return scratch.sql
        }
        let first = placeholder(at: 1)
        guard first.hasSuffix("1") else { return nil }
        let prefix = String(first.dropLast())
        return placeholder(at: 27) == prefix + "27" ? prefix : nil
    }
}
