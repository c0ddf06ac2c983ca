/// The fields of an input object, by name, each at most once, kept in the order they were added.
///
/// An input object sets a handful of fields, so finding one by comparing names costs about what
/// hashing its name would, and building one hashes nothing: a 499-line update builds some 600
/// of them, and as dictionaries their hashing was a twentieth of the update. Equality and
/// hashing ignore the order, as a dictionary's do.
public struct InputFields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: InputValue)

    private struct Field: Sendable, Hashable {
        var name: String
        var value: InputValue
    }

    /// One array, so that building an object allocates once.
    private var fields: [Field] = []

    public init() {}

    public init(minimumCapacity: Int) {
        fields.reserveCapacity(minimumCapacity)
    }

    public init(dictionaryLiteral elements: (String, InputValue)...) {
        self.init(minimumCapacity: elements.count)
        for (name, value) in elements { self[name] = value }
    }

    public init(_ dictionary: [String: InputValue]) {
        self.init(minimumCapacity: dictionary.count)
        for (name, value) in dictionary { append(name, value) }
    }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }
    public var keys: [String] { fields.map(\.name) }

    public subscript(name: String) -> InputValue? {
        get { fields.first { $0.name == name }?.value }
        set {
            switch (fields.firstIndex { $0.name == name }, newValue) {
            case (let index?, let value?): fields[index].value = value
            case (let index?, nil): fields.remove(at: index)
            case (nil, let value?): append(name, value)
            case (nil, nil): break
            }
        }
    }

    /// Adds a field known not to be there yet.
    mutating func append(_ name: String, _ value: InputValue) {
        fields.append(Field(name: name, value: value))
    }

    public func mapValues<T>(_ transform: (InputValue) throws -> T) rethrows -> [String: T] {
        var result = [String: T](minimumCapacity: count)
        for field in fields { result[field.name] = try transform(field.value) }
        return result
    }

    public func makeIterator() -> some IteratorProtocol<Element> {
        fields.lazy.map { (key: $0.name, value: $0.value) }.makeIterator()
    }

    public static func == (lhs: InputFields, rhs: InputFields) -> Bool {
        lhs.count == rhs.count && lhs.fields.allSatisfy { rhs[$0.name] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        // Summed, so that the order of the fields makes no difference.
        var sum = 0
        for field in fields { sum &+= field.hashValue }
        hasher.combine(count)
        hasher.combine(sum)
    }
}
