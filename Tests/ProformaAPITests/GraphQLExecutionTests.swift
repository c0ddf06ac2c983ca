import Logging
import ProformaAPI
import ProformaApp
import ProformaServices
import ProformaCore
import ProformaTestSupport
import Testing

/// The executor's conformance to the GraphQL spec, through the real Admin schema.
@Suite("GraphQL execution")
struct GraphQLExecutionTests {
    @Test("aliases, fragments, @include/@skip and __typename")
    func selections() async throws {
        try await APIHarness.run(.sqlite) { api in
            let result = try await api.graphQL("""
                query Q($withEmail: Boolean!) {
                  s: shop { ...ShopBits __typename }
                  again: shop { email @include(if: $withEmail) name @skip(if: true) }
                  ... on QueryRoot { shop { currencyCode } }
                }
                fragment ShopBits on Shop { name }
                """, variables: ["withEmail": true])
            #expect(result["data"] == [
                "s": ["name": "Snowdevil", "__typename": "Shop"],
                "again": ["email": "owner@snowdevil.test"],
                "shop": ["currencyCode": "USD"],
            ])
            // The same text again with the other value: plans below a field are kept for the next
            // request, except where a directive reads a variable.
            for withEmail in [false, true, false] {
                let again = try await api.graphQL("""
                    query Q($withEmail: Boolean!) { again: shop { email @include(if: $withEmail) name } }
                    """, variables: ["withEmail": .bool(withEmail)])
                #expect(again["data"]["again"] == (withEmail ? ["email": "owner@snowdevil.test", "name": "Snowdevil"]
                                                              : ["name": "Snowdevil"]))
            }
        }
    }

    @Test("parse and validation errors are top-level errors with locations")
    func validation() async throws {
        try await APIHarness.run(.sqlite) { api in
            let syntax = try await api.graphQL("{ shop { name }")
            #expect(syntax["data"] == nil)
            #expect(syntax["errors"][0]["locations"][0]["line"].int == 1)
            let unknown = try await api.graphQL("{ shop { nope } }")
            #expect(unknown["errors"][0]["message"].string?.contains("nope") == true)
            #expect(unknown["errors"][0]["extensions"]["code"].string == "GRAPHQL_VALIDATION_FAILED")
            let twoOperations = try await api.graphQL("query A { shop { name } } query B { shop { email } }")
            #expect(twoOperations["errors"][0]["message"].string == "Must provide operation name if query contains multiple operations.")
        }
    }

    @Test("variables are coerced with Shopify-style messages")
    func variables() async throws {
        try await APIHarness.run(.sqlite) { api in
            let missing = try await api.graphQL("query($id: ID!) { product(id: $id) { id } }")
            #expect(missing["errors"][0]["message"].string == "Variable $id of type ID! was provided invalid value (Expected value to not be null)")
            let wrongType = try await api.graphQL(
                "query($n: Int) { products(first: $n) { nodes { id } } }", variables: ["n": "ten"])
            #expect(wrongType["errors"][0]["message"].string
                    == "Variable $n of type Int was provided invalid value (Could not coerce value \"ten\" to Int)")
            let nested = try await api.graphQL("""
                mutation($input: ProductSetInput!) { productSet(input: $input) { product { id } } }
                """, variables: ["input": ["title": "X", "variants": [["optionValues": [], "price": "abc"]]]])
            #expect(nested["errors"][0]["message"].string
                    == "Variable $input of type ProductSetInput! was provided invalid value for variants.0.price (Could not coerce value \"abc\" to Money)")
            let unknownField = try await api.graphQL("""
                mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id } } }
                """, variables: ["input": ["emial": "x@y.co"]])
            #expect(unknownField["errors"][0]["extensions"]["problems"][0]["path"] == ["emial"])
            let deep = try await api.graphQL("""
                mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } } }
                """, variables: ["input": ["lineItems": [["title": "A", "quantity": 1], ["title": "B", "quantity": 1, "colour": "red"]]]])
            #expect(deep["errors"][0]["extensions"]["problems"][0]["path"] == ["lineItems", 1, "colour"])
            let missingInside = try await api.graphQL("""
                mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } } }
                """, variables: ["input": ["lineItems": [["title": "A", "quantity": 1, "appliedDiscount": ["value": 5]]]]])
            #expect(missingInside["errors"][0]["extensions"]["problems"][0]["path"] == ["lineItems", 0, "appliedDiscount", "valueType"])
            // Validation refuses most bad literals first; a custom scalar's format is checked in coercion.
            let literal = try await api.graphQL("""
                mutation { draftOrderCreate(input: {lineItems: [{title: "A", quantity: 1},
                  {title: "B", quantity: 1, originalUnitPrice: "abc"}]}) { draftOrder { id } } }
                """)
            #expect(literal["errors"][0]["message"].string
                    == "Argument 'input' has an invalid value at lineItems.1.originalUnitPrice: Could not coerce value \"abc\" to Money")
        }
    }

    @Test("literal arguments are coerced once per document, and a variable inside a literal every time")
    func cachedArguments() async throws {
        try await APIHarness.run(.sqlite) { api in
            let bad = """
                mutation { draftOrderCreate(input: {lineItems: [{title: "A", quantity: 1, originalUnitPrice: "abc"}]}) {
                  draftOrder { id } } }
                """
            for _ in 0..<2 {
                let answer = try await api.graphQL(bad)
                #expect(answer["errors"][0]["message"].string
                        == "Argument 'input' has an invalid value at lineItems.0.originalUnitPrice: Could not coerce value \"abc\" to Money")
                #expect(answer["data"] == ["draftOrderCreate": .null])
            }
            let nested = """
                mutation($title: String!) { draftOrderCreate(input: {lineItems: [{title: $title, quantity: 1, originalUnitPrice: "2.50"}]}) {
                  draftOrder { lineItems(first: 1) { nodes { title } } } } }
                """
            for title in ["Engraving", "Gift wrap"] {
                let answer = try await api.graphQL(nested, variables: ["title": .string(title)])
                #expect(answer["data"]["draftOrderCreate"]["draftOrder"]["lineItems"]["nodes"][0]["title"].string == title)
            }
        }
    }

    @Test("a failing nullable field leaves its siblings; a non-null one nulls its parent")
    func nullPropagation() async throws {
        try await APIHarness.run(.sqlite) { api in
            let result = try await api.graphQL("""
                { shop { name } product(id: "gid://shopify/Customer/1") { id } }
                """)
            #expect(result["data"] == ["shop": ["name": "Snowdevil"], "product": .null])
            #expect(result["errors"][0]["path"] == ["product"])
            let bubbled = try await api.graphQL("{ shop { name } products { nodes { id } } }")
            #expect(bubbled["data"] == .null)
        }
    }

    @Test("introspection answers schema questions")
    func introspection() async throws {
        try await APIHarness.run(.sqlite) { api in
            let result = try await api.graphQL("""
                { __schema { queryType { name } mutationType { name } } __type(name: "ProductSortKeys") { name kind } }
                """)
            #expect(result["data"]["__schema"]["queryType"]["name"].string == "QueryRoot")
            #expect(result["data"]["__schema"]["mutationType"]["name"].string == "Mutation")
            #expect(result["data"]["__type"]["kind"].string == "ENUM")
        }
    }

    @Test("documents are parsed and validated once per query text")
    func cache() async throws {
        try await APIHarness.run(.sqlite) { api in
            let graphQL = try AdminGraphQL(logger: .init(label: "test"))
            #expect(graphQL.documents.count == 0)
            for _ in 0..<3 { _ = await graphQL.documents.prepare("{ shop { name } }") }
            _ = await graphQL.documents.prepare("{ shop { email } }")
            #expect(graphQL.documents.count == 2)
        }
    }

    @Test("requests that bring a new text together share one validation")
    func concurrentValidation() async throws {
        let graphQL = try AdminGraphQL(logger: .init(label: "test"))
        let query = "mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id name } userErrors { field message } } }"
        let documents = await withTaskGroup(of: ObjectIdentifier?.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    guard case .ready(let prepared) = await graphQL.documents.prepare(query) else { return nil }
                    return ObjectIdentifier(prepared)
                }
            }
            return await group.reduce(into: [ObjectIdentifier?]()) { $0.append($1) }
        }
        #expect(documents.count == 50 && !documents.contains(nil))
        #expect(Set(documents).count == 1)
    }
}
