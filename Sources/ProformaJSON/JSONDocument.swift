/// A JSON document parsed strictly, as `JSONValue.parse` parses it, but kept as its text and a
/// flat index of its tokens rather than as a tree. `JSONNode` reads it in place, converting only
/// what it is asked for, so that a request's 499 line objects can be read straight into what
/// they become without being a dictionary each first.
///
/// A document is immutable and shares its storage: `rooted(at:)` names a part of it without
/// copying anything.
public struct JSONDocument: Sendable {
    private let storage: Storage
    private let root: Int

    /// Owns the text and the tape; neither changes after `init`.
    private final class Storage: @unchecked Sendable {
        let bytes: UnsafeMutableBufferPointer<UInt8>
        let tape: RawBuffer<TapeEntry>
        let containsNUL: Bool

        init(_ source: UnsafeBufferPointer<UInt8>) throws(JSONParseError) {
            let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: source.count)
            _ = bytes.initialize(from: source)
            do {
                (tape, containsNUL) = try TapeBuilder.build(UnsafeBufferPointer(bytes), strict: true)
            } catch {
                bytes.deallocate()
                throw error
            }
            self.bytes = bytes
        }

        deinit {
            bytes.deallocate()
            tape.deallocate()
        }
    }

    private init(storage: Storage, root: Int) {
        self.storage = storage
        self.root = root
    }

    /// Accepts exactly the documents `JSONValue.parse` accepts.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONDocument {
        JSONDocument(storage: try withContiguousBytes(bytes) { buffer throws(JSONParseError) in try Storage(buffer) }, root: 0)
    }

    /// The document `value` writes, for callers that hold a value rather than its text. Throws
    /// only for a value nested deeper than any parse allows.
    public init(_ value: JSONValue) throws(JSONParseError) {
        self = try JSONDocument.parse(value.jsonText.utf8)
    }

    /// Whether any string or key holds U+0000, which some stores (e.g. PostgreSQL `jsonb`) reject.
    public var containsNUL: Bool { storage.containsNUL }

    /// Reads the document's root. The node, and every node read from it, is only valid inside `body`.
    public func withRoot<R, E: Error>(_ body: (JSONNode) throws(E) -> R) throws(E) -> R {
        try withExtendedLifetime(storage) { () throws(E) -> R in
            try body(JSONNode(base: UnsafePointer(storage.bytes.baseAddress!), tape: storage.tape.base, index: root))
        }
    }

    /// The part of this document at `node`, which must have been read from it, as a document of its own.
    public func rooted(at node: JSONNode) -> JSONDocument {
        precondition(node.tape == UnsafePointer(storage.tape.base), "the node belongs to another document")
        return JSONDocument(storage: storage, root: node.index)
    }

    /// The whole value.
    public var value: JSONValue { withRoot { $0.value } }
}

/// Runs `body` over `bytes` in place when they are contiguous, else over a copy.
func withContiguousBytes<R>(_ bytes: some Collection<UInt8>,
                            _ body: (UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> R) throws(JSONParseError) -> R {
    let result: Result<R, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
        Result { () throws(JSONParseError) in try body(buffer) }
    }
    if let result { return try result.get() }
    return try Array(bytes).withUnsafeBufferPointer { buffer throws(JSONParseError) in try body(buffer) }
}

/// One value inside a `JSONDocument`, read in place. A node points into its document's storage,
/// so it must not outlive the `withRoot` call that gave it out.
public struct JSONNode {
    let base: UnsafePointer<UInt8>
    let tape: UnsafePointer<TapeEntry>
    let index: Int

    private var entry: TapeEntry { tape[index] }

    /// The tape index one past this value's last entry.
    private var end: Int { entry.isContainer ? entry.b : index + 1 }

    public var isNull: Bool { entry.kind == .null }
    public var isObject: Bool { entry.kind == .object }
    public var isArray: Bool { entry.kind == .array }

    public var bool: Bool? {
        switch entry.kind {
        case .true: true
        case .false: false
        default: nil
        }
    }

    public var string: String? {
        let entry = entry
        guard entry.kind == .string else { return nil }
        return Literal.string(base, entry.a, entry.b, escaped: entry.flags & ByteScanner.stringHasEscapes != 0)
    }

    /// The number when `JSONValue` keeps it as `.int`: an integer literal that fits.
    public var int: Int? {
        let entry = entry
        guard entry.kind == .number, entry.flags & TapeBuilder.integerFitsInt != 0 else { return nil }
        return Literal.integer(Int.self, base, entry.a, entry.b)
    }

    /// The elements of an array, or the members of an object.
    public var count: Int { entry.isContainer ? entry.a : 0 }

    /// An array's elements; none for anything else.
    public var elements: Elements {
        let entry = entry
        return entry.kind == .array ? Elements(base: base, tape: tape, position: index + 1, end: entry.b)
            : Elements(base: base, tape: tape, position: 0, end: 0)
    }

    /// An object's members in the order written, duplicates included; none for anything else.
    public var members: Members {
        let entry = entry
        return entry.kind == .object ? Members(elements: Elements(base: base, tape: tape, position: index + 1, end: entry.b))
            : Members(elements: Elements(base: base, tape: tape, position: 0, end: 0))
    }

    /// Plain structs rather than closures: reading 499 line objects made a closure context for each.
    public struct Elements: Sequence, IteratorProtocol {
        let base: UnsafePointer<UInt8>
        let tape: UnsafePointer<TapeEntry>
        var position: Int
        let end: Int

        public mutating func next() -> JSONNode? {
            guard position < end else { return nil }
            let node = JSONNode(base: base, tape: tape, index: position)
            position = node.end
            return node
        }
    }

    /// Each member is its key's entry followed by its value's.
    public struct Members: Sequence, IteratorProtocol {
        var elements: Elements

        public mutating func next() -> (key: JSONMemberKey, value: JSONNode)? {
            guard elements.position < elements.end else { return nil }
            let key = JSONMemberKey(base: elements.base, entry: elements.tape[elements.position])
            elements.position += 1
            return elements.next().map { (key, $0) }
        }
    }

    /// The value of an object's member named `name`; the last one written when there are several,
    /// as in `JSONValue`.
    public func member(_ name: String) -> JSONNode? {
        var name = name
        return name.withUTF8 { utf8 in
            var found: JSONNode?
            for (key, value) in members where key.entry.textEquals(utf8, in: base) { found = value }
            return found
        }
    }

    /// The value as a tree.
    public var value: JSONValue {
        let entry = entry
        switch entry.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .string: return .string(string!)
        case .number:
            if let int { return .int(int) }
            // The strict scan refused a number that does not fit a `Double`.
            return .double(Literal.double(base, entry.a, entry.b)!)
        case .array:
            var items: [JSONValue] = []
            items.reserveCapacity(entry.a)
            for element in elements { items.append(element.value) }
            return .array(items)
        case .object:
            var members = [String: JSONValue](minimumCapacity: entry.a)
            // Plain assignment: a duplicate key keeps the last value, as `JSONValue.parse` does.
            for (key, value) in self.members { members[key.string] = value.value }
            return .object(members)
        }
    }
}

/// An object member's key, read in place.
public struct JSONMemberKey {
    let base: UnsafePointer<UInt8>
    let entry: TapeEntry

    /// Whether the key is written with an escape, so that its bytes are not its text.
    public var hasEscapes: Bool { entry.flags & ByteScanner.stringHasEscapes != 0 }

    /// The key's text as UTF-8, in place; nil when it is written with an escape, so that its
    /// bytes are not its text. Only valid while its node is.
    public var utf8: UnsafeBufferPointer<UInt8>? {
        hasEscapes ? nil : UnsafeBufferPointer(start: base + entry.a, count: entry.b - entry.a)
    }

    public var string: String { Literal.string(base, entry.a, entry.b, escaped: hasEscapes) }
}
