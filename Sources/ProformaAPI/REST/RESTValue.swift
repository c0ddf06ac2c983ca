import ProformaCore

/// A REST response document, its keys in the order they are written, so that what a person
/// reads with curl follows Shopify's recorded responses.
public indirect enum RESTValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A number written as given, e.g. a tax rate `0.06`.
    case number(String)
    case string(String)
    case array([RESTValue])
    case object(RESTObject)

    /// A string, or `null` when absent.
    static func text(_ value: String?) -> RESTValue { value.map(RESTValue.string) ?? .null }
    /// An id, or `null` when absent.
    static func id(_ value: Int64?) -> RESTValue { value.map(RESTValue.int) ?? .null }
    /// Money as REST writes it: a string with the currency's decimals, `"20.00"`.
    static func money(_ value: Money) -> RESTValue { .string(value.decimal.description) }
    static func time(_ value: Timestamp?) -> RESTValue { value.map { .string($0.iso8601) } ?? .null }

    func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let flag): writer.bool(flag)
        case .int(let number): writer.raw(Array(String(number).utf8))
        case .number(let text): writer.raw(Array(text.utf8))
        case .string(let text): writer.string(text)
        case .array(let items):
            writer.beginArray()
            for item in items { item.write(to: &writer) }
            writer.endArray()
        case .object(let object):
            writer.beginObject()
            for field in object.fields {
                writer.key(field.key)
                field.value.write(to: &writer)
            }
            writer.endObject()
        }
    }

    var bytes: [UInt8] {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.bytes
    }
}

/// An ordered JSON object.
public struct RESTObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [Field]

    public struct Field: Sendable, Hashable {
        var key: String
        var value: RESTValue
    }

    public init() { fields = [] }

    public init(dictionaryLiteral elements: (String, RESTValue)...) {
        fields = elements.map { Field(key: $0.0, value: $0.1) }
    }

    subscript(key: String) -> RESTValue? {
        get { fields.first { $0.key == key }?.value }
        set {
            if let index = fields.firstIndex(where: { $0.key == key }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append(Field(key: key, value: newValue))
            }
        }
    }

    /// Only the named keys, for the `fields` parameter; no names keeps everything.
    func only(_ keys: Set<String>) -> RESTObject {
        guard !keys.isEmpty else { return self }
        var copy = self
        copy.fields.removeAll { !keys.contains($0.key) }
        return copy
    }
}

extension RESTValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(arrayLiteral elements: RESTValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, RESTValue)...) {
        var object = RESTObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}
