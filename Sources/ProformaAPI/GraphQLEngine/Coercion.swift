import GraphQL
import ProformaCore

/// Why a value does not fit its type, and where inside the value.
struct CoercionProblem: Error {
    /// Relative to the value being coerced; each enclosing level prepends its own place.
    var path: [String] = []
    var explanation: String
}

/// Coerces variables (JSON) and literals (query text) to their declared input types,
/// following the GraphQL spec's input coercion rules, plus checks for the custom scalars
/// whose text has a format (`DateTime`, `Decimal`, `Money`, `UnsignedInt64`).
struct Coercion {
    let schema: SchemaIndex

    static let int32Range = Int(Int32.min)...Int(Int32.max)

    // MARK: Variables

    /// Coerces a variable as its request sent it. The common case, a valid value, is read
    /// straight from the parsed request: an object's members are found by their bytes, and each
    /// value becomes an input value without being a `JSONValue` first. Anything else (a problem,
    /// a key written with an escape or twice, an input type of more than 64 fields) is coerced
    /// again from the value as a tree, which says what is wrong.
    func coerce(_ node: JSONNode, to type: TypeRef) throws -> InputValue {
        let input = schema.input(type)
        if let valid = validInput(node, to: input) { return valid }
        return try coerce(node.value, to: input)
    }

    /// The coerced value when it fits its type, else nil.
    private func validInput(_ node: JSONNode, to type: InputType) -> InputValue? {
        switch type {
        case .nonNull(let inner):
            return node.isNull ? nil : validInput(node, to: inner)
        case .list(let inner):
            if node.isNull { return .null }
            guard node.isArray else { return validInput(node, to: inner).map { .list([$0]) } }
            var result: [InputValue] = []
            result.reserveCapacity(node.count)
            for element in node.elements {
                guard let item = validInput(element, to: inner) else { return nil }
                result.append(item)
            }
            return .list(result)
        case .inputObject(let position):
            if node.isNull { return .null }
            return node.isObject ? validInputObject(schema.inputShapes[position], node: node) : nil
        case .enumeration, .scalar:
            // A leaf is a string or a number, as cheap to read as a tree as in place.
            return try? coerce(node.value, to: type)
        }
    }

    /// Each member is looked up once, in the order given, and nothing is sorted: a 499-line
    /// update coerces 499 line objects, nearly always valid.
    private func validInputObject(_ shape: InputObjectShape, node: JSONNode) -> InputValue? {
        guard shape.fields.count <= UInt64.bitWidth else { return nil }
        var result = InputFields(minimumCapacity: node.count + shape.neededWhenAbsent.count)
        var given: UInt64 = 0
        for (key, member) in node.members {
            guard let position = shape.position(of: key), given & (1 << position) == 0,
                  let coerced = validInput(member, to: shape.fieldTypes[position]) else { return nil }
            given |= 1 << position
            result.append(shape.fields[position].name, coerced)
        }
        for position in shape.neededWhenAbsent where given & (1 << position) == 0 {
            guard let defaultValue = shape.fields[position].defaultValue else { return nil }
            result.append(shape.fields[position].name, defaultValue)
        }
        return .object(result)
    }

    /// A problem's path is relative to `value`: each level prepends its own place as the problem
    /// passes back up.
    func coerce(_ value: JSONValue, to type: InputType) throws -> InputValue {
        switch type {
        case .nonNull(let inner):
            if value.isNull { throw CoercionProblem(explanation: "Expected value to not be null") }
            return try coerce(value, to: inner)
        case .list(let inner):
            if value.isNull { return .null }
            if case .array(let items) = value {
                var result: [InputValue] = []
                result.reserveCapacity(items.count)
                for (index, item) in items.enumerated() {
                    result.append(try Self.placing(String(index)) { try coerce(item, to: inner) })
                }
                return .list(result)
            }
            return .list([try coerce(value, to: inner)])
        case .enumeration(let name, let values):
            if value.isNull { return .null }
            guard case .string(let text) = value, values.contains(text) else {
                throw CoercionProblem(explanation: "Expected \(value.jsonText) to be one of the values of \(name)")
            }
            return .enumValue(text)
        case .inputObject(let position):
            if value.isNull { return .null }
            let shape = schema.inputShapes[position]
            guard case .object(let members) = value else {
                throw CoercionProblem(explanation: "Expected \(value.jsonText) to be a key-value object")
            }
            return try inputObject(shape, fieldNames: members.keys) { field in
                guard let member = members[field.name] else { return nil }
                return try Self.placing(field.name) { try coerce(member, to: field.input) }
            }
        case .scalar(let scalar):
            if value.isNull { return .null }
            return try self.scalar(scalar, json: value)
        }
    }

    /// Runs `body`, prepending `component` to the path of any problem it throws.
    private static func placing<T>(_ component: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var problem as CoercionProblem {
            problem.path.insert(component(), at: 0)
            throw problem
        }
    }

    private func scalar(_ scalar: InputScalar, json value: JSONValue) throws -> InputValue {
        let fail = { CoercionProblem(explanation: "Could not coerce value \(value.jsonText) to \(scalar.name)") }
        switch (scalar.kind, value) {
        case (.int, .int(let number)):
            guard Self.int32Range.contains(number) else { throw fail() }
            return .int(number)
        case (.int, .double(let number)) where number == number.rounded() && abs(number) <= Double(Int32.max):
            return .int(Int(number))
        case (.float, .int(let number)): return .float(Double(number))
        case (.float, .double(let number)): return .float(number)
        case (.string, .string(let text)): return .string(text)
        case (.boolean, .bool(let flag)): return .bool(flag)
        case (.id, .string(let text)): return .string(text)
        case (.id, .int(let number)): return .string(String(number))
        case (.int, _), (.float, _), (.string, _), (.boolean, _), (.id, _):
            throw fail()
        case (.dateTime, _), (.decimal, _), (.unsignedInt64, _), (.text, _), (.unchecked, _):
            // Custom scalars pass through as given, once their format is known to be right.
            let input = Self.plain(value)
            let isValid = switch scalar.kind {
            case .dateTime: input.string.flatMap { Timestamp(iso8601: $0) } != nil
            case .decimal: input.decimal != nil
            case .unsignedInt64: input.string.flatMap { UInt64($0) } != nil
            case .text: input.string != nil
            default: true
            }
            guard isValid else { throw fail() }
            return input
        }
    }

    static func plain(_ value: JSONValue) -> InputValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .float(number)
        case .string(let text): .string(text)
        case .array(let items): .list(items.map(plain))
        case .object(let members): .object(InputFields(members.mapValues(plain)))
        }
    }

    private func inputObject(
        _ shape: InputObjectShape, fieldNames: some Collection<String>,
        value: (ArgumentInfo) throws -> InputValue?
    ) throws -> InputValue {
        var positions: [Int] = shape.neededWhenAbsent
        var unknown: String?
        for fieldName in fieldNames {
            if let position = shape.position(of: fieldName) {
                positions.append(position)
            } else if unknown.map({ fieldName < $0 }) ?? true {
                unknown = fieldName
            }
        }
        if let unknown {
            throw CoercionProblem(path: [unknown], explanation: "Field is not defined on \(shape.name)")
        }
        // In declaration order, as the spec walks them, so that the first problem is always the same one.
        positions.sort()
        var result = InputFields(minimumCapacity: positions.count)
        var previous = -1
        for position in positions where position != previous {
            previous = position
            let field = shape.fields[position]
            if let given = try value(field) {
                result.append(field.name, given)
            } else if let defaultValue = field.defaultValue {
                result.append(field.name, defaultValue)
            } else if case .nonNull = field.type {
                throw CoercionProblem(path: [field.name], explanation: "Expected value to not be null")
            }
        }
        return .object(result)
    }

    // MARK: Literals

    /// Coerces a literal from the query text; `$variables` inside it are looked up in `variables`.
    /// Problems carry paths relative to the literal, as for variables.
    func coerce(_ literal: any GraphQL.Value, to type: TypeRef, variables: [String: InputValue]) throws -> InputValue? {
        try coerce(literal, to: schema.input(type), variables: variables)
    }

    func coerce(_ literal: any GraphQL.Value, to type: InputType, variables: [String: InputValue]) throws -> InputValue? {
        if let variable = literal as? Variable {
            let value = variables[variable.name.value]
            if case .nonNull = type, value == nil || value == .null {
                throw CoercionProblem(explanation: "Expected value to not be null")
            }
            return value
        }
        switch type {
        case .nonNull(let inner):
            if literal is NullValue { throw CoercionProblem(explanation: "Expected value to not be null") }
            return try coerce(literal, to: inner, variables: variables)
        case .list(let inner):
            if literal is NullValue { return .null }
            if let list = literal as? ListValue {
                var items: [InputValue] = []
                for (index, item) in list.values.enumerated() {
                    items.append(try Self.placing(String(index)) { try coerce(item, to: inner, variables: variables) } ?? .null)
                }
                return .list(items)
            }
            return try coerce(literal, to: inner, variables: variables).map { .list([$0]) }
        case .enumeration(let name, let values):
            if literal is NullValue { return .null }
            guard let value = literal as? EnumValue, values.contains(value.value) else {
                throw CoercionProblem(explanation: "Invalid literal for \(name)")
            }
            return .enumValue(value.value)
        case .inputObject(let position):
            if literal is NullValue { return .null }
            let shape = schema.inputShapes[position]
            guard let object = literal as? ObjectValue else { throw CoercionProblem(explanation: "Invalid literal for \(shape.name)") }
            let members = Dictionary(object.fields.map { ($0.name.value, $0.value) }, uniquingKeysWith: { first, _ in first })
            return try inputObject(shape, fieldNames: members.keys) { field in
                guard let member = members[field.name] else { return nil }
                // An absent variable inside an object counts as an absent field.
                return try Self.placing(field.name) { try coerce(member, to: field.input, variables: variables) }
            }
        case .scalar(let scalar):
            if literal is NullValue { return .null }
            return try self.scalar(scalar, json: try Self.plainLiteral(literal, variables: variables))
        }
    }

    private static func plainLiteral(_ literal: any GraphQL.Value, variables: [String: InputValue]) throws -> JSONValue {
        switch literal {
        case let value as IntValue:
            guard let number = Int(value.value) else { throw CoercionProblem(explanation: "Int out of range") }
            return .int(number)
        case let value as FloatValue: return .double(Double(value.value) ?? .nan)
        case let value as StringValue: return .string(value.value)
        case let value as BooleanValue: return .bool(value.value)
        case let value as EnumValue: return .string(value.value)
        case is NullValue: return .null
        case let value as ListValue:
            var items: [JSONValue] = []
            for item in value.values { items.append(try plainLiteral(item, variables: variables)) }
            return .array(items)
        case let value as ObjectValue:
            var members: [String: JSONValue] = [:]
            for field in value.fields { members[field.name.value] = try plainLiteral(field.value, variables: variables) }
            return .object(members)
        case let variable as Variable:
            return variables[variable.name.value].map(json) ?? .null
        default:
            throw CoercionProblem(explanation: "Unsupported literal")
        }
    }

    static func json(_ value: InputValue) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .float(let number): .double(number)
        case .string(let text), .enumValue(let text): .string(text)
        case .list(let items): .array(items.map(json))
        case .object(let fields): .object(fields.mapValues(json))
        }
    }
}

extension InputValue {
    /// An exact decimal from a `Decimal`/`Money` value, which clients send as a string
    /// ("10.00") or a JSON number.
    public var decimal: ExactDecimal? {
        switch self {
        case .string(let text): ExactDecimal(text)
        case .int(let number): ExactDecimal(number)
        case .float(let number): ExactDecimal(number)
        default: nil
        }
    }
}
