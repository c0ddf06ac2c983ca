import Logging
import ProformaAPI
import ProformaApp
import ProformaServices
import ProformaCore
import ProformaTestSupport
import Testing

@Suite("Catalog API")
struct CatalogAPITests {
    static let productSet = """
        mutation Set($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
          productSet(input: $input, identifier: $identifier) {
            product {
              id handle title status tags hasOnlyDefaultVariant totalInventory
              options { name values optionValues { name hasVariants } }
              variants(first: 10) { nodes { id title sku price taxable inventoryQuantity
                selectedOptions { name value } inventoryItem { tracked requiresShipping measurement { weight { unit value } } } } }
            }
            userErrors { field message code }
          }
        }
        """

    static func bootsInput(location: String) -> JSONValue {
        [
            "title": "Winter Boots", "vendor": "Snowdevil", "productType": "Footwear", "tags": ["winter", "boots"],
            "productOptions": [["name": "Size", "values": [["name": "9"], ["name": "10"]]]],
            "variants": [
                ["optionValues": [["optionName": "Size", "name": "9"]], "price": "199.00",
                 "inventoryItem": ["sku": "BOOT-9", "measurement": ["weight": ["unit": "KILOGRAMS", "value": 1.2]]],
                 "inventoryQuantities": [["locationId": .string(location), "name": "available", "quantity": 4]]],
                ["optionValues": [["optionName": "Size", "name": "10"]], "price": 189.5, "sku": "BOOT-10"],
            ],
        ]
    }

    private func warehouse(_ api: APIHarness) async throws -> String {
        let result = try await api.graphQL("{ locations(first: 1) { nodes { id name } } }")
        return try #require(result["data"]["locations"]["nodes"][0]["id"].string)
    }

    @Test("productSet creates, then updates by id keeping variant ids", arguments: TestEngine.all)
    func createAndUpdate(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let location = try await warehouse(api)
            let created = try await api.graphQL(Self.productSet, variables: ["input": Self.bootsInput(location: location)])
            let product = created["data"]["productSet"]["product"]
            #expect(created["data"]["productSet"]["userErrors"] == [])
            #expect(product["handle"].string == "winter-boots")
            #expect(product["totalInventory"].int == 4)
            #expect(product["options"][0]["values"] == ["9", "10"])
            let variants = product["variants"]["nodes"]
            #expect(variants[0]["price"].string == "199.00")
            #expect(variants[1]["price"].string == "189.50")
            #expect(variants[0]["sku"].string == "BOOT-9")
            #expect(variants[0]["inventoryItem"]["measurement"]["weight"] == ["unit": "KILOGRAMS", "value": 1.2])
            #expect(variants[0]["selectedOptions"] == [["name": "Size", "value": "9"]])

            let id = try #require(product["id"].string)
            let update = try await api.graphQL(Self.productSet, variables: [
                "identifier": ["id": .string(id)],
                "input": ["title": "Winter Boots II", "variants": [
                    ["optionValues": [["optionName": "Size", "name": "10"]], "price": "179.00"]]],
            ])
            let updated = update["data"]["productSet"]["product"]
            #expect(updated["id"].string == id)
            #expect(updated["title"].string == "Winter Boots II")
            #expect(updated["variants"]["nodes"].array?.count == 1)
            #expect(updated["variants"]["nodes"][0]["id"] == variants[1]["id"])
        }
    }

    /// Mutation fields run in order, and each answers from what the ones before it wrote, not
    /// from what the request loaded before them.
    @Test("a mutation field after a productSet sees the variant's new price", arguments: TestEngine.all)
    func mutationFieldsSeeEarlierWrites(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let created = try await api.graphQL(Self.productSet, variables: ["input": Self.bootsInput(location: try await warehouse(api))])
            let product = try #require(created["data"]["productSet"]["product"]["id"].string)
            let variant = try #require(created["data"]["productSet"]["product"]["variants"]["nodes"][0]["id"].string)
            let result = try await api.graphQL("""
                mutation($variant: ID!, $product: ID!) {
                  before: draftOrderCreate(input: {lineItems: [{variantId: $variant, quantity: 1}]}) {
                    draftOrder { lineItems(first: 1) { nodes { variant { price } } } } }
                  productSet(identifier: {id: $product}, input: {title: "Winter Boots", variants: [
                    {optionValues: [{optionName: "Size", name: "9"}], price: "150.00"}]}) { userErrors { message } }
                  after: draftOrderCreate(input: {lineItems: [{variantId: $variant, quantity: 1}]}) {
                    draftOrder { lineItems(first: 1) { nodes { originalUnitPrice variant { price } } } } }
                }
                """, variables: ["variant": .string(variant), "product": .string(product)])
            #expect(result["data"]["productSet"]["userErrors"] == [])
            #expect(result["data"]["before"]["draftOrder"]["lineItems"]["nodes"][0]["variant"]["price"].string == "199.00")
            let after = result["data"]["after"]["draftOrder"]["lineItems"]["nodes"][0]
            #expect(after["originalUnitPrice"].string == "150.00" && after["variant"]["price"].string == "150.00", "\(after)")
        }
    }

    @Test("userErrors carry input paths and codes; nothing is written", arguments: TestEngine.all)
    func userErrors(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let result = try await api.graphQL(Self.productSet, variables: ["input": [
                "title": "", "variants": [["optionValues": [], "price": "-5"]],
            ]])
            #expect(result["data"]["productSet"]["product"] == .null)
            let errors = result["data"]["productSet"]["userErrors"].array ?? []
            #expect(errors.contains { $0["field"] == ["input", "title"] && $0["code"] == "BLANK" })
            #expect(errors.contains { $0["field"] == ["input", "variants", "0", "price"] })
            let count = try await api.graphQL("{ productsCount { count precision } }")
            #expect(count["data"]["productsCount"] == ["count": 0, "precision": "EXACT"])
        }
    }

    @Test("products: search, sort and cursors, both directions", arguments: TestEngine.all)
    func listing(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            for (index, vendor) in ["Acme", "Globex", "Acme", "Initech", "Acme"].enumerated() {
                try await api.graphQL(Self.productSet, variables: ["input": [
                    "title": .string("Product \(index)"), "vendor": .string(vendor), "tags": index == 4 ? ["sale"] : [],
                ]])
            }
            let acme = try await api.graphQL(#"{ products(first: 10, query: "vendor:acme -tag:sale") { nodes { title } } }"#)
            #expect(acme["data"]["products"]["nodes"] == [["title": "Product 0"], ["title": "Product 2"]])

            let page1 = try await api.graphQL("{ products(first: 2, sortKey: TITLE, reverse: true) { edges { cursor node { title } } pageInfo { hasNextPage hasPreviousPage endCursor } } }")
            #expect(page1["data"]["products"]["edges"].array?.map { $0["node"]["title"].string } == ["Product 4", "Product 3"])
            #expect(page1["data"]["products"]["pageInfo"]["hasNextPage"].bool == true)
            #expect(page1["data"]["products"]["pageInfo"]["hasPreviousPage"].bool == false)
            let cursor = try #require(page1["data"]["products"]["pageInfo"]["endCursor"].string)
            let page2 = try await api.graphQL("""
                query($after: String) { products(first: 5, after: $after, sortKey: TITLE, reverse: true) {
                  nodes { title } pageInfo { hasNextPage hasPreviousPage startCursor } } }
                """, variables: ["after": .string(cursor)])
            #expect(page2["data"]["products"]["nodes"] == [["title": "Product 2"], ["title": "Product 1"], ["title": "Product 0"]])
            #expect(page2["data"]["products"]["pageInfo"]["hasNextPage"].bool == false)
            let start = try #require(page2["data"]["products"]["pageInfo"]["startCursor"].string)
            let back = try await api.graphQL("""
                query($before: String) { products(last: 1, before: $before, sortKey: TITLE, reverse: true) { nodes { title } } }
                """, variables: ["before": .string(start)])
            #expect(back["data"]["products"]["nodes"] == [["title": "Product 3"]])

            let tooMany = try await api.graphQL("{ products(first: 251) { nodes { id } } }")
            #expect(tooMany["errors"][0]["message"].string == "first must be between 0 and 250")
            let count = try await api.graphQL(#"{ productsCount(query: "vendor:Acme", limit: 2) { count precision } }"#)
            #expect(count["data"]["productsCount"] == ["count": 2, "precision": "AT_LEAST"])
        }
    }

    @Test("productVariant, productVariants and productByIdentifier", arguments: [TestEngine.sqlite])
    func variants(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let location = try await warehouse(api)
            let created = try await api.graphQL(Self.productSet, variables: ["input": Self.bootsInput(location: location)])
            let variantID = try #require(created["data"]["productSet"]["product"]["variants"]["nodes"][0]["id"].string)
            let variant = try await api.graphQL("""
                query($id: ID!) { productVariant(id: $id) { displayName availableForSale product { handle } } }
                """, variables: ["id": .string(variantID)])
            #expect(variant["data"]["productVariant"] == [
                "displayName": "Winter Boots - 9", "availableForSale": true, "product": ["handle": "winter-boots"],
            ])
            // A draft's catalog line: its variant and product wait on the loader, the rest is answered at once.
            let draft = try await api.graphQL("""
                mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder {
                  lineItems(first: 5) { nodes { name sku variant { displayName } product { handle } quantity
                    discountedUnitPriceSet { shopMoney { amount } } } } } } }
                """, variables: ["input": ["lineItems": [["variantId": .string(variantID), "quantity": 2]]]])
            #expect(draft["data"]["draftOrderCreate"]["draftOrder"]["lineItems"]["nodes"] == [[
                "name": "Winter Boots - 9", "sku": "BOOT-9", "variant": ["displayName": "Winter Boots - 9"],
                "product": ["handle": "winter-boots"], "quantity": 2, "discountedUnitPriceSet": ["shopMoney": ["amount": "199.0"]],
            ]])
            let bySku = try await api.graphQL(#"{ productVariants(first: 5, query: "sku:BOOT-10") { nodes { title } } }"#)
            #expect(bySku["data"]["productVariants"]["nodes"] == [["title": "10"]])
            let byHandle = try await api.graphQL(#"{ productByIdentifier(identifier: {handle: "winter-boots"}) { title } }"#)
            #expect(byHandle["data"]["productByIdentifier"]["title"].string == "Winter Boots")
        }
    }

    @Test("reading products needs read_products; writing needs write_products", arguments: [TestEngine.sqlite])
    func scopes(engine: TestEngine) async throws {
        try await APIHarness.run(engine, scopes: ScopeSet([.readCustomers])) { api in
            let read = try await api.graphQL("{ product(id: \"gid://shopify/Product/1\") { id } }")
            #expect(read["errors"][0]["extensions"]["code"].string == "ACCESS_DENIED")
            #expect(read["errors"][0]["message"].string
                    == "Access denied for product field. Required access: `read_products` access scope.")
            let write = try await api.graphQL(Self.productSet, variables: ["input": ["title": "x"]])
            #expect(write["errors"][0]["extensions"]["requiredAccess"].string == "`write_products` access scope.")
        }
    }
}
