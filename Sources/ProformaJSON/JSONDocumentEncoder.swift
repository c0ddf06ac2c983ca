/// Drop-in replacement for `Foundation.JSONEncoder` configured with
/// `outputFormatting = [.sortedKeys]` and default strategies: the output is
/// byte-identical to what Foundation writes on Linux, including `\/` for
/// slashes and `2` for `2.0`.
public struct JSONDocumentEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let core = EncoderCore()
        let encoder = TreeEncoder(core: core, slot: EncoderCore.root)
        try encoder.encodeValue(value, into: EncoderCore.root)
        if core.members[EncoderCore.root].kind == .empty {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return core.serialize()
    }

    public func encodeToString<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}

/// The document under construction, as an arena: `members` are values
/// (each optionally keyed) linked into `containers`, and every scalar is
/// rendered to its final JSON text in `scratch` as soon as it is encoded.
/// Keys are kept as raw UTF-8 in `scratch` so objects can be sorted at the
/// end. An arena (rather than writing straight to the output) is what lets
/// containers be filled in any order, which `Encodable` permits.
///
/// The state lives behind a pointer, not in stored properties, so that
/// mutating it incurs no dynamic exclusivity checks (see `RawBuffer`).
final class EncoderCore {
    struct Member {
        enum Kind: UInt8 { case empty, null, `true`, `false`, text, container }
        var kind: Kind
        /// Raw key bytes in `scratch` (for sorting and paths); `keyStart < 0`
        /// for array elements and the root.
        var keyStart: Int
        var keyEnd: Int
        /// The key as JSON text, `"key":`, in `scratch`.
        var jsonKeyStart: Int
        var jsonKeyEnd: Int
        /// First 8 key bytes, big-endian and zero-padded, so most key
        /// comparisons while sorting are a single integer compare.
        var keyPrefix: UInt64
        /// `.text`: JSON text range in `scratch`. `.container`: container index in `a`.
        var a: Int
        var b: Int
        /// Next member of the same container, or -1.
        var next: Int
        /// Owning container, or -1 for the root.
        var parent: Int
    }

    struct Container {
        var isObject: Bool
        var first: Int
        var last: Int
        var count: Int
        /// The member this container is the value of.
        var owner: Int
    }

    struct State {
        var scratch: JSONTextWriter
        var members: RawBuffer<Member>
        var containers: RawBuffer<Container>
    }

    static let root = 0

    let state: UnsafeMutablePointer<State>

    init() {
        state = .allocate(capacity: 1)
        state.initialize(to: State(
            scratch: JSONTextWriter(escapeSlashes: true, capacity: 1024),
            members: RawBuffer(capacity: 64),
            containers: RawBuffer(capacity: 16)))
        state.pointee.members.append(Member(
            kind: .empty, keyStart: -1, keyEnd: -1, jsonKeyStart: 0, jsonKeyEnd: 0, keyPrefix: 0,
            a: 0, b: 0, next: -1, parent: -1))
    }

    deinit {
        state.pointee.scratch.deallocate()
        state.pointee.members.deallocate()
        state.pointee.containers.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    @inline(__always)
    var members: RawBuffer<Member> { state.pointee.members }

    @inline(__always)
    var containers: RawBuffer<Container> { state.pointee.containers }

    @inline(__always)
    func addMember(to container: Int, key: String?) -> Int {
        let m = members.count
        var member = Member(
            kind: .empty, keyStart: -1, keyEnd: -1, jsonKeyStart: 0, jsonKeyEnd: 0, keyPrefix: 0,
            a: 0, b: 0, next: -1, parent: container)
        if let key {
            let wrote: Void? = key.utf8.withContiguousStorageIfAvailable { writeKey($0, into: &member) }
            if wrote == nil {
                var copy = key
                copy.withUTF8 { writeKey($0, into: &member) }
            }
        }
        state.pointee.members.append(member)
        let containers = self.containers
        let last = containers[container].last
        if last < 0 {
            containers[container].first = m
        } else {
            members[last].next = m
        }
        containers[container].last = m
        containers[container].count += 1
        return m
    }

    /// Renders `"key":` once, at encode time, so serializing is mostly
    /// copying. A value encoded right after its key ends up adjacent to it
    /// and both are copied out in one move.
    @inline(__always)
    private func writeKey(_ raw: UnsafeBufferPointer<UInt8>, into member: inout Member) {
        let start = state.pointee.scratch.count
        state.pointee.scratch.writeString(utf8: raw)
        let quotedEnd = state.pointee.scratch.count
        state.pointee.scratch.writeByte(UInt8(ascii: ":"))
        member.jsonKeyStart = start
        member.jsonKeyEnd = quotedEnd + 1
        if quotedEnd - start == raw.count + 2 {
            // Nothing was escaped: the raw bytes sit inside the quotes.
            member.keyStart = start + 1
        } else {
            // Rare: keep a raw copy for sorting; the value will not be adjacent.
            member.keyStart = state.pointee.scratch.count
            state.pointee.scratch.writeBytes(raw)
        }
        member.keyEnd = member.keyStart + raw.count
        if raw.count >= 8 {
            member.keyPrefix = UnsafeRawPointer(raw.baseAddress!).loadUnaligned(as: UInt64.self).bigEndian
        } else {
            var prefix: UInt64 = 0
            for i in 0..<raw.count { prefix |= UInt64(raw[i]) &<< (56 &- 8 &* UInt64(i)) }
            member.keyPrefix = prefix
        }
    }

    /// The container that is `m`'s value, created on first use. Asking twice
    /// for the same kind returns the same container, so a type may call
    /// `container(keyedBy:)` more than once (Foundation merges those too).
    func container(for m: Int, isObject: Bool) -> Int {
        let members = self.members
        if members[m].kind == .container {
            let existing = members[m].a
            if containers[existing].isObject == isObject { return existing }
        }
        let c = containers.count
        state.pointee.containers.append(Container(isObject: isObject, first: -1, last: -1, count: 0, owner: m))
        members[m].kind = .container
        members[m].a = c
        return c
    }

    @inline(__always)
    func setKind(_ m: Int, _ kind: Member.Kind) {
        members[m].kind = kind
    }

    @inline(__always)
    private func setText(_ m: Int, from start: Int) {
        let members = self.members
        members[m].kind = .text
        members[m].a = start
        members[m].b = state.pointee.scratch.count
    }

    @inline(__always)
    func setString(_ m: Int, _ value: String) {
        let start = state.pointee.scratch.count
        state.pointee.scratch.writeString(value)
        setText(m, from: start)
    }

    @inline(__always)
    func setInteger<T: FixedWidthInteger>(_ m: Int, _ value: T) {
        let start = state.pointee.scratch.count
        state.pointee.scratch.writeInteger(value)
        setText(m, from: start)
    }

    /// Non-finite values throw, like Foundation's default
    /// `nonConformingFloatEncodingStrategy` (`.throw`).
    @inline(__always)
    func setFloatingPoint<T: BinaryFloatingPoint & CustomStringConvertible>(_ m: Int, _ value: T) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: path(to: m), debugDescription: "Unable to encode \(T.self).\(value) directly in JSON."))
        }
        let start = state.pointee.scratch.count
        state.pointee.scratch.writeFinite(value)
        setText(m, from: start)
    }

    /// Coding path of member `m`, rebuilt from parent links on demand.
    func path(to m: Int) -> [any CodingKey] {
        let members = self.members
        let containers = self.containers
        var keys: [any CodingKey] = []
        var current = m
        while members[current].parent >= 0 {
            let member = members[current]
            if member.keyStart >= 0 {
                let key = state.pointee.scratch.slice(member.keyStart, member.keyEnd)
                keys.append(JSONKey(stringValue: String(decoding: key, as: UTF8.self)))
            } else {
                var position = 0
                var sibling = containers[member.parent].first
                while sibling != current {
                    position += 1
                    sibling = members[sibling].next
                }
                keys.append(JSONKey(index: position))
            }
            current = containers[member.parent].owner
        }
        return keys.reversed()
    }

    func path(toContainer c: Int) -> [any CodingKey] {
        path(to: containers[c].owner)
    }
}

/// The `Encoder`. Like the decoder, one instance serves a whole encode;
/// `slot` is the member currently being filled and is swapped around nested
/// `encode(to:)` calls.
final class TreeEncoder: Encoder {
    let core: EncoderCore
    var slot: Int

    init(core: EncoderCore, slot: Int) {
        self.core = core
        self.slot = slot
    }

    var codingPath: [any CodingKey] { core.path(to: slot) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(TreeKeyedContainer<Key>(encoder: self, container: core.container(for: slot, isObject: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        TreeUnkeyedContainer(encoder: self, container: core.container(for: slot, isObject: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        TreeSingleValueContainer(encoder: self, slot: slot)
    }

    @inline(__always)
    func encodeValue<T: Encodable>(_ value: T, into m: Int) throws {
        // Pointer compares on the metatype; spares leaf values a container.
        if T.self == String.self { return core.setString(m, unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return core.setInteger(m, unsafeBitCast(value, to: Int.self)) }
        if T.self == Bool.self { return core.setKind(m, unsafeBitCast(value, to: Bool.self) ? .true : .false) }
        if T.self == Double.self { return try core.setFloatingPoint(m, unsafeBitCast(value, to: Double.self)) }
        if T.self == Int64.self { return core.setInteger(m, unsafeBitCast(value, to: Int64.self)) }
        try encodeNested(value, into: m)
    }

    func encodeNested<T: Encodable>(_ value: T, into m: Int) throws {
        if let name = FoundationSpecialTypes.unsupportedName(T.self) {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: core.path(to: m), debugDescription: FoundationSpecialTypes.message(name)))
        }
        if mightBeCollection(T.self), let direct = T.self as? any DirectEncodable.Type {
            return try direct.encodeDirect(value, into: self, slot: m)
        }
        let saved = slot
        slot = m
        defer { slot = saved }
        try value.encode(to: self)
    }
}

/// Collections encoded straight into the arena instead of through their own
/// `encode(to:)` (generic containers, one boxed key per dictionary entry).
/// The output is what the standard conformances produce.
protocol DirectEncodable {
    /// `value` is a `Self`; taking it generically avoids boxing it in an
    /// existential just to make the call.
    static func encodeDirect<V>(_ value: V, into encoder: TreeEncoder, slot: Int) throws
}

extension Array: DirectEncodable where Element: Encodable {
    static func encodeDirect<V>(_ value: V, into encoder: TreeEncoder, slot: Int) throws {
        let array = unsafeBitCast(value, to: Self.self)
        let core = encoder.core
        let c = core.container(for: slot, isObject: false)
        // Leaf element types get a fully specialized loop.
        if Element.self == String.self {
            for s in unsafeBitCast(array, to: [String].self) { core.setString(core.addMember(to: c, key: nil), s) }
        } else if Element.self == Int.self {
            for i in unsafeBitCast(array, to: [Int].self) { core.setInteger(core.addMember(to: c, key: nil), i) }
        } else if Element.self == Int64.self {
            for i in unsafeBitCast(array, to: [Int64].self) { core.setInteger(core.addMember(to: c, key: nil), i) }
        } else if Element.self == Bool.self {
            for b in unsafeBitCast(array, to: [Bool].self) { core.setKind(core.addMember(to: c, key: nil), b ? .true : .false) }
        } else {
            for element in array { try encoder.encodeValue(element, into: core.addMember(to: c, key: nil)) }
        }
    }
}

extension Dictionary: DirectEncodable where Key == String, Value: Encodable {
    static func encodeDirect<V>(_ value: V, into encoder: TreeEncoder, slot: Int) throws {
        let dictionary = unsafeBitCast(value, to: Self.self)
        let core = encoder.core
        let c = core.container(for: slot, isObject: true)
        if Value.self == String.self {
            for (k, v) in unsafeBitCast(dictionary, to: [String: String].self) { core.setString(core.addMember(to: c, key: k), v) }
        } else if Value.self == Int.self {
            for (k, v) in unsafeBitCast(dictionary, to: [String: Int].self) { core.setInteger(core.addMember(to: c, key: k), v) }
        } else {
            for (k, v) in dictionary { try encoder.encodeValue(v, into: core.addMember(to: c, key: k)) }
        }
    }
}

/// Cheap pre-filter for the `DirectEncodable` / `TapeDirectDecodable`
/// conformance lookup, which is a hash-table probe in the runtime: arrays and
/// dictionaries are always a single reference (8 bytes, not POD), which most
/// model structs and enums are not.
@inline(__always)
func mightBeCollection<T>(_: T.Type) -> Bool {
    MemoryLayout<T>.size == MemoryLayout<[Int]>.size && !_isPOD(T.self)
}
