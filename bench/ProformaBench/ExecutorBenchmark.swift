import Foundation
import GraphQL
import Graphiti
import Logging
import OrderedCollections
import ProformaAPI

/// The same schema and query on three executors: GraphQLSwift with a schema built from its own
/// types, GraphQLSwift through Graphiti (reflection and key paths), and Proforma's executor.
/// Documents are parsed and validated once, as the server's cache does; only execution and
/// JSON encoding are timed.
enum ExecutorBenchmark {
    struct MoneyV2: Codable, Sendable { let amount: String; let currencyCode: String }
    struct MoneyBag: Codable, Sendable { let shopMoney: MoneyV2; let presentmentMoney: MoneyV2 }
    struct TaxLine: Codable, Sendable { let title: String; let rate: Double; let priceSet: MoneyBag }
    struct LineItem: Codable, Sendable {
        let title: String; let quantity: Int; let originalTotalSet: MoneyBag; let discountedTotalSet: MoneyBag
        let taxLines: [TaxLine]
    }
    struct Draft: Codable, Sendable {
        let name: String; let status: String; let totalPriceSet: MoneyBag; let subtotalPriceSet: MoneyBag
        let totalTaxSet: MoneyBag; let lineItems: [LineItem]
    }

    static let sdl = """
        type Query { draft: Draft! }
        type Draft { name: String! status: String! totalPriceSet: MoneyBag! subtotalPriceSet: MoneyBag! totalTaxSet: MoneyBag!
                     lineItems: [LineItem!]! }
        type LineItem { title: String! quantity: Int! originalTotalSet: MoneyBag! discountedTotalSet: MoneyBag! taxLines: [TaxLine!]! }
        type TaxLine { title: String! rate: Float! priceSet: MoneyBag! }
        type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }
        type MoneyV2 { amount: String! currencyCode: String! }
        """

    static let bag = "{ shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }"
    static let largeQuery = """
        { draft { name status totalPriceSet \(bag) subtotalPriceSet \(bag) totalTaxSet \(bag)
          lineItems { title quantity originalTotalSet \(bag) discountedTotalSet \(bag) taxLines { title rate priceSet \(bag) } } } }
        """
    static let smallQuery = "{ draft { name status totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } } }"

    static func draft(lines: Int) -> Draft {
        let money = MoneyBag(shopMoney: .init(amount: "19.99", currencyCode: "USD"),
                             presentmentMoney: .init(amount: "27.99", currencyCode: "CAD"))
        let tax = TaxLine(title: "GST", rate: 0.05, priceSet: money)
        return Draft(name: "#D1", status: "OPEN", totalPriceSet: money, subtotalPriceSet: money, totalTaxSet: money,
                     lineItems: (0..<lines).map { LineItem(title: "Line \($0)", quantity: 1, originalTotalSet: money,
                                                           discountedTotalSet: money, taxLines: [tax, tax]) })
    }

    /// Leaf fields a query returns, to report cost per field.
    static func fields(lines: Int, large: Bool) -> Int {
        large ? 2 + 3 * 6 + lines * (2 + 2 * 6 + 2 * (2 + 6)) : 2 + 4
    }

    // MARK: GraphQLSwift with its own types

    static func nativeSchema() throws -> GraphQLSchema {
        func field<Source, Value: Sendable>(_ type: any GraphQLOutputType, _ get: @escaping @Sendable (Source) -> Value) -> GraphQLField {
            GraphQLField(type: type, resolve: { source, _, _, _ in get(source as! Source) })
        }
        let money = try GraphQLObjectType(name: "MoneyV2", fields: [
            "amount": field(GraphQLNonNull(GraphQLString)) { (money: MoneyV2) in money.amount },
            "currencyCode": field(GraphQLNonNull(GraphQLString)) { (money: MoneyV2) in money.currencyCode },
        ])
        let bag = try GraphQLObjectType(name: "MoneyBag", fields: [
            "shopMoney": field(GraphQLNonNull(money)) { (bag: MoneyBag) in bag.shopMoney },
            "presentmentMoney": field(GraphQLNonNull(money)) { (bag: MoneyBag) in bag.presentmentMoney },
        ])
        let tax = try GraphQLObjectType(name: "TaxLine", fields: [
            "title": field(GraphQLNonNull(GraphQLString)) { (line: TaxLine) in line.title },
            "rate": field(GraphQLNonNull(GraphQLFloat)) { (line: TaxLine) in line.rate },
            "priceSet": field(GraphQLNonNull(bag)) { (line: TaxLine) in line.priceSet },
        ])
        let line = try GraphQLObjectType(name: "LineItem", fields: [
            "title": field(GraphQLNonNull(GraphQLString)) { (line: LineItem) in line.title },
            "quantity": field(GraphQLNonNull(GraphQLInt)) { (line: LineItem) in line.quantity },
            "originalTotalSet": field(GraphQLNonNull(bag)) { (line: LineItem) in line.originalTotalSet },
            "discountedTotalSet": field(GraphQLNonNull(bag)) { (line: LineItem) in line.discountedTotalSet },
            "taxLines": field(GraphQLNonNull(GraphQLList(GraphQLNonNull(tax)))) { (line: LineItem) in line.taxLines },
        ])
        let draft = try GraphQLObjectType(name: "Draft", fields: [
            "name": field(GraphQLNonNull(GraphQLString)) { (draft: Draft) in draft.name },
            "status": field(GraphQLNonNull(GraphQLString)) { (draft: Draft) in draft.status },
            "totalPriceSet": field(GraphQLNonNull(bag)) { (draft: Draft) in draft.totalPriceSet },
            "subtotalPriceSet": field(GraphQLNonNull(bag)) { (draft: Draft) in draft.subtotalPriceSet },
            "totalTaxSet": field(GraphQLNonNull(bag)) { (draft: Draft) in draft.totalTaxSet },
            "lineItems": field(GraphQLNonNull(GraphQLList(GraphQLNonNull(line)))) { (draft: Draft) in draft.lineItems },
        ])
        let query = try GraphQLObjectType(name: "Query", fields: [
            "draft": field(GraphQLNonNull(draft)) { (root: Draft) in root },
        ])
        return try GraphQLSchema(query: query)
    }

    // MARK: Graphiti

    struct GraphitiResolver: Sendable {
        let value: Draft
        func draft(context: NoContext, arguments: NoArguments) -> Draft { value }
    }

    struct NoContext: Sendable {}

    static func graphitiSchema() throws -> Graphiti.Schema<GraphitiResolver, NoContext> {
        try Graphiti.Schema<GraphitiResolver, NoContext> {
            Graphiti.`Type`(MoneyV2.self) {
                Graphiti.Field("amount", at: \.amount)
                Graphiti.Field("currencyCode", at: \.currencyCode)
            }
            Graphiti.`Type`(MoneyBag.self) {
                Graphiti.Field("shopMoney", at: \.shopMoney)
                Graphiti.Field("presentmentMoney", at: \.presentmentMoney)
            }
            Graphiti.`Type`(TaxLine.self) {
                Graphiti.Field("title", at: \.title)
                Graphiti.Field("rate", at: \.rate)
                Graphiti.Field("priceSet", at: \.priceSet)
            }
            Graphiti.`Type`(LineItem.self) {
                Graphiti.Field("title", at: \.title)
                Graphiti.Field("quantity", at: \.quantity)
                Graphiti.Field("originalTotalSet", at: \.originalTotalSet)
                Graphiti.Field("discountedTotalSet", at: \.discountedTotalSet)
                Graphiti.Field("taxLines", at: \.taxLines)
            }
            Graphiti.`Type`(Draft.self) {
                Graphiti.Field("name", at: \.name)
                Graphiti.Field("status", at: \.status)
                Graphiti.Field("totalPriceSet", at: \.totalPriceSet)
                Graphiti.Field("subtotalPriceSet", at: \.subtotalPriceSet)
                Graphiti.Field("totalTaxSet", at: \.totalTaxSet)
                Graphiti.Field("lineItems", at: \.lineItems)
            }
            Graphiti.Query {
                Graphiti.Field("draft", at: GraphitiResolver.draft)
            }
        }
    }

    // MARK: Proforma's executor

    struct ObjectContext: Sendable {}

    struct Object: GraphQLObject {
        let typeName: String
        let fields: @Sendable (String) -> GraphQLValue<ObjectContext>
        func resolve(_ field: FieldRequest, context: ObjectContext) async throws -> GraphQLValue<ObjectContext> {
            fields(field.name)
        }
    }

    static func object(_ money: MoneyV2) -> GraphQLValue<ObjectContext> {
        .object(Object(typeName: "MoneyV2") { $0 == "amount" ? .string(money.amount) : .string(money.currencyCode) })
    }

    static func object(_ bag: MoneyBag) -> GraphQLValue<ObjectContext> {
        .object(Object(typeName: "MoneyBag") { $0 == "shopMoney" ? object(bag.shopMoney) : object(bag.presentmentMoney) })
    }

    static func object(_ draft: Draft) -> GraphQLValue<ObjectContext> {
        .object(Object(typeName: "Draft") { name in
            switch name {
            case "name": .string(draft.name)
            case "status": .string(draft.status)
            case "totalPriceSet": object(draft.totalPriceSet)
            case "subtotalPriceSet": object(draft.subtotalPriceSet)
            case "totalTaxSet": object(draft.totalTaxSet)
            default: .list(draft.lineItems.map { line in
                .object(Object(typeName: "LineItem") { name in
                    switch name {
                    case "title": .string(line.title)
                    case "quantity": .int(line.quantity)
                    case "originalTotalSet": object(line.originalTotalSet)
                    case "discountedTotalSet": object(line.discountedTotalSet)
                    default: .list(line.taxLines.map { tax in
                        .object(Object(typeName: "TaxLine") { name in
                            switch name {
                            case "title": .string(tax.title)
                            case "rate": .float(tax.rate)
                            default: object(tax.priceSet)
                            }
                        })
                    })
                    }
                })
            })
            }
        })
    }

    static func run() async throws {
        let lines = 20
        let value = draft(lines: lines)
        let native = try nativeSchema()
        let graphiti = try graphitiSchema()
        let sdlSchema = try buildSchema(source: sdl)
        let executor = try Executor<ObjectContext>(schema: sdlSchema, logger: Logger(label: "bench"))
        let cache = DocumentCache(schema: sdlSchema)
        let root = Object(typeName: "Query") { _ in object(value) }

        for (label, query, large) in [("9 fields", smallQuery, false), ("\(lines)-line draft", largeQuery, true)] {
            let fieldCount = fields(lines: lines, large: large)
            let document = try parse(source: query)
            guard case .ready(let prepared) = await cache.prepare(query) else { fatalError("invalid benchmark query") }
            let parseValidate = await Measurement.run("parse + validate, \(label) (GraphQLSwift)", iterations: 300) {
                _ = validate(schema: native, ast: try! parse(source: query))
            }
            parseValidate.report()
            let nativeRun = try await Measurement.run("execute \(label): GraphQLSwift, own types", iterations: 300) {
                let result = try await execute(schema: native, documentAST: document, rootValue: value, context: ())
                _ = try GraphQLJSONEncoder().encode(result)
            }
            nativeRun.report(per: (fieldCount, "field"))
            let graphitiRun = try await Measurement.run("execute \(label): GraphQLSwift via Graphiti", iterations: 300) {
                let result = try await execute(schema: graphiti.schema, documentAST: document,
                                               rootValue: GraphitiResolver(value: value), context: NoContext())
                _ = try GraphQLJSONEncoder().encode(result)
            }
            graphitiRun.report(per: (fieldCount, "field"))
            let ours = await Measurement.run("execute \(label): Proforma executor", iterations: 2000) {
                _ = await executor.execute(prepared, operationName: nil, variables: .none, query: root, mutation: root,
                                           context: ObjectContext())
            }
            ours.report(per: (fieldCount, "field"))
        }
    }
}
