/// Drop-in replacement for `Foundation.JSONDecoder` with default strategies:
/// accepts the same inputs, produces the same values and throws the same
/// `DecodingError` cases.
///
/// The input is parsed once into a flat tape of tokens; keys, strings and
/// numbers are only converted when a `Decodable` asks for them, and coding
/// paths are reconstructed from the tape only when an error or a caller
/// needs one.
public struct JSONDocumentDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        if let result = try bytes.withContiguousStorageIfAvailable({ try Self.decode(T.self, buffer: $0) }) {
            return result
        }
        return try Array(bytes).withUnsafeBufferPointer { try Self.decode(T.self, buffer: $0) }
    }

    public func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        var text = text
        return try text.withUTF8 { try Self.decode(T.self, buffer: $0) }
    }

    private static func decode<T: Decodable>(_: T.Type, buffer: UnsafeBufferPointer<UInt8>) throws -> T {
        let tape: RawBuffer<TapeEntry>
        do {
            tape = try TapeBuilder.build(buffer)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: [], debugDescription: "The given data was not valid JSON.", underlyingError: error))
        }
        defer { tape.deallocate() }
        let decoder = TapeDecoder(base: buffer.baseAddress!, tape: tape.buffer, index: 0, detachedPath: nil, owner: nil)
        return try withExtendedLifetime(decoder) { try decoder.decodeValue(T.self, at: 0) }
    }
}

/// The `Decoder` over a tape. One instance serves a whole decode: nested
/// values are decoded by moving `index` and restoring it afterwards, so no
/// decoder is allocated per nested value.
///
/// Holds unowned pointers into the input and the tape; both outlive every
/// use because decoding is synchronous and nothing here escapes the call.
final class TapeDecoder: Decoder {
    let base: UnsafePointer<UInt8>
    let tape: UnsafeBufferPointer<TapeEntry>
    var index: Int
    /// Only for a decoder over a missing key (from `superDecoder(forKey:)`),
    /// whose path cannot be recovered from the tape.
    let detachedPath: [any CodingKey]?

    /// Dictionary decoding walks `allKeys` and looks each one up; when the
    /// keys are known to be unique, lookups resume where the last one matched
    /// instead of rescanning the object (which would be quadratic).
    var hintObject = -1
    var hintKey = 0

    /// Containers refer to their decoder `unowned(unsafe)` (no reference
    /// counting per container). That is sound because every decoder lives
    /// until the top-level decode returns: the root is held by that call,
    /// and each decoder made for `superDecoder` is kept in `root.detached`.
    unowned(unsafe) let root: TapeDecoder?
    private var detached: [TapeDecoder] = []

    init(base: UnsafePointer<UInt8>, tape: UnsafeBufferPointer<TapeEntry>, index: Int, detachedPath: [any CodingKey]?, owner: TapeDecoder?) {
        self.base = base
        self.tape = tape
        self.index = index
        self.detachedPath = detachedPath
        root = owner
    }

    var codingPath: [any CodingKey] { path(to: index) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Tape index of the synthetic null used for missing values.
    var missingValueIndex: Int { tape.count - 1 }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try requireObject(at: index)
        return KeyedDecodingContainer(TapeKeyedContainer<Key>(decoder: self, object: index))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try requireContainer(.array, at: index)
        return TapeUnkeyedContainer(decoder: self, array: index)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        TapeSingleValueContainer(decoder: self, index: index)
    }

    /// A separate decoder, for `superDecoder`: the caller may keep using it
    /// while the parent container carries on.
    func detachedDecoder(at valueIndex: Int?, missingPath: @autoclosure () -> [any CodingKey]) -> TapeDecoder {
        let owner = root ?? self
        let decoder = valueIndex.map { TapeDecoder(base: base, tape: tape, index: $0, detachedPath: nil, owner: owner) }
            ?? TapeDecoder(base: base, tape: tape, index: missingValueIndex, detachedPath: missingPath(), owner: owner)
        owner.detached.append(decoder)
        return decoder
    }

    // MARK: Tape navigation

    @inline(__always)
    func endIndex(_ i: Int) -> Int {
        let e = tape[i]
        return e.isContainer ? e.b : i + 1
    }

    /// Value index for `key` in `object`, or nil. The first occurrence of a
    /// duplicated key wins, as in Foundation.
    @inline(__always)
    func member(named key: UnsafeBufferPointer<UInt8>, in object: Int) -> Int? {
        let end = tape[object].b
        if hintObject == object && hintKey < end && keyMatches(hintKey, key) {
            let value = hintKey + 1
            hintKey = endIndex(value)
            return value
        }
        var k = object + 1
        while k < end {
            if keyMatches(k, key) { return k + 1 }
            k = endIndex(k + 1)
        }
        return nil
    }

    @inline(__always)
    func member(named name: String, in object: Int) -> Int? {
        if let found = name.utf8.withContiguousStorageIfAvailable({ member(named: $0, in: object) }) {
            return found
        }
        var copy = name
        return copy.withUTF8 { member(named: $0, in: object) }
    }

    /// Keys are validated when their object is opened (`requireObject`), so
    /// unescaping here cannot fail.
    @inline(__always)
    private func keyMatches(_ k: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        tape[k].textEquals(key, in: base)
    }

    /// Calls `body` with each distinct key of `object` in document order
    /// (for a duplicated key, only the first). Small objects are checked for
    /// duplicates by comparing raw bytes; hashing only pays off for big ones.
    @inline(__always)
    func forEachDistinctKey(of object: Int, _ body: (String) -> Void) {
        let e = tape[object]
        var duplicates = false
        var k = object + 1
        if e.a <= 16 && e.flags & ByteScanner.stringHasEscapes == 0 {
            while k < e.b {
                if isRepeatedKey(k, in: object) {
                    duplicates = true
                } else {
                    body(stringValue(at: k))
                }
                k = endIndex(k + 1)
            }
        } else {
            var seen = Set<String>(minimumCapacity: e.a)
            while k < e.b {
                let key = stringValue(at: k)
                if seen.insert(key).inserted { body(key) } else { duplicates = true }
                k = endIndex(k + 1)
            }
        }
        if !duplicates {
            hintObject = object
            hintKey = object + 1
        }
    }

    /// Whether the raw key at `k` already occurred earlier in `object`.
    private func isRepeatedKey(_ k: Int, in object: Int) -> Bool {
        let e = tape[k]
        let key = UnsafeBufferPointer(start: base + e.a, count: e.b - e.a)
        var earlier = object + 1
        while earlier < k {
            if keyMatches(earlier, key) { return true }
            earlier = endIndex(earlier + 1)
        }
        return false
    }

    /// A key as a String. Never fails: keys on any path we report have been
    /// validated, and anything else is shown as its raw (repaired) bytes.
    func stringValue(at i: Int) -> String {
        let e = tape[i]
        if e.flags == 0 { return Literal.string(base, e.a, e.b, escaped: false) }
        return (try? Literal.validatedString(base, e.a, e.b)) ?? Literal.text(base, e.a, e.b)
    }

    /// The coding path of the value at tape index `target`, rebuilt by
    /// descending from the root. Only errors and explicit `codingPath` reads
    /// pay for this.
    func path(to target: Int) -> [any CodingKey] {
        if target >= missingValueIndex { return detachedPath ?? [] }
        var keys: [any CodingKey] = []
        var current = 0
        while current != target {
            let e = tape[current]
            guard e.isContainer, target < e.b else { break }
            var child = current + 1
            var position = 0
            var descended = false
            while child < e.b {
                let valueIndex = e.kind == .object ? child + 1 : child
                let end = endIndex(valueIndex)
                if target < end {
                    keys.append(e.kind == .object ? JSONKey(stringValue: stringValue(at: child)) : JSONKey(index: position))
                    current = valueIndex
                    descended = true
                    break
                }
                child = end
                position += 1
            }
            if !descended { break }
        }
        return keys
    }

    // MARK: Generic values

    @inline(__always)
    func decodeValue<T: Decodable>(_ type: T.Type, at i: Int) throws -> T {
        // Metatype comparisons are pointer compares; they spare the common
        // leaf types a trip through `init(from:)` and a container.
        if T.self == String.self { return unsafeBitCast(try unwrapString(at: i), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(try unwrapInteger(Int.self, at: i), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(try unwrapBool(at: i), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(try unwrapFloatingPoint(Double.self, at: i), to: T.self) }
        if T.self == Int64.self { return unsafeBitCast(try unwrapInteger(Int64.self, at: i), to: T.self) }
        return try decodeNested(T.self, at: i)
    }

    func decodeNested<T: Decodable>(_ type: T.Type, at i: Int) throws -> T {
        if let name = FoundationSpecialTypes.unsupportedName(T.self) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: path(to: i), debugDescription: FoundationSpecialTypes.message(name)))
        }
        let kind = tape[i].kind
        if kind == .array || kind == .object, mightBeCollection(T.self), let direct = T.self as? any TapeDirectDecodable.Type {
            return try direct.decodeDirect(T.self, from: self, at: i)
        }
        let saved = (index, hintObject, hintKey)
        index = i
        defer { (index, hintObject, hintKey) = saved }
        return try T(from: self)
    }

    /// `JSONValue` straight from the tape, with the result Foundation gives
    /// for `JSONValue.init(from:)`: numbers become `.int` whenever Foundation
    /// would decode them as `Int` (so `1e3` and `5.0` are ints), duplicate
    /// keys keep the first value, and an invalid leaf is a `typeMismatch`
    /// (the last type Foundation's attempts try is an object).
    func jsonValue(at i: Int) throws -> JSONValue {
        let e = tape[i]
        switch e.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .string:
            guard let s = try? unwrapString(at: i) else { throw typeMismatch([String: JSONValue].self, at: i) }
            return .string(s)
        case .number:
            if let token = Literal.numberToken(base, e.a, e.b) {
                let asInt = token.isInteger
                    ? Literal.integer(Int.self, base, e.a, e.b)
                    : Literal.integerFromFloatLiteral(Int.self, base, e.a, e.b)
                if let asInt { return .int(asInt) }
                if let d = Literal.floatingPoint(Double.self, base, e.a, e.b, isInteger: token.isInteger) { return .double(d) }
            }
            throw typeMismatch([String: JSONValue].self, at: i)
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(e.a)
            var child = i + 1
            while child < e.b {
                elements.append(try jsonValue(at: child))
                child = endIndex(child)
            }
            return .array(elements)
        case .object:
            try requireObject(at: i)
            var members: [String: JSONValue] = Dictionary(minimumCapacity: e.a)
            var k = i + 1
            while k < e.b {
                let key = stringValue(at: k)
                if members[key] == nil { members[key] = try jsonValue(at: k + 1) }
                k = endIndex(k + 1)
            }
            return .object(members)
        }
    }
}
