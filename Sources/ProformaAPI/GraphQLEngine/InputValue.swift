/// An argument or input-object value after coercion against the schema: enums are names,
/// defaults are filled in, and an absent input field is simply missing from `.object`
/// (an explicit null is `.null`), which is how partial updates tell "leave" from "clear".
public enum InputValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case enumValue(String)
    case list([InputValue])
    case object(InputFields)

    public subscript(key: String) -> InputValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var string: String? {
        switch self {
        case .string(let text), .enumValue(let text): text
        case .int(let number): String(number)
        default: nil
        }
    }

    public var int: Int? {
        if case .int(let number) = self { return number }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var double: Double? {
        switch self {
        case .float(let number): number
        case .int(let number): Double(number)
        default: nil
        }
    }

    public var list: [InputValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    public var fields: InputFields? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    /// For messages that echo what the client sent.
    public var jsonText: String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.string
    }

    func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let flag): writer.bool(flag)
        case .int(let number): writer.int(number)
        case .float(let number): writer.double(number)
        case .string(let text), .enumValue(let text): writer.string(text)
        case .list(let items):
            writer.beginArray()
            for item in items { item.write(to: &writer) }
            writer.endArray()
        case .object(let fields):
            writer.beginObject()
            for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
                writer.key(name)
                value.write(to: &writer)
            }
            writer.endObject()
        }
    }
}
