import ProformaCore
import ProformaServices

/// `shop.json` and `locations.json`: what a REST client asks first, in Shopify's shapes.
struct ShopREST {
    let services: Services

    func addRoutes(to routes: RESTRoutes) {
        routes.get("shop.json") { rest in
            guard let shop = try await services.shops.shop(rest.shopID) else { throw RESTError.notFound }
            let locations = try await services.shops.locations(shop: rest.shopID)
            return RESTResponse(body: ["shop": .object(Self.shop(shop, primaryLocation: locations.first).only(rest.fields))])
        }
        routes.get("locations.json") { rest in
            try rest.require(.readLocations)
            let locations = try await services.shops.locations(shop: rest.shopID)
            return RESTResponse(body: ["locations": .array(locations.map { .object(Self.location($0)) })])
        }
        routes.get("locations/count.json") { rest in
            try rest.require(.readLocations)
            return RESTResponse(body: ["count": .int(Int64(try await services.shops.locations(shop: rest.shopID).count))])
        }
        routes.get("locations/{id}.json") { rest in
            try rest.require(.readLocations)
            let id = try rest.id()
            guard let location = try await services.shops.locations(shop: rest.shopID).first(where: { $0.id.rawValue == id }) else {
                throw RESTError.notFound
            }
            return RESTResponse(body: ["location": .object(Self.location(location))])
        }
    }

    static func shop(_ shop: Shop, primaryLocation: Location?) -> RESTObject {
        let profile = shop.profile
        let address = profile.address
        return [
            "id": .int(shop.id.rawValue), "name": .string(profile.name), "email": .string(profile.email),
            "domain": .text(profile.domain), "province": .text(address.provinceName ?? address.provinceCode),
            "country": .text(address.countryCode), "address1": .text(address.address1), "zip": .text(address.zip),
            "city": .text(address.city), "phone": .text(address.phone), "created_at": .time(shop.createdAt),
            "updated_at": .time(shop.updatedAt), "country_code": .text(address.countryCode),
            "country_name": .text(address.countryName), "currency": .string(profile.currency.rawValue),
            "customer_email": .string(profile.email), "shop_owner": .string(profile.name),
            "province_code": .text(address.provinceCode), "taxes_included": .bool(profile.taxesIncluded),
            "weight_unit": .string(profile.weightUnit.rawValue.lowercased()),
            "primary_location_id": .id(primaryLocation?.id.rawValue), "myshopify_domain": .text(profile.domain),
            "plan_name": "proforma", "admin_graphql_api_id": RESTShapes.gid("Shop", shop.id.rawValue),
        ]
    }

    static func location(_ location: Location) -> RESTObject {
        let address = location.address
        return [
            "id": .int(location.id.rawValue), "name": .string(location.name), "address1": .text(address.address1),
            "address2": .text(address.address2), "city": .text(address.city), "zip": .text(address.zip),
            "province": .text(address.provinceName ?? address.provinceCode), "country": .text(address.countryCode),
            "phone": .text(address.phone), "created_at": .time(location.createdAt), "updated_at": .time(location.updatedAt),
            "country_code": .text(address.countryCode), "country_name": .text(address.countryName),
            "province_code": .text(address.provinceCode), "legacy": false, "active": .bool(location.isActive),
            "admin_graphql_api_id": RESTShapes.gid("Location", location.id.rawValue),
        ]
    }
}
