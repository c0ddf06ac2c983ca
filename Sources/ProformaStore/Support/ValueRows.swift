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
        // Asking the dialect for each placeholder boxed a new expression per value, 3,000 times for
        // a 499-line draft, and appended to the statement's text piece by piece; numbered ones
        // are written here, into one piece of text.
        let prefix = Self.numberedPlaceholderPrefix(serializer)
        var text = ""
        text.reserveCapacity(values.count * 8)
        for (index, value) in values.enumerated() {
            text += index == 0 ? "(" : index % columns == 0 ? "), (" : ", "
            if let prefix {
                serializer.binds.append(value)
                text += prefix
                text += String(serializer.binds.count)
            } else {
                serializer.write(text)
                text = ""
                serializer.write(bind: value)
            }
        }
        serializer.write(text + ")")
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
