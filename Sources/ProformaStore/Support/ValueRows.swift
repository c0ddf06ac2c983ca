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
        // are written here as bytes, into one piece of text, and the values bound all at once.
        guard let prefix = Self.numberedPlaceholderPrefix(serializer) else {
            for (index, value) in values.enumerated() {
                serializer.write(index == 0 ? "(" : index % columns == 0 ? "), (" : ", ")
                serializer.write(bind: value)
            }
            serializer.write(")")
            return
        }
        var number = serializer.binds.count
        serializer.binds.append(contentsOf: values)
        var text: [UInt8] = []
        text.reserveCapacity(values.count * (prefix.utf8.count + 6) + 1)
        var column = 0
        for index in values.indices {
            if index == 0 {
                text.append(UInt8(ascii: "("))
            } else if column == columns {
                text.append(contentsOf: "), (".utf8)
                column = 0
            } else {
                text.append(contentsOf: ", ".utf8)
            }
            column += 1
            text.append(contentsOf: prefix.utf8)
            number += 1
            Self.appendDecimal(number, to: &text)
        }
        text.append(UInt8(ascii: ")"))
        serializer.write(String(decoding: text, as: UTF8.self))
    }

    private static func appendDecimal(_ number: Int, to text: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var remaining = number
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining > 0
            text.append(contentsOf: buffer[start...])
        }
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
