/// A 64-bit row identifier typed by what it identifies, so that a product id cannot be
/// passed where a customer id is expected.
public struct EntityID<Entity>: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int64

    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    public var description: String { String(rawValue) }

    public static func < (lhs: EntityID, rhs: EntityID) -> Bool { lhs.rawValue < rhs.rawValue }
}

public typealias ShopID = EntityID<Shop>
public typealias LocationID = EntityID<Location>
public typealias ProductID = EntityID<Product>
public typealias VariantID = EntityID<ProductVariant>
public typealias InventoryItemID = EntityID<InventoryItem>
public typealias CustomerID = EntityID<Customer>
public typealias CustomerAddressID = EntityID<CustomerAddress>
public typealias TaxRateID = EntityID<TaxRate>
public typealias ShippingRateID = EntityID<ShippingRate>
public typealias PaymentGatewayID = EntityID<PaymentGatewayAccount>
public typealias AccessTokenID = EntityID<AccessToken>
public typealias StaffMemberID = EntityID<StaffMember>

extension EntityID: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
