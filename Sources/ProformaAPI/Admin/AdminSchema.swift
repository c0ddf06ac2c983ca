import GraphQL
import OrderedCollections
import Logging
import ProformaCore

/// Resolves one root field (of `QueryRoot` or `Mutation`).
typealias RootResolver = @Sendable (FieldRequest, AdminContext) async throws -> AdminValue

/// The Admin API schema: every capability's types and root fields, assembled into one SDL
/// document and one table of root resolvers.
enum AdminSchema {
    static var sdl: String {
        """
        schema { query: QueryRoot mutation: Mutation }

        type QueryRoot {
        \(ShopSchema.queries)
        \(CatalogSchema.queries)
        \(InventorySchema.queries)
        \(CustomerSchema.queries)
        \(DraftOrderInputSchema.queries)
        \(OrderSchema.queries)
        \(WebhookSchema.queries)
        }

        type Mutation {
        \(CatalogSchema.mutations)
        \(InventorySchema.mutations)
        \(CustomerSchema.mutations)
        \(DraftOrderInputSchema.mutations)
        \(OrderSchema.mutations)
        \(InvoiceSchema.mutations)
        \(WebhookSchema.mutations)
        }

        \(CommonSchema.sdl)
        \(ShopSchema.sdl)
        \(CatalogSchema.sdl)
        \(InventorySchema.sdl)
        \(CustomerSchema.sdl)
        \(DraftOrderSchema.sdl)
        \(DraftOrderInputSchema.sdl)
        \(OrderSchema.sdl)
        \(InvoiceSchema.sdl)
        \(WebhookSchema.sdl)
        """
    }

    static let queryResolvers: [String: RootResolver] = merge([
        ShopSchema.queryResolvers, CatalogSchema.queryResolvers, InventorySchema.queryResolvers,
        CustomerSchema.queryResolvers, DraftOrderResolvers.queries, OrderResolvers.queries, WebhookSchema.queryResolvers,
    ])

    static let mutationResolvers: [String: RootResolver] = merge([
        CatalogSchema.mutationResolvers, InventorySchema.mutationResolvers, CustomerSchema.mutationResolvers,
        DraftOrderResolvers.mutations, OrderResolvers.mutations, InvoiceSchema.mutationResolvers,
        WebhookSchema.mutationResolvers,
    ])

    private static func merge(_ tables: [[String: RootResolver]]) -> [String: RootResolver] {
        tables.reduce(into: [:]) { result, table in
            result.merge(table) { _, _ in preconditionFailure("two capabilities resolve the same root field") }
        }
    }
}

/// `QueryRoot` or `Mutation`: dispatches each root field to its capability's resolver.
struct RootObject: AdminObject {
    let typeName: String
    let resolvers: [String: RootResolver]
    /// Mutation fields run one after another and each may change what an earlier one loaded:
    /// each then starts from an empty `RequestLoader`, so it never answers from the state
    /// before its predecessors' writes.
    var forgetsBetweenFields = false

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        guard let resolver = resolvers[field.name] else { throw UnknownField(type: typeName, field: field.name) }
        if forgetsBetweenFields { context.loader.forget() }
        return try await resolver(field, context)
    }
}

/// Charges an operation's cost to the caller's bucket: what was decided, and what is left.
public struct CostMeter: Sendable {
    let limit: LeakyBucket.Limit
    let charge: @Sendable (Int) -> (decision: LeakyBucket.Decision, available: Double)

    func callAsFunction(_ cost: Int) -> (decision: LeakyBucket.Decision, available: Double) { charge(cost) }
}

/// The Admin GraphQL endpoint's engine: schema, document cache and executor.
public struct AdminGraphQL: Sendable {
    public let schema: GraphQLSchema
    public let documents: DocumentCache
    let executor: Executor<AdminContext>
    let query = RootObject(typeName: "QueryRoot", resolvers: AdminSchema.queryResolvers)
    let mutation = RootObject(typeName: "Mutation", resolvers: AdminSchema.mutationResolvers, forgetsBetweenFields: true)

    public init(logger: Logger) throws {
        schema = try buildSchema(source: AdminSchema.sdl)
        documents = DocumentCache(schema: schema)
        executor = try Executor(schema: schema, logger: logger)
    }

    /// Answers one request body: `{"query": …, "variables": …, "operationName": …}`. `meter`
    /// charges the operation's calculated cost to the caller's bucket; a refused operation is
    /// answered `Throttled` without running, and every answer that ran reports its cost.
    public func respond(query text: String, variables: GraphQLVariables, operationName: String?,
                        context: AdminContext, meter: CostMeter? = nil) async -> [UInt8] {
        switch await documents.prepare(text) {
        case .invalid(let errors):
            return ResponseError.body(errors)
        case .ready(let prepared):
            if prepared.isIntrospection {
                return await introspect(prepared, variables: variables, operationName: operationName)
            }
            var extensions: [UInt8]?
            if let meter, let cost = QueryCost.cost(of: prepared, operationName: operationName,
                                                       variables: variables, index: executor.index) {
                let charge = meter(cost)
                if case .refused(_, let retryAfter) = charge.decision {
                    return retryAfter.isFinite ? Self.throttled(cost: cost, available: charge.available, meter.limit)
                        : Self.maximumCostExceeded(cost: cost, available: charge.available, meter.limit)
                }
                extensions = Self.costExtension(requested: cost, actual: cost, available: charge.available, meter.limit)
            }
            return await executor.execute(prepared, operationName: operationName, variables: variables,
                                          query: query, mutation: mutation, context: context, extensions: extensions)
        }
    }

    /// `{"cost": {"requestedQueryCost", "actualQueryCost", "throttleStatus": {...}}}`, as Shopify
    /// reports it; the actual cost is the requested one, as nothing is charged back.
    static func costExtension(requested: Int, actual: Int?, available: Double, _ limit: LeakyBucket.Limit) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("cost")
        writer.beginObject()
        writer.key("requestedQueryCost")
        writer.int(requested)
        writer.key("actualQueryCost")
        if let actual { writer.int(actual) } else { writer.null() }
        writer.key("throttleStatus")
        writer.beginObject()
        writer.key("maximumAvailable")
        writer.double(limit.capacity)
        writer.key("currentlyAvailable")
        writer.int(Int(available.rounded(.down)))
        writer.key("restoreRate")
        writer.double(limit.leakPerSecond)
        writer.endObject()
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }

    /// Waiting helps: the bucket drains.
    static func throttled(cost: Int, available: Double, _ limit: LeakyBucket.Limit) -> [UInt8] {
        refused(ResponseError(message: "Throttled", extensions: [
            "code": .string("THROTTLED"), "documentation": .string("https://shopify.dev/api/usage/rate-limits"),
        ]), cost: cost, available: available, limit)
    }

    /// Waiting does not help: the operation costs more than the whole bucket holds.
    static func maximumCostExceeded(cost: Int, available: Double, _ limit: LeakyBucket.Limit) -> [UInt8] {
        let maximum = Int(limit.capacity)
        return refused(ResponseError(
            message: "Query cost is \(cost), which exceeds the single query max cost limit (\(maximum)).",
            extensions: ["code": .string("MAX_COST_EXCEEDED"), "cost": .int(cost), "maxCost": .int(maximum),
                         "documentation": .string("https://shopify.dev/api/usage/rate-limits")]),
                       cost: cost, available: available, limit)
    }

    private static func refused(_ error: ResponseError, cost: Int, available: Double, _ limit: LeakyBucket.Limit) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        ResponseError.writeList([error], to: &writer)
        writer.key("extensions")
        writer.raw(costExtension(requested: cost, actual: nil, available: available, limit))
        writer.endObject()
        return writer.bytes
    }

    /// Introspection goes through GraphQLSwift's own executor, which knows the schema types.
    private func introspect(_ prepared: PreparedDocument, variables: GraphQLVariables,
                            operationName: String?) async -> [UInt8] {
        do {
            let result = try await execute(schema: schema, documentAST: prepared.document, rootValue: (), context: (),
                                           variableValues: variables.values.mapValues(Self.map), operationName: operationName)
            return Array(try GraphQLJSONEncoder().encode(result))
        } catch {
            return ResponseError.body([ResponseError(message: "\(error)")])
        }
    }


    private static func map(_ value: JSONValue) -> Map {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .number(Number(number))
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(map))
        case .object(let members): .dictionary(.init(uniqueKeysWithValues: members.map { ($0.key, map($0.value)) }))
        }
    }
}
