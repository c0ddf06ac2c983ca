/// Keyed container: each `encode` appends a keyed member to the object;
/// sorting happens once, when the document is serialized.
struct TreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: TreeEncoder
    let container: Int

    private var core: EncoderCore { encoder.core }

    var codingPath: [any CodingKey] { core.path(toContainer: container) }

    @inline(__always)
    private func member(_ key: some CodingKey) -> Int { core.addMember(to: container, key: key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { core.setKind(member(key), .null) }

    mutating func encode(_ value: Bool, forKey key: Key) throws { core.setKind(member(key), value ? .true : .false) }

    mutating func encode(_ value: String, forKey key: Key) throws { core.setString(member(key), value) }

    mutating func encode(_ value: Double, forKey key: Key) throws { try core.setFloatingPoint(member(key), value) }

    mutating func encode(_ value: Float, forKey key: Key) throws { try core.setFloatingPoint(member(key), value) }

    mutating func encode(_ value: Int, forKey key: Key) throws { core.setInteger(member(key), value) }

    mutating func encode(_ value: Int8, forKey key: Key) throws { core.setInteger(member(key), value) }

    mutating func encode(_ value: Int16, forKey key: Key) throws { core.setInteger(member(key), value) }

    mutating func encode(_ value: Int32, forKey key: Key) throws { core.setInteger(member(key), value) }

    mutating func encode(_ value: Int64, forKey key: Key) throws { core.setInteger(member(key), value) }

    mutating func encode(_ value: UInt, forKey key: Key) throws { core.setInteger(member(key), value) }

    mutating func encode(_ value: UInt8, forKey key: Key) throws { core.setInteger(member(key), value) }

    mutating func encode(_ value: UInt16, forKey key: Key) throws { core.setInteger(member(key), value) }

    mutating func encode(_ value: UInt32, forKey key: Key) throws { core.setInteger(member(key), value) }

    mutating func encode(_ value: UInt64, forKey key: Key) throws { core.setInteger(member(key), value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.encodeValue(value, into: member(key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = core.container(for: member(key), isObject: true)
        return KeyedEncodingContainer(TreeKeyedContainer<NestedKey>(encoder: encoder, container: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeUnkeyedContainer(encoder: encoder, container: core.container(for: member(key), isObject: false))
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(core: core, slot: member(JSONKey.super)) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(core: core, slot: member(key)) }
}

/// Unkeyed container: appends elements in order.
struct TreeUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: TreeEncoder
    let container: Int

    private var core: EncoderCore { encoder.core }

    var codingPath: [any CodingKey] { core.path(toContainer: container) }
    var count: Int { core.containers[container].count }

    @inline(__always)
    private func element() -> Int { core.addMember(to: container, key: nil) }

    mutating func encodeNil() throws { core.setKind(element(), .null) }

    mutating func encode(_ value: Bool) throws { core.setKind(element(), value ? .true : .false) }

    mutating func encode(_ value: String) throws { core.setString(element(), value) }

    mutating func encode(_ value: Double) throws { try core.setFloatingPoint(element(), value) }

    mutating func encode(_ value: Float) throws { try core.setFloatingPoint(element(), value) }

    mutating func encode(_ value: Int) throws { core.setInteger(element(), value) }

    mutating func encode(_ value: Int8) throws { core.setInteger(element(), value) }

    mutating func encode(_ value: Int16) throws { core.setInteger(element(), value) }

    mutating func encode(_ value: Int32) throws { core.setInteger(element(), value) }

    mutating func encode(_ value: Int64) throws { core.setInteger(element(), value) }

    mutating func encode(_ value: UInt) throws { core.setInteger(element(), value) }

    mutating func encode(_ value: UInt8) throws { core.setInteger(element(), value) }

    mutating func encode(_ value: UInt16) throws { core.setInteger(element(), value) }

    mutating func encode(_ value: UInt32) throws { core.setInteger(element(), value) }

    mutating func encode(_ value: UInt64) throws { core.setInteger(element(), value) }

    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value, into: element()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = core.container(for: element(), isObject: true)
        return KeyedEncodingContainer(TreeKeyedContainer<NestedKey>(encoder: encoder, container: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        TreeUnkeyedContainer(encoder: encoder, container: core.container(for: element(), isObject: false))
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(core: core, slot: element()) }
}

/// Single-value container: fills the encoder's current slot.
struct TreeSingleValueContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    let slot: Int

    private var core: EncoderCore { encoder.core }

    var codingPath: [any CodingKey] { core.path(to: slot) }

    mutating func encodeNil() throws { core.setKind(slot, .null) }

    mutating func encode(_ value: Bool) throws { core.setKind(slot, value ? .true : .false) }

    mutating func encode(_ value: String) throws { core.setString(slot, value) }

    mutating func encode(_ value: Double) throws { try core.setFloatingPoint(slot, value) }

    mutating func encode(_ value: Float) throws { try core.setFloatingPoint(slot, value) }

    mutating func encode(_ value: Int) throws { core.setInteger(slot, value) }

    mutating func encode(_ value: Int8) throws { core.setInteger(slot, value) }

    mutating func encode(_ value: Int16) throws { core.setInteger(slot, value) }

    mutating func encode(_ value: Int32) throws { core.setInteger(slot, value) }

    mutating func encode(_ value: Int64) throws { core.setInteger(slot, value) }

    mutating func encode(_ value: UInt) throws { core.setInteger(slot, value) }

    mutating func encode(_ value: UInt8) throws { core.setInteger(slot, value) }

    mutating func encode(_ value: UInt16) throws { core.setInteger(slot, value) }

    mutating func encode(_ value: UInt32) throws { core.setInteger(slot, value) }

    mutating func encode(_ value: UInt64) throws { core.setInteger(slot, value) }

    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value, into: slot) }
}
