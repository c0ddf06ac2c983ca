import GraphQL
import Synchronization

/// The calculated cost of an operation, worked out from the document before it runs, by
/// Shopify's published rules: a scalar or enum field costs 0, an object field 1, a connection 2
/// plus its `first` or `last` times the cost of one page item, and a mutation's root field 10.
/// Fragments count wherever they are spread; type conditions are not narrowed, so the cost of a
/// union or interface selection is an upper bound. Arithmetic saturates: a query too large to
/// count costs `Int.max`, never a crash.
struct QueryCost {
    let index: SchemaIndex
    let fragments: [String: FragmentDefinition]
    let variables: GraphQLVariables
    /// The operation's variable defaults, for a variable the request leaves out.
    let defaults: [String: any Value]
    /// Whether a page size came from a variable: a cost that did not is the same for every
    /// request of the document, and `cost(of:operationName:variables:index:)` keeps it.
    private(set) var readsVariables = false

    static let mutationCost = 10
    /// The page size a connection without `first` or `last` is charged for.
    static let defaultPageSize = 10
    static let maximumPageSize = 250

    /// `requested`, kept on the prepared document when no variable went into it: a search's
    /// page of drafts spent 3% of its CPU walking its own query to price it.
    static func cost(of prepared: PreparedDocument, operationName: String?, variables: GraphQLVariables,
                     index: SchemaIndex) -> Int? {
        if let known = prepared.costs.withLock({ $0[operationName] }) { return known }
        let (cost, readsVariables) = requested(prepared.document, operationName: operationName, variables: variables,
                                               index: index)
        if !readsVariables { prepared.costs.withLock { $0[operationName] = cost } }
        return cost
    }

    /// The operation the request names (or its only one), or nil when there is none to run;
    /// the executor then answers with the error. Also whether a variable went into the cost.
    private static func requested(_ document: Document, operationName: String?, variables: GraphQLVariables,
                                  index: SchemaIndex) -> (cost: Int?, readsVariables: Bool) {
        var operations: [OperationDefinition] = []
        var fragments: [String: FragmentDefinition] = [:]
        for definition in document.definitions {
            if let operation = definition as? OperationDefinition { operations.append(operation) }
            if let fragment = definition as? FragmentDefinition { fragments[fragment.name.value] = fragment }
        }
        let operation = operationName.map { name in operations.first { $0.name?.value == name } }
            ?? (operations.count == 1 ? operations[0] : nil)
        guard let operation else { return (nil, false) }
        var defaults: [String: any Value] = [:]
        for definition in operation.variableDefinitions {
            if let value = definition.defaultValue { defaults[definition.variable.name.value] = value }
        }
        var cost = QueryCost(index: index, fragments: fragments, variables: variables, defaults: defaults)
        if operation.operation == .mutation {
            return (multiply(cost.fields(of: operation.selectionSet, visiting: []).count, mutationCost), false)
        }
        let total = cost.selectionCost(operation.selectionSet, type: index.queryType, visiting: [])
        return (total, cost.readsVariables)
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

    private mutating func selectionCost(_ selectionSet: SelectionSet, type: String, visiting: Set<String>) -> Int {
        var total = 0
        for field in fields(of: selectionSet, visiting: visiting) {
            total = Self.add(total, fieldCost(field, parent: type, visiting: visiting))
        }
        return total
    }

    private mutating func fieldCost(_ field: Field, parent: String, visiting: Set<String>) -> Int {
        let name = field.name.value
        guard !name.hasPrefix("__"), let info = index.outputFields[parent]?[name] else { return 0 }
        let type = info.type.namedType
        guard let selectionSet = field.selectionSet, index.kinds[type] != .scalar, index.kinds[type] != .enumeration else {
            return 0
        }
        guard type.hasSuffix("Connection") else { return Self.add(1, selectionCost(selectionSet, type: type, visiting: visiting)) }
        // A page's items are charged once each (`nodes`, or an edge with its node); `pageInfo`
        // and the connection itself once.
        var perItem = 0
        var once = 2
        for child in fields(of: selectionSet, visiting: visiting) {
            let cost = fieldCost(child, parent: type, visiting: visiting)
            switch child.name.value {
            case "nodes": perItem = Self.add(perItem, cost)
            case "edges": perItem = Self.add(perItem, max(0, cost - 1))  // the edge wraps its node at no charge
            default: once = Self.add(once, cost)
            }
        }
        return Self.add(once, Self.multiply(pageSize(field), perItem))
    }

    /// `first` or `last` as sent, a variable's value or default, else the default page size;
    /// bounded by the largest page the API serves, as the executor bounds it.
    private mutating func pageSize(_ field: Field) -> Int {
        for argument in field.arguments where ["first", "last"].contains(argument.name.value) {
            var size: Int?
            switch argument.value {
            case let literal as IntValue: size = Int(literal.value)
            case let variable as Variable:
                readsVariables = true
                if let number = variables.withValue(named: variable.name.value, { $0?.int }) {
                    size = number
                } else if let literal = defaults[variable.name.value] as? IntValue {
                    size = Int(literal.value)
                }
            default: break
            }
            return min(max(size ?? Self.defaultPageSize, 0), Self.maximumPageSize)
        }
        return Self.defaultPageSize
    }

    static func add(_ lhs: Int, _ rhs: Int) -> Int {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? .max : sum
    }

    static func multiply(_ lhs: Int, _ rhs: Int) -> Int {
        let (product, overflow) = lhs.multipliedReportingOverflow(by: rhs)
        return overflow ? .max : product
    }
}
