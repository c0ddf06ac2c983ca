import GraphQL

/// An object in a GraphQL response: it knows its type name and resolves its fields.
///
/// Objects wrap already-loaded domain values, so resolving a field is usually a switch and
/// a property read; the few fields that need the database reach it through the context,
/// which caches and batches per request.
public protocol GraphQLObject<Context>: Sendable {
    associatedtype Context: Sendable
    var typeName: String { get }
    func resolve(_ field: FieldRequest, context: Context) async throws -> GraphQLValue<Context>
    /// The field's value when working it out needs no waiting, or nil to have the executor
    /// await `resolve`. Nearly every field reads what its object already holds, and an
    /// `async` call per field (a task frame, an executor check) was a twentieth of a page.
    /// Where both answer a field, they answer alike.
    func resolveImmediately(_ field: FieldRequest, context: Context) throws -> GraphQLValue<Context>?
}

extension GraphQLObject {
    public func resolveImmediately(_ field: FieldRequest, context: Context) throws -> GraphQLValue<Context>? { nil }
}

/// An object that answers every field from what it holds, without waiting.
public protocol ImmediateGraphQLObject: GraphQLObject {
    func value(of field: FieldRequest, context: Context) throws -> GraphQLValue<Context>
}

extension ImmediateGraphQLObject {
    public func resolveImmediately(_ field: FieldRequest, context: Context) throws -> GraphQLValue<Context>? {
        try value(of: field, context: context)
    }

    public func resolve(_ field: FieldRequest, context: Context) async throws -> GraphQLValue<Context> {
        try value(of: field, context: context)
    }
}

/// What a resolver returns; the executor checks it against the schema's type while writing it.
public enum GraphQLValue<Context: Sendable>: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// Boxed: an existential inline would make every value address-only, and the executor
    /// copied each one it switched over. `.object(_:)` makes one.
    case boxedObject(ObjectBox)
    case list([GraphQLValue<Context>])
    case json(JSONValue)

    public final class ObjectBox: Sendable {
        let object: any GraphQLObject<Context>

        init(_ object: any GraphQLObject<Context>) {
            self.object = object
        }
    }

    public static func object(_ object: any GraphQLObject<Context>) -> GraphQLValue { .boxedObject(ObjectBox(object)) }

    /// A list or an object: a value that is completed field by field or item by item.
    var isComposite: Bool {
        switch self {
        case .list, .boxedObject: true
        default: false
        }
    }

    public static func optional(_ text: String?) -> GraphQLValue { text.map { .string($0) } ?? .null }
    public static func optional(_ number: Int?) -> GraphQLValue { number.map { .int($0) } ?? .null }
    public static func optional(_ object: (any GraphQLObject<Context>)?) -> GraphQLValue { object.map { .object($0) } ?? .null }
    public static func strings(_ texts: [String]) -> GraphQLValue { .list(texts.map { .string($0) }) }
    public static func objects(_ objects: [any GraphQLObject<Context>]) -> GraphQLValue { .list(objects.map { .object($0) }) }
}

/// One field to resolve: its coerced arguments and, for look-ahead, what is selected below it.
public struct FieldRequest: @unchecked Sendable {
    public let name: String
    public let arguments: [String: InputValue]
    let nodes: [Field]
    let fragments: [String: FragmentDefinition]

    public subscript(argument: String) -> InputValue? {
        guard let value = arguments[argument], !value.isNull else { return nil }
        return value
    }

    /// Whether `name` is selected directly below this field, through fragments too.
    public func selects(_ name: String) -> Bool {
        selects(path: [name])
    }

    /// Whether the field at `path` is selected below this field, each name a level down
    /// (`["nodes", "customer"]`), through fragments too.
    public func selects(path: [String]) -> Bool {
        var visited = Set<[String]>()
        func search(_ selectionSet: SelectionSet?, _ path: ArraySlice<String>) -> Bool {
            guard let name = path.first else { return true }
            for selection in selectionSet?.selections ?? [] {
                switch selection {
                case let field as Field where field.name.value == name:
                    if search(field.selectionSet, path.dropFirst()) { return true }
                case let fragment as InlineFragment: if search(fragment.selectionSet, path) { return true }
                case let spread as FragmentSpread:
                    guard visited.insert([spread.name.value] + path).inserted else { continue }
                    if search(fragments[spread.name.value]?.selectionSet, path) { return true }
                default: continue
                }
            }
            return false
        }
        return nodes.contains { search($0.selectionSet, path[...]) }
    }
}

/// An error a resolver reports to the client: the field becomes null and the error, with
/// its `extensions` (`code` and friends), is listed in the response's top-level `errors`.
public struct GraphQLFieldError: Error, Sendable {
    public var message: String
    public var extensions: [String: JSONValue]

    public init(_ message: String, extensions: [String: JSONValue] = [:]) {
        self.message = message
        self.extensions = extensions
    }
}
