import Foundation
import HTTPTypes
import ProformaAPI
import ProformaApp
import ProformaCore
import ProformaServices
import ProformaTestSupport
import Testing

@Suite("REST catalog and inventory")
struct RESTCatalogTests {
    @Test("inventory_levels.json pages by location, then item, with Link cursors; filters by items and locations",
          arguments: TestEngine.all)
    func inventoryLevels(engine: TestEngine) async throws {
        try await APIHarness.run(engine) { api in
            let locations = try await api.components.services.shops.locations(shop: api.shop.id).map { Int($0.id.rawValue) }
            let product = try await api.components.services.catalog.setProduct(
                shop: api.shop.id, Fixtures.boots(quantity: 20, location: LocationID(Int64(locations[0]))))
            let items = product.variants.map { Int($0.inventoryItem.id.rawValue) }.sorted()
            let all = locations.map(String.init).joined(separator: ",")
            var seen: [[Int?]] = []
            var path = "inventory_levels.json?location_ids=\(all)&limit=3"
            while true {
                let page = try await api.rest(.get, path)
                #expect(page.status == .ok, "\(page.body)")
                seen += (page.body["inventory_levels"].array ?? []).map { [$0["location_id"].int, $0["inventory_item_id"].int] }
                guard let link = page.headers[HTTPField.Name("Link")!], let next = RESTDraftOrderTests.url(link, rel: "next") else { break }
                path = String(next.dropFirst("https://quotes.snowdevil.test".count))
            }
            #expect(seen == locations.flatMap { location in items.map { [location, $0] } })

            let chosen = try await api.rest(.get, "inventory_levels.json?inventory_item_ids=\(items[0]),\(items[1])")
            #expect(chosen.body["inventory_levels"].array?.map { $0["available"].int } == [20, 20, 0, 0])
            let elsewhere = try await api.rest(.get, "inventory_levels.json?location_ids=\(locations[1])&inventory_item_ids=\(items[0])")
            #expect(elsewhere.body["inventory_levels"] == [[
                "inventory_item_id": .int(items[0]), "location_id": .int(locations[1]), "available": 0,
                "updated_at": elsewhere.body["inventory_levels"][0]["updated_at"] ?? .null,
                "admin_graphql_api_id": .string("gid://shopify/InventoryLevel/\(locations[1])?inventory_item_id=\(items[0])"),
            ]])
            #expect(try await api.rest(.get, "inventory_levels.json?location_ids=1,x").status == .badRequest)
            #expect(try await api.rest(.get, "inventory_levels.json").status == .unprocessableContent)

            let variant = try await api.rest(.get, "variants/\(product.variants[0].id.rawValue).json")
            #expect(variant.body["variant"]["inventory_quantity"].int == 20)
            #expect(variant.body["variant"]["price"].string == "199.00")
            let products = try await api.rest(.get, "products.json?fields=id,title")
            #expect(products.body == ["products": [["id": .int(Int(product.id.rawValue)), "title": "Winter Boots"]]])
        }
    }
}
