import SQLKit

/// `(…), (…)`: the rows of a multi-row `INSERT … VALUES`, every value bound. Written straight
/// into the statement: the same rows as interpolated `SQLQueryString`s went through a fragment
/// per value and per comma, joined row by row, which when a draft's lines were rows of their
/// own was 3,000 binds and about a twentieth of a 499-line update's CPU.
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
        // Asking the dialect for each placeholder boxed a new expression per value and appended to
        // the statement's text piece by piece; numbered ones are written here as bytes, into one
        // piece of text, and the values bound all at once.
        guard let prefix = Self.numberedPlaceholderPrefix(serializer) else {
            for (index, value) in values.enumerated() {
                serializer.write(Self.separator(before: index, columns: columns))
                serializer.write(bind: value)
            }
            serializer.write(")")
            return
        }
        let first = serializer.binds.count + 1
        serializer.binds.append(contentsOf: values)
        serializer.write(Self.placeholders(prefix: prefix, columns: columns, count: values.count, first: first))
    }

    private static func placeholders(prefix: String, columns: Int, count: Int, first: Int) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(count * (prefix.utf8.count + 6) + 1)
        for index in 0..<count {
            text.append(contentsOf: separator(before: index, columns: columns).utf8)
            text.append(contentsOf: prefix.utf8)
            text.appendDecimal(UInt64(first + index))
        }
        text.append(UInt8(ascii: ")"))
        return String(decoding: text, as: UTF8.self)
    }

    private static func separator(before index: Int, columns: Int) -> String {
        index == 0 ? "(" : index % columns == 0 ? "), (" : ", "
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
