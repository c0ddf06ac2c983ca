import GraphQL

/// The calculated cost of an operation, worked out from the document before it runs, by
/// Shopify's published rules: a scalar or enum field costs 0, an object field 1, a connection 2
/// plus its `first` or `last` times the cost of one page item, and a mutation's root field 10.
/// Fragments count wherever they are spread; type conditions are not narrowed, so the cost of a
/// union or interface selection is an upper bound.
struct QueryCost {
    let index: SchemaIndex
    let fragments: [String: FragmentDefinition]
    let variables: [String: JSONValue]

    static let mutationCost = 10
    /// The page size a connection without `first` or `last` is charged for.
    static let defaultPageSize = 10

    /// The operation the request names (or its only one), or nil when there is none to run;
    /// the executor then answers with the error.
    static func requested(_ document: Document, operationName: String?, variables: [String: JSONValue],
                          index: SchemaIndex) -> Int? {
        var operations: [OperationDefinition] = []
        var fragments: [String: FragmentDefinition] = [:]
        for definition in document.definitions {
            if let operation = definition as? OperationDefinition { operations.append(operation) }
            if let fragment = definition as? FragmentDefinition { fragments[fragment.name.value] = fragment }
        }
        let operation = operationName.map { name in operations.first { $0.name?.value == name } }
            ?? (operations.count == 1 ? operations[0] : nil)
        guard let operation else { return nil }
        let cost = QueryCost(index: index, fragments: fragments, variables: variables)
        if operation.operation == .mutation {
            return cost.fields(of: operation.selectionSet, visiting: []).count * mutationCost
        }
        return cost.selectionCost(operation.selectionSet, type: index.queryType, visiting: [])
    }

    /// The fields of a selection set with fragments flattened; `visiting` stops fragment cycles.
    private func fields(of selectionSet: SelectionSet, visiting: Set<String>) -> [Field] {
        selectionSet.selections.flatMap { selection -> [Field] in
            switch selection {
            case let field as Field: return [field]
            case let inline as InlineFragment: return fields(of: inline.selectionSet, visiting: visiting)
            case let spread as FragmentSpread:
                let name = spread.name.value
                guard !visiting.contains(name), let fragment = fragments[name] else { return [] }
                return fields(of: fragment.selectionSet, visiting: visiting.union([name]))
            default: return []
            }
        }
    }

    private func selectionCost(_ selectionSet: SelectionSet, type: String, visiting: Set<String>) -> Int {
        fields(of: selectionSet, visiting: visiting).reduce(0) { total, field in
            total + fieldCost(field, parent: type, visiting: visiting)
        }
    }

    private func fieldCost(_ field: Field, parent: String, visiting: Set<String>) -> Int {
        let name = field.name.value
        guard !name.hasPrefix("__"), let info = index.outputFields[parent]?[name] else { return 0 }
        let type = info.type.namedType
        guard let selectionSet = field.selectionSet, index.kinds[type] != .scalar, index.kinds[type] != .enumeration else {
            return 0
        }
        let children = selectionCost(selectionSet, type: type, visiting: visiting)
        if type.hasSuffix("Connection") {
            // The page's items are charged once each; `pageInfo` and the connection itself once.
            let size = pageSize(field)
            let perItem = fields(of: selectionSet, visiting: visiting).reduce(0) { total, child in
                let childName = child.name.value
                guard childName == "edges" || childName == "nodes" else { return total }
                return total + fieldCost(child, parent: type, visiting: visiting)
            }
            return 2 + size * perItem + (children - perItem)
        }
        return 1 + children
    }

    private func pageSize(_ field: Field) -> Int {
        for argument in field.arguments where ["first", "last"].contains(argument.name.value) {
            switch argument.value {
            case let literal as IntValue: return Int(literal.value) ?? Self.defaultPageSize
            case let variable as Variable:
                if case .int(let number)? = variables[variable.name.value] { return number }
            default: break
            }
        }
        return Self.defaultPageSize
    }
}
