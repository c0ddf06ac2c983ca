/// The fields of an input object, by name, each at most once, kept in the order they were added.
///
/// An input object sets a handful of fields, so finding one by comparing names costs about what
/// hashing its name would, and building one hashes nothing: a 499-line update builds some 600
/// of them, and as dictionaries their hashing was a twentieth of the update. Equality and
/// hashing ignore the order, as a dictionary's do.
public struct InputFields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: InputValue)

    private var names: [String] = []
    private var values: [InputValue] = []

    public init() {}

    public init(minimumCapacity: Int) {
        names.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    public init(dictionaryLiteral elements: (String, InputValue)...) {
        self.init(minimumCapacity: elements.count)
        for (name, value) in elements { self[name] = value }
    }

    public init(_ dictionary: [String: InputValue]) {
        self.init(minimumCapacity: dictionary.count)
        for (name, value) in dictionary { self[name] = value }
    }

    public var count: Int { names.count }
    public var isEmpty: Bool { names.isEmpty }
    public var keys: [String] { names }

    public subscript(name: String) -> InputValue? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            switch (names.firstIndex(of: name), newValue) {
            case (let index?, let value?): values[index] = value
            case (let index?, nil):
                names.remove(at: index)
                values.remove(at: index)
            case (nil, let value?): append(name, value)
            case (nil, nil): break
            }
        }
    }

    /// Adds a field known not to be there yet.
    mutating func append(_ name: String, _ value: InputValue) {
        names.append(name)
        values.append(value)
    }

    public func mapValues<T>(_ transform: (InputValue) throws -> T) rethrows -> [String: T] {
        var result = [String: T](minimumCapacity: count)
        for index in names.indices { result[names[index]] = try transform(values[index]) }
        return result
    }

    public func makeIterator() -> some IteratorProtocol<Element> {
        zip(names, values).lazy.map { (key: $0, value: $1) }.makeIterator()
    }

    public static func == (lhs: InputFields, rhs: InputFields) -> Bool {
        lhs.count == rhs.count && lhs.names.indices.allSatisfy { rhs[lhs.names[$0]] == lhs.values[$0] }
    }

    public func hash(into hasher: inout Hasher) {
        // Summed, so that the order of the fields makes no difference.
        var sum = 0
        for index in names.indices {
            var field = Hasher()
            field.combine(names[index])
            field.combine(values[index])
            sum &+= field.finalize()
        }
        hasher.combine(count)
        hasher.combine(sum)
    }
}
