import ProformaCore

/// A metafield to create, or to update when `id` (or its namespace and key) names an existing one.
public struct MetafieldInput: Sendable, Hashable {
    public var id: MetafieldID?
    public var namespace: String?
    public var key: String?
    public var type: String?
    public var value: String

    public init(id: MetafieldID? = nil, namespace: String? = nil, key: String? = nil, type: String? = nil, value: String) {
        self.id = id
        self.namespace = namespace
        self.key = key
        self.type = type
        self.value = value
    }
}

/// An owner's metafields are read with the owner (a draft's by the draft repository); this
/// writes them.
public protocol MetafieldRepository {
    /// Writes the metafields of one owner: updates those that exist, inserts the rest.
    func save(shop: ShopID, ownerType: String, ownerID: Int64, _ metafields: [Metafield], at time: Timestamp) async throws -> [Metafield]
    func deleteAll(shop: ShopID, ownerType: String, ownerID: Int64) async throws
}
