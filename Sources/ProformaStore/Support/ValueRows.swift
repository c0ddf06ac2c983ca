import SQLKit
import Synchronization

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
                serializer.write(Self.separator(before: index, columns: columns))
                serializer.write(bind: value)
            }
            serializer.write(")")
            return
        }
        let first = serializer.binds.count + 1
        serializer.binds.append(contentsOf: values)
        serializer.write(Self.placeholders(PlaceholderKey(prefix: prefix, columns: columns, count: values.count, first: first)))
    }

    private struct PlaceholderKey: Hashable {
        var prefix: String
        var columns: Int
        var count: Int
        var first: Int
    }

    /// The same inserts come back with the same number of rows (a 499-line draft is five chunks,
    /// four of them of 100), so their text is written once: writing 600 placeholders took about
    /// a tenth of the SQLite writer's thread in a 499-line update.
    private static let placeholderTexts = Mutex<[PlaceholderKey: String]>([:])
    private static let placeholderTextLimit = 64

    private static func placeholders(_ key: PlaceholderKey) -> String {
        if let text = placeholderTexts.withLock({ $0[key] }) { return text }
        var text: [UInt8] = []
        text.reserveCapacity(key.count * (key.prefix.utf8.count + 6) + 1)
        for index in 0..<key.count {
            text.append(contentsOf: separator(before: index, columns: key.columns).utf8)
            text.append(contentsOf: key.prefix.utf8)
            appendDecimal(key.first + index, to: &text)
        }
        text.append(UInt8(ascii: ")"))
        let written = String(decoding: text, as: UTF8.self)
        placeholderTexts.withLock { texts in
            if texts.count >= placeholderTextLimit { texts.removeAll() }
            texts[key] = written
        }
        return written
    }

    /// `number`'s digits, without making a `String` of them for each placeholder.
    private static func appendDecimal(_ number: Int, to text: inout [UInt8]) {
        if number >= 10 { appendDecimal(number / 10, to: &text) }
        text.append(UInt8(ascii: "0") + UInt8(number % 10))
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
