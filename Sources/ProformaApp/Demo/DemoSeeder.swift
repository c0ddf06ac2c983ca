import Foundation
import ProformaCore
import ProformaServices

/// Seeds the demo shop: settings, catalog with stock, customers, a staff login and a token.
public struct DemoSeeder: Sendable {
    public struct Credentials: Sendable {
        public var shopID: ShopID
        public var shopName: String
        public var accessToken: String
        public var staffEmail: String
        public var staffPassword: String
    }

    /// Demo sign-in for the staff admin. It is printed at start and documented: the demo is for
    /// trying Proforma out, never for real data.
    public static let staffEmail = "staff@snowdevil.example"
    public static let staffPassword = "proforma-demo"

    let components: AppComponents

    public init(components: AppComponents) {
        self.components = components
    }

    /// Seeds a new demo shop; refuses a database that already has a shop.
    public func seed() async throws -> Credentials {
        guard try await components.services.shops.allShops().isEmpty else {
            throw ServiceError.conflict("the database already has a shop; `demo` only seeds an empty database")
        }
        let input = try JSONDecoder().decode(ShopSettingsInput.self, from: Data(DemoSettings.json.utf8))
        let settings = try input.validated().get()
        let services = components.services
        let shop = try await services.shops.apply(settings, to: nil)
        let locations = try await services.shops.locations(shop: shop.id)
        _ = try await services.catalog.setProducts(
            shop: shop.id, DemoCatalog.inputs(warehouse: locations[0].id, showroom: locations[1].id))
        _ = try await services.customers.createMany(shop: shop.id, DemoCustomers.inputs)
        _ = try await services.access.createStaff(shop: shop.id, email: Self.staffEmail, password: Self.staffPassword)
        return try await credentials(for: shop)
    }

    /// Seeds when the database is empty; otherwise issues a fresh token for the existing shop.
    public func seedIfEmpty() async throws -> Credentials {
        if let shop = try await components.services.shops.allShops().first {
            return try await credentials(for: shop)
        }
        return try await seed()
    }

    private func credentials(for shop: Shop) async throws -> Credentials {
        let (_, secret) = try await components.services.access.createToken(shop: shop.id, name: "demo", scopes: .all)
        return Credentials(shopID: shop.id, shopName: shop.name, accessToken: secret,
                           staffEmail: Self.staffEmail, staffPassword: Self.staffPassword)
    }
}
