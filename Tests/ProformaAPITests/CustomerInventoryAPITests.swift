import Logging
import ProformaAPI
import ProformaApp
import ProformaServices
import ProformaCore
import ProformaTestSupport
import Testing

@Suite("Customers, inventory and locations API")
struct CustomerInventoryAPITests {
    static let customerCreate = """
        mutation($input: CustomerInput!) { customerCreate(input: $input) {
          customer { id displayName email phone taxExempt tags defaultAddress { id country countryCodeV2 province provinceCode formatted }
                     addresses { id } defaultEmailAddress { emailAddress } }
          userErrors { field message } } }
        """

    @Test("customerCreate with legacy address names; customerUpdate clears and keeps", arguments: TestEngine.all)
    func customers(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let created = try await api.graphQL(Self.customerCreate, variables: ["input": [
                "firstName": "Bob", "lastName": "Bobsen", "email": "bob@example.com", "phone": "+1 613 555 1212",
                "taxExempt": true, "tags": ["wholesale"],
                "addresses": [["address1": "123 Amoebobacterieae St", "city": "Ottawa", "province": "Ontario",
                               "country": "Canada", "zip": "K2P0V6"]],
            ]])
            let customer = created["data"]["customerCreate"]["customer"]
            #expect(created["data"]["customerCreate"]["userErrors"] == [])
            #expect(customer["displayName"].string == "Bob Bobsen")
            #expect(customer["phone"].string == "+16135551212")
            #expect(customer["defaultAddress"]["countryCodeV2"].string == "CA")
            #expect(customer["defaultAddress"]["province"].string == "Ontario")
            let addressID = try #require(customer["defaultAddress"]["id"].string)
            #expect(addressID.hasSuffix("?model_name=CustomerAddress"))
            let id = try #require(customer["id"].string)

            let updated = try await api.graphQL("""
                mutation($input: CustomerInput!) { customerUpdate(input: $input) {
                  customer { email phone note taxExempt addresses { id } } userErrors { field message } } }
                """, variables: ["input": ["id": .string(id), "phone": .null, "note": "Calls on Mondays"]])
            #expect(updated["data"]["customerUpdate"]["customer"] == [
                "email": "bob@example.com", "phone": .null, "note": "Calls on Mondays", "taxExempt": true,
                "addresses": [["id": .string(addressID)]],
            ])

            let duplicate = try await api.graphQL(Self.customerCreate, variables: ["input": ["email": "BOB@example.com"]])
            #expect(duplicate["data"]["customerCreate"]["userErrors"] == [["field": ["input", "email"],
                                                                           "message": "Email has already been taken"]])
            let missing = try await api.graphQL("""
                mutation { customerUpdate(input: {id: "gid://shopify/Customer/999999", note: "x"}) { customer { id } userErrors { field message } } }
                """)
            #expect(missing["data"]["customerUpdate"]["userErrors"] == [["field": ["input", "id"], "message": "Customer does not exist"]])

            let found = try await api.graphQL(#"{ customers(first: 5, query: "tax_exempt:true country:CA") { nodes { id } } customersCount { count } }"#)
            #expect(found["data"]["customers"]["nodes"] == [["id": .string(id)]])
            #expect(found["data"]["customersCount"]["count"].int == 1)
        }
    }

    @Test("inventorySetQuantities with compare-and-set, read back through inventoryLevel", arguments: TestEngine.all)
    func inventory(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let locations = try await api.graphQL("{ locations(first: 5) { nodes { id name address { countryCode } } } }")
            #expect(locations["data"]["locations"]["nodes"].array?.count == 2)
            let location = try #require(locations["data"]["locations"]["nodes"][0]["id"].string)
            let created = try await api.graphQL(CatalogAPITests.productSet, variables: [
                "input": CatalogAPITests.bootsInput(location: location)])
            let item = try await api.graphQL("""
                query($id: ID!) { productVariant(id: $id) { inventoryItem { id } } }
                """, variables: ["id": created["data"]["productSet"]["product"]["variants"]["nodes"][0]["id"] ?? .null])
            let itemID = try #require(item["data"]["productVariant"]["inventoryItem"]["id"].string)

            let mutation = """
                mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) {
                  inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange location { name } } }
                  userErrors { field message code } } }
                """
            let set = try await api.graphQL(mutation, variables: ["input": [
                "name": "available", "reason": "correction",
                "quantities": [["inventoryItemId": .string(itemID), "locationId": .string(location), "quantity": 10,
                                "compareQuantity": 4]],
            ]])
            #expect(set["data"]["inventorySetQuantities"]["userErrors"] == [])
            #expect(set["data"]["inventorySetQuantities"]["inventoryAdjustmentGroup"]["changes"][0] == [
                "name": "available", "delta": 6, "quantityAfterChange": 10, "location": ["name": "Main warehouse"],
            ])
            let stale = try await api.graphQL(mutation, variables: ["input": [
                "name": "available", "reason": "correction",
                "quantities": [["inventoryItemId": .string(itemID), "locationId": .string(location), "quantity": 1,
                                "compareQuantity": 4]],
            ]])
            #expect(stale["data"]["inventorySetQuantities"]["userErrors"][0]["code"].string == "COMPARE_QUANTITY_STALE")
            #expect(stale["data"]["inventorySetQuantities"]["userErrors"][0]["field"]
                    == ["input", "quantities", "0", "compareQuantity"])

            let levelID = "gid://shopify/InventoryLevel/\(location.split(separator: "/").last!)?inventory_item_id=\(itemID.split(separator: "/").last!)"
            let level = try await api.graphQL("""
                query($id: ID!) { inventoryLevel(id: $id) { id quantities(names: ["available", "reserved", "committed", "on_hand", "incoming"]) { name quantity } item { sku } } }
                """, variables: ["id": .string(levelID)])
            #expect(level["data"]["inventoryLevel"]["id"].string == levelID)
            #expect(level["data"]["inventoryLevel"]["quantities"] == [
                ["name": "available", "quantity": 10], ["name": "reserved", "quantity": 0],
                ["name": "committed", "quantity": 0], ["name": "on_hand", "quantity": 10], ["name": "incoming", "quantity": 0],
            ])
            #expect(level["data"]["inventoryLevel"]["item"]["sku"].string == "BOOT-9")
        }
    }

    @Test("the shop query reports settings", arguments: [TestEngine.sqlite])
    func shop(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let result = try await api.graphQL("""
                { shop { id name currencyCode enabledPresentmentCurrencies taxesIncluded taxShipping
                         billingAddress { provinceCode countryCodeV2 } primaryDomain { host } } }
                """)
            #expect(result["data"]["shop"] == [
                "id": .string("gid://shopify/Shop/\(api.shop.id)"), "name": "Snowdevil", "currencyCode": "USD",
                "enabledPresentmentCurrencies": ["USD", "CAD"], "taxesIncluded": false, "taxShipping": true,
                "billingAddress": ["provinceCode": "KY", "countryCodeV2": "US"], "primaryDomain": ["host": "snowdevil.test"],
            ])
        }
    }
}
