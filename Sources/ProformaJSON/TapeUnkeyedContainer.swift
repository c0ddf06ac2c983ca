/// Unkeyed container over an array on the tape; `cursor` is the tape index
/// of the element at `currentIndex`.
///
/// Kept to 20 bytes (indices as Int32, the rest read from the tape) so that,
/// returned as `any UnkeyedDecodingContainer`, it fits the existential's
/// inline buffer instead of being boxed on the heap.
struct TapeUnkeyedContainer: UnkeyedDecodingContainer {
    unowned(unsafe) let decoder: TapeDecoder
    private let array: Int32
    private var cursorIndex: Int32
    private var position: Int32 = 0

    init(decoder: TapeDecoder, array: Int) {
        self.decoder = decoder
        self.array = Int32(truncatingIfNeeded: array)
        cursorIndex = Int32(truncatingIfNeeded: array + 1)
    }

    private var arrayIndex: Int { Int(array) }
    private var cursor: Int { Int(cursorIndex) }
    private var end: Int { decoder.tape[arrayIndex].b }

    var codingPath: [any CodingKey] { decoder.path(to: arrayIndex) }
    var count: Int? { decoder.tape[arrayIndex].a }
    var isAtEnd: Bool { Int(position) >= decoder.tape[arrayIndex].a }
    var currentIndex: Int { Int(position) }

    @inline(__always)
    private mutating func advance(to next: Int) {
        cursorIndex = Int32(truncatingIfNeeded: next)
        position += 1
    }

    /// Decodes the current element and advances only on success, so a
    /// failed attempt can be retried with another type (as in Foundation).
    @inline(__always)
    private mutating func next<T>(_ type: T.Type, _ body: (TapeDecoder, Int) throws -> T) throws -> T {
        guard cursor < end else { throw decoder.unkeyedAtEnd(T.self, array: arrayIndex, position: currentIndex) }
        let result = try body(decoder, cursor)
        advance(to: decoder.endIndex(cursor))
        return result
    }

    /// Foundation's decodeIfPresent: nil for null; at the end it also
    /// returns nil (and, oddly, still bumps `currentIndex`).
    @inline(__always)
    private mutating func nextIfPresent<T>(_ type: T.Type, _ body: (TapeDecoder, Int) throws -> T) throws -> T? {
        guard cursor < end else {
            position += 1
            return nil
        }
        if decoder.tape[cursor].kind == .null {
            advance(to: cursor + 1)
            return nil
        }
        return try next(T.self, body)
    }

    mutating func decodeNil() throws -> Bool {
        guard cursor < end else { throw decoder.unkeyedAtEnd(Never.self, array: arrayIndex, position: currentIndex) }
        guard decoder.tape[cursor].kind == .null else { return false }
        advance(to: cursor + 1)
        return true
    }

    mutating func decode(_: Bool.Type) throws -> Bool { try next(Bool.self) { try $0.unwrapBool(at: $1) } }

    mutating func decode(_: String.Type) throws -> String { try next(String.self) { try $0.unwrapString(at: $1) } }

    mutating func decode(_: Double.Type) throws -> Double {
        try next(Double.self) { try $0.unwrapFloatingPoint(Double.self, at: $1) }
    }

    mutating func decode(_: Float.Type) throws -> Float {
        try next(Float.self) { try $0.unwrapFloatingPoint(Float.self, at: $1) }
    }

    mutating func decode(_: Int.Type) throws -> Int {
        try next(Int.self) { try $0.unwrapInteger(Int.self, at: $1) }
    }

    mutating func decode(_: Int8.Type) throws -> Int8 {
        try next(Int8.self) { try $0.unwrapInteger(Int8.self, at: $1) }
    }

    mutating func decode(_: Int16.Type) throws -> Int16 {
        try next(Int16.self) { try $0.unwrapInteger(Int16.self, at: $1) }
    }

    mutating func decode(_: Int32.Type) throws -> Int32 {
        try next(Int32.self) { try $0.unwrapInteger(Int32.self, at: $1) }
    }

    mutating func decode(_: Int64.Type) throws -> Int64 {
        try next(Int64.self) { try $0.unwrapInteger(Int64.self, at: $1) }
    }

    mutating func decode(_: UInt.Type) throws -> UInt {
        try next(UInt.self) { try $0.unwrapInteger(UInt.self, at: $1) }
    }

    mutating func decode(_: UInt8.Type) throws -> UInt8 {
        try next(UInt8.self) { try $0.unwrapInteger(UInt8.self, at: $1) }
    }

    mutating func decode(_: UInt16.Type) throws -> UInt16 {
        try next(UInt16.self) { try $0.unwrapInteger(UInt16.self, at: $1) }
    }

    mutating func decode(_: UInt32.Type) throws -> UInt32 {
        try next(UInt32.self) { try $0.unwrapInteger(UInt32.self, at: $1) }
    }

    mutating func decode(_: UInt64.Type) throws -> UInt64 {
        try next(UInt64.self) { try $0.unwrapInteger(UInt64.self, at: $1) }
    }

    mutating func decode<T: Decodable>(_: T.Type) throws -> T {
        try next(T.self) { try $0.decodeValue(T.self, at: $1) }
    }

    mutating func decodeIfPresent(_: Bool.Type) throws -> Bool? {
        try nextIfPresent(Bool.self) { try $0.unwrapBool(at: $1) }
    }

    mutating func decodeIfPresent(_: String.Type) throws -> String? {
        try nextIfPresent(String.self) { try $0.unwrapString(at: $1) }
    }

    mutating func decodeIfPresent(_: Double.Type) throws -> Double? {
        try nextIfPresent(Double.self) { try $0.unwrapFloatingPoint(Double.self, at: $1) }
    }

    mutating func decodeIfPresent(_: Float.Type) throws -> Float? {
        try nextIfPresent(Float.self) { try $0.unwrapFloatingPoint(Float.self, at: $1) }
    }

    mutating func decodeIfPresent(_: Int.Type) throws -> Int? {
        try nextIfPresent(Int.self) { try $0.unwrapInteger(Int.self, at: $1) }
    }

    mutating func decodeIfPresent(_: Int8.Type) throws -> Int8? {
        try nextIfPresent(Int8.self) { try $0.unwrapInteger(Int8.self, at: $1) }
    }

    mutating func decodeIfPresent(_: Int16.Type) throws -> Int16? {
        try nextIfPresent(Int16.self) { try $0.unwrapInteger(Int16.self, at: $1) }
    }

    mutating func decodeIfPresent(_: Int32.Type) throws -> Int32? {
        try nextIfPresent(Int32.self) { try $0.unwrapInteger(Int32.self, at: $1) }
    }

    mutating func decodeIfPresent(_: Int64.Type) throws -> Int64? {
        try nextIfPresent(Int64.self) { try $0.unwrapInteger(Int64.self, at: $1) }
    }

    mutating func decodeIfPresent(_: UInt.Type) throws -> UInt? {
        try nextIfPresent(UInt.self) { try $0.unwrapInteger(UInt.self, at: $1) }
    }

    mutating func decodeIfPresent(_: UInt8.Type) throws -> UInt8? {
        try nextIfPresent(UInt8.self) { try $0.unwrapInteger(UInt8.self, at: $1) }
    }

    mutating func decodeIfPresent(_: UInt16.Type) throws -> UInt16? {
        try nextIfPresent(UInt16.self) { try $0.unwrapInteger(UInt16.self, at: $1) }
    }

    mutating func decodeIfPresent(_: UInt32.Type) throws -> UInt32? {
        try nextIfPresent(UInt32.self) { try $0.unwrapInteger(UInt32.self, at: $1) }
    }

    mutating func decodeIfPresent(_: UInt64.Type) throws -> UInt64? {
        try nextIfPresent(UInt64.self) { try $0.unwrapInteger(UInt64.self, at: $1) }
    }

    mutating func decodeIfPresent<T: Decodable>(_: T.Type) throws -> T? {
        try nextIfPresent(T.self) { try $0.decodeValue(T.self, at: $1) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next(KeyedDecodingContainer<NestedKey>.self) { decoder, v in
            try decoder.requireObject(at: v)
            return KeyedDecodingContainer(TapeKeyedContainer<NestedKey>(decoder: decoder, object: v))
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next((any UnkeyedDecodingContainer).self) { decoder, v in
            try decoder.requireContainer(.array, at: v)
            return TapeUnkeyedContainer(decoder: decoder, array: v)
        }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next((any Decoder).self) { decoder, v in decoder.detachedDecoder(at: v, missingPath: []) }
    }
}
