import GraphQL
import OrderedCollections

/// A type reference as the schema writes it: `[Product!]!`.
public indirect enum TypeRef: Sendable, Hashable, CustomStringConvertible {
    case named(String)
    case list(TypeRef)
    case nonNull(TypeRef)

    public var namedType: String {
        switch self {
        case .named(let name): name
        case .list(let inner), .nonNull(let inner): inner.namedType
        }
    }

    public var description: String {
        switch self {
        case .named(let name): name
        case .list(let inner): "[\(inner)]"
        case .nonNull(let inner): "\(inner)!"
        }
    }
}

public struct ArgumentInfo: Sendable {
    public let name: String
    public let type: TypeRef
    public let defaultValue: InputValue?
    /// `type`, resolved in the schema.
    let input: InputType
}

/// An input type whose named type the schema has already looked up. Coercing a 499-line draft
/// walks some 2,000 values, and looking up each value's type by name, then comparing the name
/// with the built-in scalars', was much of coercing it.
indirect enum InputType: Sendable {
    case nonNull(InputType)
    case list(InputType)
    case scalar(InputScalar)
    case enumeration(name: String, values: Set<String>)
    /// The position of its shape in `SchemaIndex.inputShapes`.
    case inputObject(Int)
}

/// A scalar input type. Names other than the built-in and custom scalars below (an output
/// type used as an input, which validation refuses) pass values through unchecked.
struct InputScalar: Sendable {
    enum Kind: Sendable {
        case int, float, string, boolean, id
        /// `DateTime`, `Decimal` and `Money`, `UnsignedInt64`, and text-like custom scalars.
        case dateTime, decimal, unsignedInt64, text
        case unchecked
    }

    let name: String
    let kind: Kind

    init(name: String) {
        self.name = name
        kind = switch name {
        case "Int": .int
        case "Float": .float
        case "String": .string
        case "Boolean": .boolean
        case "ID": .id
        case "DateTime": .dateTime
        case "Decimal", "Money": .decimal
        case "UnsignedInt64": .unsignedInt64
        case "URL", "HTML", "FormattedString", "StorefrontID": .text
        default: .unchecked
        }
    }
}

public struct FieldInfo: Sendable {
    public let name: String
    public let type: TypeRef
    public let arguments: [ArgumentInfo]
}

public enum TypeKind: Sendable {
    case scalar, object, interface, union, enumeration, inputObject
}

/// What the executor needs to know about the schema, copied once out of GraphQLSwift's
/// lazily-evaluated, lock-guarded type objects into plain dictionaries.
public struct SchemaIndex: Sendable {
    public let queryType: String
    public let mutationType: String?
    var kinds: [String: TypeKind] = [:]
    var outputFields: [String: [String: FieldInfo]] = [:]
    /// Every input object's shape, in the order of their names; `inputObjectPositions` finds one by name.
    private(set) var inputShapes: [InputObjectShape] = []
    private var inputObjectPositions: [String: Int] = [:]
    private var enumValues: [String: Set<String>] = [:]
    /// For each object type: itself, its interfaces and the unions it belongs to, which is
    /// every type condition it satisfies.
    var satisfiedTypes: [String: Set<String>] = [:]

    init(_ schema: GraphQLSchema) throws {
        queryType = schema.queryType?.name ?? "Query"
        mutationType = schema.mutationType?.name
        for (name, type) in schema.typeMap {
            switch type {
            case is GraphQLObjectType: kinds[name] = .object
            case is GraphQLInterfaceType: kinds[name] = .interface
            case is GraphQLUnionType: kinds[name] = .union
            case let enumeration as GraphQLEnumType:
                kinds[name] = .enumeration
                enumValues[name] = Set(enumeration.values.map(\.name))
            case is GraphQLInputObjectType: kinds[name] = .inputObject
            default: kinds[name] = .scalar
            }
        }
        // Positions first, so that a field's type can point at an input object not yet shaped.
        let inputObjectNames = kinds.filter { $0.value == .inputObject }.keys.sorted()
        inputObjectPositions = Dictionary(uniqueKeysWithValues: inputObjectNames.enumerated().map { ($1, $0) })
        // Defaults are converted once every type's kind is known, so enum defaults come out
        // as enum values and nested input objects find their field types.
        for (name, type) in schema.typeMap {
            switch type {
            case let object as GraphQLObjectType:
                outputFields[name] = try fields(try object.fields(), schema: schema)
                satisfiedTypes[name, default: []].insert(name)
                for interface in try object.interfaces() { satisfiedTypes[name, default: []].insert(interface.name) }
            case let interface as GraphQLInterfaceType:
                outputFields[name] = try fields(try interface.fields(), schema: schema)
            case let union as GraphQLUnionType:
                for member in try union.types() { satisfiedTypes[member.name, default: []].insert(name) }
            default:
                break
            }
        }
        for name in inputObjectNames {
            // `inputObjectPositions` counts on a shape for every name, in order.
            guard let input = schema.typeMap[name] as? GraphQLInputObjectType else {
                preconditionFailure("\(name) is an input object without an input object type")
            }
            inputShapes.append(InputObjectShape(name: name, fields: try input.fields().map { fieldName, field in
                try argument(fieldName, type: Self.ref(field.type), defaultValue: field.defaultValue, schema: schema)
            }))
        }
    }

    private func argument(_ name: String, type: TypeRef, defaultValue: Map?, schema: GraphQLSchema) throws -> ArgumentInfo {
        ArgumentInfo(name: name, type: type, defaultValue: try defaultValue.flatMap { try convert($0, to: type, schema: schema) },
                     input: input(type))
    }

    private func fields(_ map: GraphQLFieldMap, schema: GraphQLSchema) throws -> [String: FieldInfo] {
        var result: [String: FieldInfo] = [:]
        for (name, field) in map {
            result[name] = FieldInfo(name: name, type: Self.ref(field.type), arguments: try field.args.map { argName, argument in
                try self.argument(argName, type: Self.ref(argument.type), defaultValue: argument.defaultValue, schema: schema)
            })
        }
        return result
    }

    static func ref(_ type: any GraphQLType) -> TypeRef {
        switch type {
        case let nonNull as GraphQLNonNull: .nonNull(ref(nonNull.ofType))
        case let list as GraphQLList: .list(ref(list.ofType))
        case let named as any GraphQLNamedType: .named(named.name)
        default: .named("\(type)")
        }
    }

    /// A schema default (GraphQLSwift's `Map`) as an input value of `type`.
    private func convert(_ map: Map, to type: TypeRef, schema: GraphQLSchema) throws -> InputValue? {
        switch (map, type) {
        case (.undefined, _): return nil
        case (.null, _): return .null
        case (_, .nonNull(let inner)): return try convert(map, to: inner, schema: schema)
        case (.array(let items), .list(let inner)): return .list(try items.compactMap { try convert($0, to: inner, schema: schema) })
        case (_, .list(let inner)): return try convert(map, to: inner, schema: schema).map { .list([$0]) }
        case (.bool(let flag), _): return .bool(flag)
        case (.number(let number), .named(let name)):
            return name == "Float" ? .float(number.doubleValue) : .int(number.intValue)
        case (.string(let text), .named(let name)):
            return kinds[name] == .enumeration ? .enumValue(text) : .string(text)
        case (.dictionary(let members), .named(let name)):
            guard let input = schema.getType(name: name) as? GraphQLInputObjectType else { return nil }
            let definitions = try input.fields()
            var result: [String: InputValue] = [:]
            for (key, value) in members {
                guard let definition = definitions[key] else { continue }
                result[key] = try convert(value, to: Self.ref(definition.type), schema: schema)
            }
            return .object(InputFields(result))
        default:
            return nil
        }
    }

    public func field(_ name: String, on type: String) -> FieldInfo? { outputFields[type]?[name] }

    /// `type` with its named type looked up.
    func input(_ type: TypeRef) -> InputType {
        switch type {
        case .nonNull(let inner): return .nonNull(input(inner))
        case .list(let inner): return .list(input(inner))
        case .named(let name):
            switch kinds[name] {
            case .enumeration: return .enumeration(name: name, values: enumValues[name] ?? [])
            case .inputObject: if let position = inputObjectPositions[name] { return .inputObject(position) }
            default: break
            }
            return .scalar(InputScalar(name: name))
        }
    }

    /// Whether an object of type `objectType` matches a fragment's `typeCondition`.
    public func object(_ objectType: String, satisfies typeCondition: String) -> Bool {
        objectType == typeCondition || satisfiedTypes[objectType]?.contains(typeCondition) == true
    }
}

/// An input object's fields, indexed so that coercing a value costs a lookup per field given
/// rather than per field declared: inputs such as `DraftOrderInput` declare dozens and set a few.
/// A class, and the fields' input types kept apart, so that coercing a member retains one
/// reference where copying the shape or a field retained each of theirs.
final class InputObjectShape: Sendable {
    let name: String
    let fields: [ArgumentInfo]
    /// `fields[i].input` for each i.
    let fieldTypes: [InputType]
    /// The fields' names in UTF-8, back to back, and where each one ends: raw memory, written once
    /// here, so that finding a field by a key's bytes takes no reference. Arrays of names were
    /// retained and released for each name compared, a few percent of a 499-line update.
    private nonisolated(unsafe) let nameBytes: UnsafeMutableBufferPointer<UInt8>
    private nonisolated(unsafe) let nameEnds: UnsafeMutableBufferPointer<Int>
    /// The fields that matter when absent: they have a default, or must not be null.
    let neededWhenAbsent: [Int]

    init(name: String, fields: [ArgumentInfo]) {
        self.name = name
        self.fields = fields
        fieldTypes = fields.map(\.input)
        let utf8 = fields.flatMap(\.name.utf8)
        nameBytes = .allocate(capacity: max(utf8.count, 1))
        _ = nameBytes.initialize(from: utf8)
        nameEnds = .allocate(capacity: max(fields.count, 1))
        var end = 0
        for (position, field) in fields.enumerated() {
            end += field.name.utf8.count
            nameEnds[position] = end
        }
        neededWhenAbsent = fields.indices.filter { index in
            if fields[index].defaultValue != nil { return true }
            if case .nonNull = fields[index].type { return true }
            return false
        }
    }

    deinit {
        nameBytes.deallocate()
        nameEnds.deallocate()
    }

    /// The position in `fields` of the field whose name is `utf8`.
    private func position(ofUTF8 utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        var start = 0
        for position in 0..<fields.count {
            let end = nameEnds[position]
            if end - start == utf8.count,
               UnsafeBufferPointer(rebasing: nameBytes[start..<end]).elementsEqual(utf8) { return position }
            start = end
        }
        return nil
    }

    /// The position in `fields` of the field named `name`.
    func position(of name: String) -> Int? {
        var name = name
        return name.withUTF8 { position(ofUTF8: $0) }
    }

    /// The position in `fields` of the field a member's key names, compared in place; nil for a
    /// key written with an escape, whose bytes are not its name.
    func position(of key: JSONMemberKey) -> Int? {
        key.utf8.flatMap(position(ofUTF8:))
    }
}
