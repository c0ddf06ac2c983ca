import GraphQL
import Synchronization

/// A parsed and validated query, ready to execute any number of times.
///
/// `@unchecked Sendable`: GraphQLSwift's AST is immutable once parsed but is not declared
/// `Sendable`; nothing here mutates it after `prepare`.
public final class PreparedDocument: @unchecked Sendable {
    public let document: Document
    private let lineStarts: [Int]
    /// Whether the operation reads the schema itself (`__schema`, `__type`), which the
    /// introspection executor answers.
    public let isIntrospection: Bool
    /// Collected fields per selection and object type, computed once per document: selecting
    /// fields (fragments, type conditions, directives) then costs a dictionary lookup.
    let plans = Mutex<[PlanKey: [FieldPlan]]>([:])
    /// Calculated costs by operation name, for operations whose cost no variable changes
    /// (see `QueryCost`); nil for a name the document has no operation for.
    let costs = Mutex<[String?: Int?]>([:])

    init(document: Document, source: String) {
        self.document = document
        isIntrospection = document.definitions.contains { definition in
            guard let operation = definition as? OperationDefinition else { return false }
            return operation.selectionSet.selections.contains {
                guard let field = $0 as? Field else { return false }
                return field.name.value == "__schema" || field.name.value == "__type"
            }
        }
        var starts = [0]
        for (offset, byte) in source.utf8.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// Line and column (1-based) of a byte offset in the query text.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }
}

struct PlanKey: Hashable {
    let selectionSets: [ObjectIdentifier]
    let typeName: String
}

/// One response key of a selection: the field, what the schema says of it, and the AST nodes
/// (with their sub-selections) merged under that key.
///
/// A class, because the executor passes plans down through every field of a response.
/// `@unchecked Sendable`: the AST it refers to is immutable, and `lastSubPlan` is guarded.
final class FieldPlan: @unchecked Sendable {
    let key: String
    /// `key` as the response writes it, escaped once.
    let writtenKey: JSONWriter.Key
    let name: String
    /// What the schema says of the field, apart: taking a whole `FieldInfo` out of an optional
    /// for every field of a response cost three reference counts. No type: no such field.
    let type: TypeRef?
    let arguments: [ArgumentInfo]
    /// The value the query gives each of `arguments`, found once: searching the field's
    /// arguments by name for each request copied every one it passed, 1.4% of a search page.
    private let given: [(any Value)?]
    /// The arguments coerced once, when no `$variable` appears in them (`lineItems(first: 5)`),
    /// or why they cannot be; nil when they depend on the request's variables.
    private let constantArguments: Result<[String: InputValue], any Error>?
    let nodes: [Field]
    let subSelections: [SelectionSet]
    /// The plan of the sub-selections for the object type last seen here. A list of 50 drafts
    /// asks for the same type's plan 50 times; this answers without hashing a `PlanKey`.
    let lastSubPlan = Mutex<(typeName: String, plans: [FieldPlan])?>(nil)

    init(key: String, name: String, info: FieldInfo?, nodes: [Field], subSelections: [SelectionSet], schema: SchemaIndex) {
        self.key = key
        self.writtenKey = JSONWriter.Key(key)
        self.name = name
        self.type = info?.type
        let arguments = info?.arguments ?? []
        self.arguments = arguments
        let given = arguments.map { definition in nodes[0].arguments.first { $0.name.value == definition.name }?.value }
        self.given = given
        self.constantArguments = if arguments.isEmpty || given.contains(where: { $0.map(Self.mentionsVariable) ?? false }) {
            nil
        } else {
            Result { try Self.coerce(arguments, given: given, variables: [:], schema: schema) }
        }
        self.nodes = nodes
        self.subSelections = subSelections
    }

    /// The field's arguments in a request with `variables`, defaults filled in.
    func arguments(variables: [String: InputValue], schema: SchemaIndex) throws -> [String: InputValue] {
        if let constantArguments { return try constantArguments.get() }
        return try Self.coerce(arguments, given: given, variables: variables, schema: schema)
    }

    private static func coerce(_ definitions: [ArgumentInfo], given: [(any Value)?], variables: [String: InputValue],
                               schema: SchemaIndex) throws -> [String: InputValue] {
        guard !definitions.isEmpty else { return [:] }
        let coercion = Coercion(schema: schema)
        var arguments: [String: InputValue] = [:]
        for (definition, value) in zip(definitions, given) {
            if let value {
                do {
                    if let coerced = try coercion.coerce(value, to: definition.input, variables: variables) {
                        arguments[definition.name] = coerced
                        continue
                    }
                } catch let problem as CoercionProblem {
                    let location = problem.path.isEmpty ? "" : " at \(problem.path.joined(separator: "."))"
                    throw GraphQLFieldError(
                        "Argument '\(definition.name)' has an invalid value\(location): \(problem.explanation)",
                        extensions: ["code": .string("argumentLiteralsIncompatible")])
                }
            }
            if let defaultValue = definition.defaultValue {
                arguments[definition.name] = defaultValue
            }
        }
        return arguments
    }

    private static func mentionsVariable(_ value: any Value) -> Bool {
        switch value {
        case is Variable: true
        case let list as ListValue: list.values.contains(where: mentionsVariable)
        case let object as ObjectValue: object.fields.contains { mentionsVariable($0.value) }
        default: false
        }
    }
}

/// Parses and validates query texts once and remembers the outcome, keyed by the text.
///
/// Validation costs far more than executing a typical query, and clients send the same few
/// query texts over and over with different variables. The cache is bounded; when full it
/// forgets everything rather than tracking recency, since the working set refills in a
/// handful of requests.
///
/// Requests that bring a text while it is being validated wait for that validation rather than
/// repeat it: when a new client version starts, its workers send their new texts at once, and
/// each of 100 such requests validating alone cost 0.6-0.7 ms of CPU apiece.
public final class DocumentCache: Sendable {
    public enum Outcome: Sendable {
        case ready(PreparedDocument)
        case invalid([ResponseError])
    }

    private enum Entry {
        case known(Outcome)
        case validating(Task<Outcome, Never>)
    }

    private let schema: GraphQLSchema
    private let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    public init(schema: GraphQLSchema, capacity: Int = 1000) {
        self.schema = schema
        self.capacity = capacity
    }

    public func prepare(_ query: String) async -> Outcome {
        let entry = entries.withLock { entries -> Entry in
            if let entry = entries[query] { return entry }
            let schema = self.schema
            let validation = Task { Self.parseAndValidate(query, schema: schema) }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[query] = .validating(validation)
            return .validating(validation)
        }
        switch entry {
        case .known(let outcome):
            return outcome
        case .validating(let validation):
            let outcome = await validation.value
            // Whichever waiter resumes first records the outcome; the cache may have been emptied since.
            entries.withLock { entries in
                if case .validating = entries[query] { entries[query] = .known(outcome) }
            }
            return outcome
        }
    }

    public var count: Int { entries.withLock { $0.count } }

    static func parseAndValidate(_ query: String, schema: GraphQLSchema) -> Outcome {
        let document: Document
        do {
            document = try parse(source: Source(body: query, name: "GraphQL request"))
        } catch let error as GraphQLError {
            return .invalid([ResponseError(error)])
        } catch {
            return .invalid([ResponseError(message: "\(error)")])
        }
        let problems = validate(schema: schema, ast: document)
        guard problems.isEmpty else { return .invalid(problems.map(ResponseError.init)) }
        return .ready(PreparedDocument(document: document, source: query))
    }
}

extension ResponseError {
    init(_ error: GraphQLError) {
        self.init(message: error.message, locations: error.locations.map { ($0.line, $0.column) },
                  extensions: ["code": .string("GRAPHQL_VALIDATION_FAILED")])
    }
}
