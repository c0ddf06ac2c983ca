import ProformaAPI

// Reading and writing GraphQL answers in tests: indexes that chain through missing values,
// and literals to compare whole answers with.
extension JSONValue {
    public subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, index < items.count { return items[index] }
        return nil
    }

    public var string: String? { stringValue }

    public var int: Int? {
        if case .int(let number) = self { return number }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}

extension Optional where Wrapped == JSONValue {
    public subscript(key: String) -> JSONValue? { self?[key] }
    public subscript(index: Int) -> JSONValue? { self?[index] }
    public var string: String? { self?.string }
    public var int: Int? { self?.int }
    public var bool: Bool? { self?.bool }
    public var array: [JSONValue]? { self?.array }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}
