import GraphQL
import Logging
import OrderedCollections
import Synchronization

/// Executes validated GraphQL documents against `GraphQLObject`s, writing the JSON response
/// as it goes.
///
/// Parsing and validation are GraphQLSwift's (and cached by `DocumentCache`); execution is
/// ours because GraphQLSwift's executor boxes every value as `Any` and `Map`, which costs
/// tens of microseconds per field, and a draft order has hundreds of fields. See the README's
/// architecture notes for the measurements behind the choice.
///
/// Invariants:
/// - The document was validated against the same schema, so unknown fields, wrong argument
///   literals and bad fragment spreads cannot occur here.
/// - Fields run one after another, mutation fields in document order as the spec requires.
/// - A resolver error nulls its field; a null in a non-null position nulls the nearest
///   nullable ancestor (spec 6.4.4), and the partial output is rewound, never left half-written.
public struct Executor<Context: Sendable>: Sendable {
    public let schema: GraphQLSchema
    let index: SchemaIndex
    let logger: Logger

    public init(schema: GraphQLSchema, logger: Logger) throws {
        self.schema = schema
        self.index = try SchemaIndex(schema)
        self.logger = logger
    }

    /// Runs one request and returns the complete response body.
    /// `extensions`, when given, is written as the response's `extensions` member (raw JSON).
    public func execute(
        _ prepared: PreparedDocument, operationName: String?, variables: GraphQLVariables,
        query: any GraphQLObject<Context>, mutation: any GraphQLObject<Context>, context: Context,
        extensions: [UInt8]? = nil
    ) async -> [UInt8] {
        let run = ExecutionRun(executor: self, prepared: prepared, context: context)
        return await run.respond(operationName: operationName, variables: variables, query: query, mutation: mutation,
                                 extensions: extensions)
    }
}

/// Thrown upward when a non-null field came out null; the nearest nullable ancestor catches it.
private struct NullBubble: Error {}

/// The state of one execution. It lives on one task for one request, so it needs no locking.
///
/// For the same reason its state is exempt from dynamic exclusivity checks: every field of a
/// response writes through `writer` and `path`, and each access was checked against a
/// thread-local set of accesses in progress, about 3% of a search's CPU. Nothing here holds an
/// access to one of them across a call that could reach it again.
private final class ExecutionRun<Context: Sendable> {
    let executor: Executor<Context>
    let prepared: PreparedDocument
    let context: Context
    let index: SchemaIndex
    @exclusivity(unchecked) var writer = JSONWriter(capacity: 4096)
    @exclusivity(unchecked) var errors: [ResponseError] = []
    /// The response path of the field being resolved, kept as a stack for error messages.
    @exclusivity(unchecked) var path: [String] = []
    @exclusivity(unchecked) var variables: [String: InputValue] = [:]
    @exclusivity(unchecked) var fragments: [String: FragmentDefinition] = [:]

    init(executor: Executor<Context>, prepared: PreparedDocument, context: Context) {
        self.executor = executor
        self.prepared = prepared
        self.context = context
        self.index = executor.index
    }

    func respond(operationName: String?, variables rawVariables: GraphQLVariables,
                 query: any GraphQLObject<Context>, mutation: any GraphQLObject<Context>, extensions: [UInt8]?) async -> [UInt8] {
        var operations: [OperationDefinition] = []
        for definition in prepared.document.definitions {
            if let operation = definition as? OperationDefinition { operations.append(operation) }
            if let fragment = definition as? FragmentDefinition { fragments[fragment.name.value] = fragment }
        }
        let operation: OperationDefinition
        if let operationName {
            guard let named = operations.first(where: { $0.name?.value == operationName }) else {
                return Self.errorResponse([ResponseError(message: "Unknown operation named \"\(operationName)\".")])
            }
            operation = named
        } else {
            guard operations.count == 1 else {
                return Self.errorResponse([ResponseError(message: "Must provide operation name if query contains multiple operations.")])
            }
            operation = operations[0]
        }
        do {
            variables = try coerceVariables(operation.variableDefinitions, rawVariables)
        } catch let error as ResponseError {
            return Self.errorResponse([error])
        } catch {
            return Self.errorResponse([ResponseError(message: "\(error)")])
        }

        let isMutation = operation.operation == .mutation
        guard operation.operation != .subscription else {
            return Self.errorResponse([ResponseError(message: "Subscriptions are not supported.")])
        }
        let rootType = isMutation ? (index.mutationType ?? "Mutation") : index.queryType
        writer.beginObject()
        writer.key("data")
        let mark = writer.mark
        do {
            try await executeSelection(plan([operation.selectionSet], typeName: rootType).plans,
                                       object: isMutation ? mutation : query, typeName: rootType)
        } catch {
            writer.rewind(to: mark)
            writer.null()
        }
        if !errors.isEmpty { ResponseError.writeList(errors, to: &writer) }
        if let extensions {
            writer.key("extensions")
            writer.raw(extensions)
        }
        writer.endObject()
        return writer.bytes
    }

    static func errorResponse(_ errors: [ResponseError]) -> [UInt8] {
        ResponseError.body(errors)
    }

    // MARK: Variables

    func coerceVariables(_ definitions: [VariableDefinition], _ raw: GraphQLVariables) throws -> [String: InputValue] {
        let coercion = Coercion(schema: index)
        var result: [String: InputValue] = [:]
        for definition in definitions {
            let name = definition.variable.name.value
            let type = Self.typeRef(definition.type)
            let coerced = try raw.withValue(named: name) { value -> InputValue? in
                guard let value else { return nil }
                do {
                    return try coercion.coerce(value, to: type)
                } catch let problem as CoercionProblem {
                    throw Self.invalidVariable(name, type: type, value: value.value, problem: problem)
                }
            }
            if let coerced {
                result[name] = coerced
            } else if let defaultValue = definition.defaultValue {
                result[name] = try? coercion.coerce(defaultValue, to: type, variables: [:])
            } else if case .nonNull = type {
                throw Self.invalidVariable(name, type: type, value: .null,
                                           problem: CoercionProblem(explanation: "Expected value to not be null"))
            }
        }
        return result
    }

    static func invalidVariable(_ name: String, type: TypeRef, value: JSONValue, problem: CoercionProblem) -> ResponseError {
        let location = problem.path.isEmpty ? "" : " for \(problem.path.joined(separator: "."))"
        return ResponseError(
            message: "Variable $\(name) of type \(type) was provided invalid value\(location) (\(problem.explanation))",
            extensions: [
                "code": .string("INVALID_VARIABLE"),
                "value": value,
                "problems": .array([.object([
                    "path": .array(problem.path.map { Int($0).map(JSONValue.int) ?? .string($0) }),
                    "explanation": .string(problem.explanation),
                ])]),
            ])
    }

    static func typeRef(_ type: any GraphQL.`Type`) -> TypeRef {
        switch type {
        case let nonNull as NonNullType: .nonNull(typeRef(nonNull.type))
        case let list as ListType: .list(typeRef(list.type))
        case let named as NamedType: .named(named.name.value)
        default: .named("Unknown")
        }
    }

    // MARK: Selection

    /// The fields selected below `field` on an object of `typeName`: see `plan(_:typeName:)`.
    func subPlan(of field: FieldPlan, typeName: String) -> [FieldPlan] {
        if let last = field.lastSubPlan.withLock({ $0 }), last.typeName == typeName { return last.plans }
        let (plans, cacheable) = plan(field.subSelections, typeName: typeName)
        if cacheable { field.lastSubPlan.withLock { $0 = (typeName, plans) } }
        return plans
    }

    /// The fields selected on an object of `typeName`, grouped by response key with fragments
    /// that apply expanded; cached on the document unless a directive depends on a variable,
    /// and then not `cacheable` anywhere else either.
    func plan(_ selectionSets: [SelectionSet], typeName: String) -> (plans: [FieldPlan], cacheable: Bool) {
        let key = PlanKey(selectionSets: selectionSets.map(ObjectIdentifier.init), typeName: typeName)
        if let known = prepared.plans.withLock({ $0[key] }) { return (known, true) }
        var grouped: OrderedDictionary<String, [Field]> = [:]
        var visited = Set<String>()
        var usesVariables = false
        func include(_ directives: [Directive]) -> Bool {
            if directives.contains(where: { directive in directive.arguments.contains { $0.value is Variable } }) {
                usesVariables = true
            }
            return isIncluded(directives)
        }
        func collect(_ selectionSet: SelectionSet) {
            for selection in selectionSet.selections {
                switch selection {
                case let field as Field:
                    guard include(field.directives) else { continue }
                    grouped[field.alias?.value ?? field.name.value, default: []].append(field)
                case let fragment as InlineFragment:
                    guard include(fragment.directives) else { continue }
                    if let condition = fragment.typeCondition?.name.value, !index.object(typeName, satisfies: condition) {
                        continue
                    }
                    collect(fragment.selectionSet)
                case let spread as FragmentSpread:
                    guard include(spread.directives), visited.insert(spread.name.value).inserted,
                          let fragment = fragments[spread.name.value],
                          index.object(typeName, satisfies: fragment.typeCondition.name.value) else { continue }
                    collect(fragment.selectionSet)
                default:
                    continue
                }
            }
        }
        for selectionSet in selectionSets { collect(selectionSet) }
        let plans = grouped.map { key, nodes in
            FieldPlan(key: key, name: nodes[0].name.value, info: index.field(nodes[0].name.value, on: typeName), nodes: nodes,
                      subSelections: nodes.compactMap(\.selectionSet), schema: index)
        }
        if !usesVariables { prepared.plans.withLock { $0[key] = plans } }
        return (plans, !usesVariables)
    }

    /// `@skip(if:)` and `@include(if:)`.
    func isIncluded(_ directives: [Directive]) -> Bool {
        for directive in directives {
            let name = directive.name.value
            guard name == "skip" || name == "include",
                  let argument = directive.arguments.first(where: { $0.name.value == "if" }) else { continue }
            let condition: Bool
            if let literal = argument.value as? BooleanValue {
                condition = literal.value
            } else if let variable = argument.value as? Variable {
                condition = variables[variable.name.value]?.bool ?? false
            } else {
                continue
            }
            if name == "skip" && condition { return false }
            if name == "include" && !condition { return false }
        }
        return true
    }

    func executeSelection(_ plans: [FieldPlan], object: any GraphQLObject<Context>, typeName: String) async throws {
        writer.beginObject()
        for field in plans {
            writer.key(field.writtenKey)
            path.append(field.key)
            defer { path.removeLast() }
            // Most fields are answered and written by `start`, without an async call of their own.
            switch try start(field, object: object, parentType: typeName) {
            case .written:
                break
            case .nested(let value, let type):
                try await completeNested(value, type: type, field: field, parentType: typeName)
            case .waiting(let request, let type):
                try await finish(field, request: request, type: type, object: object, parentType: typeName)
            }
        }
        writer.endObject()
    }

    /// What is left of a field after `start`.
    enum Progress {
        case written
        /// Resolved to a list or an object, to be completed item by item or field by field.
        case nested(GraphQLValue<Context>, TypeRef)
        /// The object answers it only by `resolve`.
        case waiting(FieldRequest, TypeRef)
    }

    /// Resolves `field` if the object can answer without waiting, and writes it if it is a
    /// scalar or null, or an error in its place.
    func start(_ field: FieldPlan, object: any GraphQLObject<Context>, parentType: String) throws -> Progress {
        if field.name == "__typename" {
            writer.string(object.typeName)
            return .written
        }
        guard let type = field.type else {
            record(ResponseError(message: "Field '\(field.name)' doesn't exist on type '\(parentType)'"), nodes: field.nodes)
            writer.null()
            return .written
        }
        let value: GraphQLValue<Context>
        do {
            let arguments = field.arguments.isEmpty ? [:] : try field.arguments(variables: variables, schema: index)
            let request = FieldRequest(name: field.name, arguments: arguments, nodes: field.nodes, fragments: fragments)
            guard let immediate = try object.resolveImmediately(request, context: context) else {
                return .waiting(request, type)
            }
            value = immediate
        } catch {
            try fail(field, with: error, type: type)
            return .written
        }
        if value.isComposite { return .nested(value, type) }
        try completeLeaf(value, type: type, field: field, parentType: parentType)
        return .written
    }

    /// A field `start` left waiting.
    func finish(_ field: FieldPlan, request: FieldRequest, type: TypeRef, object: any GraphQLObject<Context>,
                parentType: String) async throws {
        let value: GraphQLValue<Context>
        do {
            value = try await object.resolve(request, context: context)
        } catch {
            try fail(field, with: error, type: type)
            return
        }
        try await complete(value, type: type, field: field, parentType: parentType)
    }

    /// Records a resolver's error: the field is null, or, if it may not be, its parent is.
    func fail(_ field: FieldPlan, with error: any Error, type: TypeRef) throws {
        record(responseError(for: error), nodes: field.nodes)
        if case .nonNull = type { throw NullBubble() }
        writer.null()
    }

    // MARK: Values

    /// Most values are scalars: written by `completeLeaf`, they skip the asynchronous calls that
    /// lists and objects need, and are handed over rather than copied (a copy of the value was
    /// a retain and a release for every field).
    func complete(_ value: consuming GraphQLValue<Context>, type: TypeRef, field: FieldPlan, parentType: String) async throws {
        if value.isComposite {
            try await completeNested(value, type: type, field: field, parentType: parentType)
        } else {
            try completeLeaf(value, type: type, field: field, parentType: parentType)
        }
    }

    /// A list or an object: in a nullable position, a null that bubbles up from inside it stops here.
    func completeNested(_ value: consuming GraphQLValue<Context>, type: TypeRef, field: FieldPlan, parentType: String) async throws {
        if case .nonNull(let inner) = type {
            try await completeComposite(value, type: inner, field: field, parentType: parentType)
            return
        }
        let mark = writer.mark
        do {
            try await completeComposite(value, type: type, field: field, parentType: parentType)
        } catch is NullBubble {
            writer.rewind(to: mark)
            writer.null()
        }
    }

    /// A null or a scalar. A null in a non-null position throws `NullBubble`.
    func completeLeaf(_ value: consuming GraphQLValue<Context>, type: TypeRef, field: FieldPlan, parentType: String) throws {
        // Switching over `value` alone: a tuple of value and type would copy both for every field.
        switch consume value {
        case .null:
            if case .nonNull = type {
                record(ResponseError(message: "Cannot return null for non-nullable field \(parentType).\(field.name)"),
                       nodes: field.nodes)
                throw NullBubble()
            }
            writer.null()
        case .string(let text): writer.string(text)
        case .int(let number): writer.int(number)
        case .float(let number): writer.double(number)
        case .bool(let flag): writer.bool(flag)
        case .json(let json): writer.write(json)
        case .list, .boxedObject: preconditionFailure("completeLeaf takes no lists or objects")
        }
    }

    /// A list or an object, in a position of `type` (without its non-null wrapper).
    func completeComposite(_ value: consuming GraphQLValue<Context>, type: TypeRef, field: FieldPlan,
                           parentType: String) async throws {
        switch consume value {
        case .list(let items):
            if case .list(let inner) = type {
                writer.beginArray()
                for (position, item) in items.enumerated() {
                    path.append(String(position))
                    defer { path.removeLast() }
                    try await complete(item, type: inner, field: field, parentType: parentType)
                }
                writer.endArray()
                return
            }
        case .boxedObject(let box):
            if case .named = type {
                let object = box.object
                let typeName = object.typeName
                try await executeSelection(subPlan(of: field, typeName: typeName), object: object, typeName: typeName)
                return
            }
        default:
            break
        }
        record(ResponseError(message: "Internal error"), nodes: field.nodes)
        executor.logger.error("resolver returned a value that does not fit \(type)", metadata: ["path": "\(path)"])
        throw NullBubble()
    }

    // MARK: Errors

    func responseError(for error: any Error) -> ResponseError {
        if let error = error as? GraphQLFieldError {
            return ResponseError(message: error.message, extensions: error.extensions)
        }
        executor.logger.error("resolver failed", metadata: ["error": "\(error)"])
        return ResponseError(message: "Internal error", extensions: ["code": .string("INTERNAL_SERVER_ERROR")])
    }

    func record(_ error: ResponseError, nodes: [Field]) {
        var error = error
        error.path = path
        error.locations = nodes.prefix(1).compactMap { $0.loc.map { prepared.location(of: $0.start) } }
        errors.append(error)
    }
}

/// One entry of a response's `errors` list.
public struct ResponseError: Error, Sendable {
    public var message: String
    public var locations: [(line: Int, column: Int)] = []
    public var path: [String]?
    public var extensions: [String: JSONValue] = [:]

    public init(message: String, locations: [(line: Int, column: Int)] = [], path: [String]? = nil,
                extensions: [String: JSONValue] = [:]) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
    }

    /// A whole response that is only errors: `{"errors": [...]}`.
    public static func body(_ errors: [ResponseError]) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writeList(errors, to: &writer)
        writer.endObject()
        return writer.bytes
    }

    /// `"errors": [...]` inside an open response object.
    static func writeList(_ errors: [ResponseError], to writer: inout JSONWriter) {
        writer.key("errors")
        writer.beginArray()
        for error in errors { error.write(to: &writer) }
        writer.endArray()
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("message")
        writer.string(message)
        if !locations.isEmpty {
            writer.key("locations")
            writer.beginArray()
            for location in locations {
                writer.beginObject()
                writer.key("line")
                writer.int(location.line)
                writer.key("column")
                writer.int(location.column)
                writer.endObject()
            }
            writer.endArray()
        }
        if let path {
            writer.key("path")
            writer.beginArray()
            for element in path {
                if let index = Int(element) { writer.int(index) } else { writer.string(element) }
            }
            writer.endArray()
        }
        if !extensions.isEmpty {
            writer.key("extensions")
            writer.write(.object(extensions))
        }
        writer.endObject()
    }
}
