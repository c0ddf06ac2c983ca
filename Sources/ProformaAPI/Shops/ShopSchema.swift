import ProformaCore
import ProformaServices

/// The shop and its locations.
enum ShopSchema {
    static let sdl = """
        type Shop implements Node {
          id: ID!
          name: String!
          email: String!
          contactEmail: String!
          currencyCode: CurrencyCode!
          enabledPresentmentCurrencies: [CurrencyCode!]!
          taxesIncluded: Boolean!
          taxShipping: Boolean!
          weightUnit: WeightUnit!
          myshopifyDomain: String!
          primaryDomain: Domain!
          url: URL!
          billingAddress: ShopAddress!
          ianaTimezone: String!
          createdAt: DateTime!
          updatedAt: DateTime!
        }

        type Domain implements Node {
          id: ID!
          host: String!
          url: URL!
          sslEnabled: Boolean!
        }

        type ShopAddress implements Node {
          id: ID!
          address1: String
          address2: String
          city: String
          company: String
          country: String
          countryCodeV2: CountryCode
          province: String
          provinceCode: String
          zip: String
          phone: String
          formatted(withCompany: Boolean = true): [String!]!
        }

        type Location implements Node {
          id: ID!
          legacyResourceId: UnsignedInt64!
          name: String!
          isActive: Boolean!
          fulfillsOnlineOrders: Boolean!
          address: LocationAddress!
          inventoryLevel(inventoryItemId: ID!): InventoryLevel
          inventoryLevels(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): InventoryLevelConnection!
          createdAt: DateTime!
          updatedAt: DateTime!
        }

        type LocationAddress {
          address1: String
          address2: String
          city: String
          country: String
          countryCode: String
          province: String
          provinceCode: String
          zip: String
          phone: String
          formatted: [String!]!
        }

        type LocationConnection {
          edges: [LocationEdge!]!
          nodes: [Location!]!
          pageInfo: PageInfo!
        }

        type LocationEdge {
          cursor: String!
          node: Location!
        }
        """

    static let queries = """
          shop: Shop!
          location(id: ID): Location
          locations(first: Int, after: String, last: Int, before: String, reverse: Boolean = false,
                    includeInactive: Boolean = false, query: String): LocationConnection!
        """

    static let queryResolvers: [String: RootResolver] = [
        "shop": { _, context in
            guard let configuration = try await context.services.shops.configuration(shop: context.shopID) else {
                throw GraphQLFieldError("Shop not found")
            }
            return .object(ShopObject(shop: configuration.shop, currencies: configuration.currencies,
                                      taxesOnShipping: configuration.taxRates.contains(where: \.appliesToShipping)))
        },
        "location": { field, context in
            try context.require(.readLocations, for: "location")
            let locations = try await context.loader.locations()
            guard let text = field["id"]?.string else { return .optional(locations.first.map(LocationObject.init)) }
            let id: LocationID = try GlobalID.id(text, "Location")
            return .optional(locations.first { $0.id == id }.map(LocationObject.init))
        },
        "locations": { field, context in
            try context.require(.readLocations, for: "locations")
            let request = try ConnectionObject.pageRequest(field)
            var locations = try await context.loader.locations()
            if field["includeInactive"]?.bool != true { locations = locations.filter(\.isActive) }
            if let text = field["query"]?.string?.lowercased(), !text.isEmpty {
                locations = locations.filter { $0.name.lowercased().contains(text) }
            }
            let page = PageSlicer.page(locations, key: \.id.rawValue, id: \.id.rawValue, request: request)
            return .object(ConnectionObject("LocationConnection", page: page) { LocationObject($0) })
        },
    ]
}


struct ShopObject: AdminObject {
    let typeName = "Shop"
    let shop: Shop
    let currencies: [PresentmentCurrency]
    let taxesOnShipping: Bool

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        let profile = shop.profile
        let host = profile.domain ?? "shop-\(shop.id.rawValue).proforma.local"
        switch field.name {
        case "id": return .string(GlobalID.make("Shop", shop.id))
        case "name": return .string(profile.name)
        case "email", "contactEmail": return .string(profile.email)
        case "currencyCode": return .string(profile.currency.rawValue)
        case "enabledPresentmentCurrencies":
            return .strings([profile.currency.rawValue] + currencies.map(\.code.rawValue))
        case "taxesIncluded": return .bool(profile.taxesIncluded)
        case "taxShipping": return .bool(taxesOnShipping)
        case "weightUnit": return .string(profile.weightUnit.rawValue)
        case "myshopifyDomain": return .string(host)
        case "url": return .string("https://\(host)")
        case "primaryDomain": return .object(DomainObject(id: shop.id.rawValue, host: host))
        case "billingAddress": return .object(ShopAddressObject(id: shop.id.rawValue, address: profile.address))
        case "ianaTimezone": return .string("Etc/UTC")
        case "createdAt": return .string(shop.createdAt.iso8601)
        case "updatedAt": return .string(shop.updatedAt.iso8601)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct DomainObject: AdminObject {
    let typeName = "Domain"
    let id: Int64
    let host: String

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .string(GlobalID.make("Domain", id))
        case "host": .string(host)
        case "url": .string("https://\(host)")
        case "sslEnabled": .bool(true)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

/// `ShopAddress` and `LocationAddress`: the same fields with different ids and names.
struct ShopAddressObject: AdminObject {
    let typeName: String
    let id: Int64?
    let address: MailingAddress

    init(id: Int64, address: MailingAddress) {
        self.typeName = "ShopAddress"
        self.id = id
        self.address = address
    }

    init(locationAddress address: MailingAddress) {
        self.typeName = "LocationAddress"
        self.id = nil
        self.address = address
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .string(GlobalID.make("ShopAddress", id ?? 0))
        case "address1": .optional(address.address1)
        case "address2": .optional(address.address2)
        case "city": .optional(address.city)
        case "company": .optional(address.company)
        case "country": .optional(address.countryName)
        case "countryCodeV2", "countryCode": .optional(address.countryCode)
        case "province": .optional(address.provinceName ?? address.provinceCode)
        case "provinceCode": .optional(address.provinceCode)
        case "zip": .optional(address.zip)
        case "phone": .optional(address.phone)
        case "formatted": .strings(MailingAddressObject.formatted(address, field: field))
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct LocationObject: AdminObject {
    let typeName = "Location"
    let location: Location

    init(_ location: Location) {
        self.location = location
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": return .string(GlobalID.make("Location", location.id))
        case "legacyResourceId": return .string(String(location.id.rawValue))
        case "name": return .string(location.name)
        case "isActive": return .bool(location.isActive)
        case "fulfillsOnlineOrders": return .bool(true)
        case "address": return .object(ShopAddressObject(locationAddress: location.address))
        case "createdAt": return .string(location.createdAt.iso8601)
        case "updatedAt": return .string(location.updatedAt.iso8601)
        case "inventoryLevel":
            try context.require(.readInventory, for: "inventoryLevel")
            let item: InventoryItemID = try GlobalID.id(field["inventoryItemId"]?.string ?? "", "InventoryItem")
            let levels = try await context.loader.levels(of: item)
            return .optional(levels.first { $0.locationID == location.id }.map { InventoryLevelObject(level: $0) })
        case "inventoryLevels":
            try context.require(.readInventory, for: "inventoryLevels")
            let page = try await context.services.inventory.levels(shop: context.shopID, locations: [location.id],
                                                                   page: try ConnectionObject.pageRequest(field))
            return .object(ConnectionObject("InventoryLevelConnection", page: page) { InventoryLevelObject(level: $0) })
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}
