/// RFC 4180 CSV: comma-separated fields, double-quoted fields that may hold commas, quotes
/// (doubled) and line breaks; CRLF or LF line ends; an optional UTF-8 byte-order mark.
/// Each record remembers the line it starts on, so that errors can point at it.
struct CSVReader {
    struct Record {
        var line: Int
        var fields: [String]
    }

    struct SyntaxError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    static func records(in text: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        var afterQuote = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var index = 0

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        func endRecord() {
            endField()
            // A line with nothing on it is not a record.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "\n"):
                endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\""):
                guard field.isEmpty, !afterQuote else {
                    throw SyntaxError(line: line, message: "a quote inside an unquoted field; quote the whole field")
                }
                inQuotes = true
                quoteLine = line
            default:
                if afterQuote {
                    throw SyntaxError(line: line, message: "text after a closing quote; expected a comma or a line end")
                }
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw SyntaxError(line: quoteLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }
}

/// A CSV file with a header row, read by column name.
struct CSVTable {
    let header: [String]
    let rows: [CSVReader.Record]
    private let columns: [String: Int]

    init(text: String) throws {
        let records = try CSVReader.records(in: text)
        guard let first = records.first else { throw CSVReader.SyntaxError(line: 1, message: "the file is empty") }
        header = first.fields.map { $0.trimmingCharacters() }
        rows = Array(records.dropFirst())
        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() where columns[name.lowercased()] == nil {
            columns[name.lowercased()] = index
        }
        self.columns = columns
    }

    /// The first of `names` the header has, matched without regard to case.
    func column(_ names: String...) -> String? {
        names.first { columns[$0.lowercased()] != nil }
    }

    /// The trimmed cell, or nil when it is empty or the column is missing.
    func value(_ row: CSVReader.Record, _ name: String?) -> String? {
        guard let name, let index = columns[name.lowercased()], index < row.fields.count else { return nil }
        let text = row.fields[index].trimmingCharacters()
        return text.isEmpty ? nil : text
    }
}

/// A problem with one cell of an import file. Imports are all or nothing: one problem
/// anywhere and nothing is written.
struct ImportProblem: CustomStringConvertible {
    var line: Int
    var column: String?
    var message: String

    var description: String {
        "line \(line)" + (column.map { ", column \"\($0)\"" } ?? "") + ": \(message)"
    }
}

struct ImportFailed: Error, CustomStringConvertible {
    var problems: [ImportProblem]
    var description: String {
        "nothing was imported:\n" + problems.prefix(50).map { "  " + $0.description }.joined(separator: "\n")
            + (problems.count > 50 ? "\n  … and \(problems.count - 50) more" : "")
    }
}

extension String {
    func trimmingCharacters() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
