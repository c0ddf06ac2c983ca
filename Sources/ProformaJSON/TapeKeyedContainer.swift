/// Keyed container over an object on the tape. Lookups compare the key's
/// UTF-8 with the raw key bytes in the input, so no key `String` is created.
struct TapeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    unowned(unsafe) let decoder: TapeDecoder
    let object: Int

    var codingPath: [any CodingKey] { decoder.path(to: object) }

    var allKeys: [Key] {
        var keys: [Key] = []
        keys.reserveCapacity(decoder.tape[object].a)
        decoder.forEachDistinctKey(of: object) { name in
            if let key = Key(stringValue: name) { keys.append(key) }
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { decoder.member(named: key.stringValue, in: object) != nil }

    @inline(__always)
    private func value(_ key: Key) throws -> Int {
        guard let v = decoder.member(named: key.stringValue, in: object) else {
            throw decoder.keyNotFound(key, in: object)
        }
        return v
    }

    /// Value index when the key is present and not null.
    @inline(__always)
    private func present(_ key: Key) -> Int? {
        guard let v = decoder.member(named: key.stringValue, in: object), decoder.tape[v].kind != .null else {
            return nil
        }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool { decoder.tape[try value(key)].kind == .null }

    func decode(_: Bool.Type, forKey key: Key) throws -> Bool { try decoder.unwrapBool(at: value(key)) }

    func decode(_: String.Type, forKey key: Key) throws -> String { try decoder.unwrapString(at: value(key)) }

    func decode(_: Double.Type, forKey key: Key) throws -> Double {
        try decoder.unwrapFloatingPoint(Double.self, at: value(key))
    }

    func decode(_: Float.Type, forKey key: Key) throws -> Float {
        try decoder.unwrapFloatingPoint(Float.self, at: value(key))
    }

    func decode(_: Int.Type, forKey key: Key) throws -> Int {
        try decoder.unwrapInteger(Int.self, at: value(key))
    }

    func decode(_: Int8.Type, forKey key: Key) throws -> Int8 {
        try decoder.unwrapInteger(Int8.self, at: value(key))
    }

    func decode(_: Int16.Type, forKey key: Key) throws -> Int16 {
        try decoder.unwrapInteger(Int16.self, at: value(key))
    }

    func decode(_: Int32.Type, forKey key: Key) throws -> Int32 {
        try decoder.unwrapInteger(Int32.self, at: value(key))
    }

    func decode(_: Int64.Type, forKey key: Key) throws -> Int64 {
        try decoder.unwrapInteger(Int64.self, at: value(key))
    }

    func decode(_: UInt.Type, forKey key: Key) throws -> UInt {
        try decoder.unwrapInteger(UInt.self, at: value(key))
    }

    func decode(_: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try decoder.unwrapInteger(UInt8.self, at: value(key))
    }

    func decode(_: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try decoder.unwrapInteger(UInt16.self, at: value(key))
    }

    func decode(_: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try decoder.unwrapInteger(UInt32.self, at: value(key))
    }

    func decode(_: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try decoder.unwrapInteger(UInt64.self, at: value(key))
    }

    func decode<T: Decodable>(_: T.Type, forKey key: Key) throws -> T {
        try decoder.decodeValue(T.self, at: value(key))
    }

    // Implemented rather than inherited: the protocol's defaults look the key
    // up three times (contains, decodeNil, decode).

    func decodeIfPresent(_: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapBool(at: v)
    }

    func decodeIfPresent(_: String.Type, forKey key: Key) throws -> String? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapString(at: v)
    }

    func decodeIfPresent(_: Double.Type, forKey key: Key) throws -> Double? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapFloatingPoint(Double.self, at: v)
    }

    func decodeIfPresent(_: Float.Type, forKey key: Key) throws -> Float? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapFloatingPoint(Float.self, at: v)
    }

    func decodeIfPresent(_: Int.Type, forKey key: Key) throws -> Int? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapInteger(Int.self, at: v)
    }

    func decodeIfPresent(_: Int8.Type, forKey key: Key) throws -> Int8? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapInteger(Int8.self, at: v)
    }

    func decodeIfPresent(_: Int16.Type, forKey key: Key) throws -> Int16? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapInteger(Int16.self, at: v)
    }

    func decodeIfPresent(_: Int32.Type, forKey key: Key) throws -> Int32? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapInteger(Int32.self, at: v)
    }

    func decodeIfPresent(_: Int64.Type, forKey key: Key) throws -> Int64? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapInteger(Int64.self, at: v)
    }

    func decodeIfPresent(_: UInt.Type, forKey key: Key) throws -> UInt? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapInteger(UInt.self, at: v)
    }

    func decodeIfPresent(_: UInt8.Type, forKey key: Key) throws -> UInt8? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapInteger(UInt8.self, at: v)
    }

    func decodeIfPresent(_: UInt16.Type, forKey key: Key) throws -> UInt16? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapInteger(UInt16.self, at: v)
    }

    func decodeIfPresent(_: UInt32.Type, forKey key: Key) throws -> UInt32? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapInteger(UInt32.self, at: v)
    }

    func decodeIfPresent(_: UInt64.Type, forKey key: Key) throws -> UInt64? {
        guard let v = present(key) else { return nil }
        return try decoder.unwrapInteger(UInt64.self, at: v)
    }

    func decodeIfPresent<T: Decodable>(_: T.Type, forKey key: Key) throws -> T? {
        guard let v = present(key) else { return nil }
        return try decoder.decodeValue(T.self, at: v)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        let v = try value(key)
        try decoder.requireObject(at: v)
        return KeyedDecodingContainer(TapeKeyedContainer<NestedKey>(decoder: decoder, object: v))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let v = try value(key)
        try decoder.requireContainer(.array, at: v)
        return TapeUnkeyedContainer(decoder: decoder, array: v)
    }

    func superDecoder() throws -> any Decoder {
        decoder.detachedDecoder(
            at: decoder.member(named: JSONKey.super.stringValue, in: object),
            missingPath: codingPath + [JSONKey.super])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.detachedDecoder(at: decoder.member(named: key.stringValue, in: object), missingPath: codingPath + [key])
    }
}
