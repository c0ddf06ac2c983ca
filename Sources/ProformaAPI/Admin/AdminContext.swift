import Logging
import ProformaCore
import ProformaServices
import Synchronization

/// Everything one Admin API request resolves against: who is asking, for which shop, and a
/// per-request cache so that nested fields never query the database once per object.
public struct AdminContext: Sendable {
    public let shopID: ShopID
    public let scopes: ScopeSet
    public let services: Services
    public let loader: RequestLoader
    public let logger: Logger

    public init(shopID: ShopID, scopes: ScopeSet, services: Services, logger: Logger) {
        self.shopID = shopID
        self.scopes = scopes
        self.services = services
        self.loader = RequestLoader(shopID: shopID, services: services)
        self.logger = logger
    }

    /// Refuses the field unless the token carries `scope`, in Shopify's words.
    public func require(_ scope: AccessScope, for field: String) throws {
        guard scopes.allows(scope) else {
            let required = "`\(scope.rawValue)` access scope."
            throw GraphQLFieldError(
                "Access denied for \(field) field. Required access: \(required)",
                extensions: [
                    "code": .string("ACCESS_DENIED"),
                    "documentation": .string("https://shopify.dev/api/usage/access-scopes"),
                    "requiredAccess": .string(required),
                ])
        }
    }
}

/// Loads what nested fields need once per request, in batches.
///
/// When a list of products is loaded, their inventory items are registered; the first field
/// that asks for any item's stock loads the stock of all registered items in one query.
public final class RequestLoader: Sendable {
    private struct State {
        var shop: Shop?
        var locations: [Location]?
        var levels: [InventoryItemID: [InventoryLevel]] = [:]
        var pendingItems: Set<InventoryItemID> = []
        var products: [ProductID: Product] = [:]
        var pendingProducts: Set<ProductID> = []
        var variants: [VariantID: ProductVariant?] = [:]
        var pendingVariants: Set<VariantID> = []
        var customers: [CustomerID: Customer?] = [:]
        var pendingCustomers: Set<CustomerID> = []
    }

    private let shopID: ShopID
    private let services: Services
    private let state = Mutex(State())

    init(shopID: ShopID, services: Services) {
        self.shopID = shopID
        self.services = services
    }

    public func shop() async throws -> Shop {
        if let shop = state.withLock({ $0.shop }) { return shop }
        guard let shop = try await services.shops.shop(shopID) else {
            throw GraphQLFieldError("Shop not found")
        }
        state.withLock { $0.shop = shop }
        return shop
    }

    public func locations() async throws -> [Location] {
        if let locations = state.withLock({ $0.locations }) { return locations }
        let locations = try await services.shops.locations(shop: shopID)
        state.withLock { $0.locations = locations }
        return locations
    }

    public func location(_ id: LocationID) async throws -> Location? {
        try await locations().first { $0.id == id }
    }

    /// Drops everything loaded or queued so far.
    public func forget() {
        state.withLock { $0 = State() }
    }

    /// Remembers products already loaded and queues their items' stock for one batched load.
    public func register(_ products: [Product]) {
        state.withLock { state in
            for product in products {
                state.products[product.id] = product
                for variant in product.variants where state.levels[variant.inventoryItem.id] == nil {
                    state.pendingItems.insert(variant.inventoryItem.id)
                }
            }
        }
    }

    /// Queues the customers, variants and products a page of drafts refers to, so that the
    /// first field needing any of them loads them all at once. `customers`, when given, are
    /// the drafts' customers as read with them: none of those is loaded again.
    public func register(_ drafts: [DraftOrder], customers: [CustomerID: Customer]? = nil) {
        // Indexed, so that no draft or line is copied (and all its strings retained) to read two ids.
        state.withLock { state in
            for index in drafts.indices {
                if let customer = drafts[index].customerID {
                    if let customers { state.customers[customer] = .some(customers[customer]) }
                    if state.customers[customer] == nil { state.pendingCustomers.insert(customer) }
                }
                let lines = drafts[index].lines
                for line in lines.indices {
                    if let variant = lines[line].variantID, state.variants[variant] == nil { state.pendingVariants.insert(variant) }
                    if let product = lines[line].productID, state.products[product] == nil { state.pendingProducts.insert(product) }
                }
            }
        }
    }

    public func product(_ id: ProductID) async throws -> Product? {
        if let known = state.withLock({ $0.products[id] }) { return known }
        let batch = state.withLock { state -> [ProductID] in
            defer { state.pendingProducts.removeAll() }
            return Array(state.pendingProducts.union([id]))
        }
        let products = try await services.catalog.products(shop: shopID, ids: batch)
        register(products)
        return products.first { $0.id == id }
    }

    public func variant(_ id: VariantID) async throws -> ProductVariant? {
        if let known = state.withLock({ $0.variants[id] }) { return known }
        let batch = state.withLock { state -> [VariantID] in
            defer { state.pendingVariants.removeAll() }
            return Array(state.pendingVariants.union([id]))
        }
        let variants = try await services.catalog.variants(shop: shopID, ids: batch)
        return state.withLock { state in
            for id in batch { state.variants[id] = .some(nil) }
            for variant in variants { state.variants[variant.id] = variant }
            return state.variants[id] ?? nil
        }
    }

    public func customer(_ id: CustomerID) async throws -> Customer? {
        if let known = state.withLock({ $0.customers[id] }) { return known }
        let batch = state.withLock { state -> [CustomerID] in
            defer { state.pendingCustomers.removeAll() }
            return Array(state.pendingCustomers.union([id]))
        }
        let customers = try await services.customers.customers(shop: shopID, ids: batch)
        return state.withLock { state in
            for id in batch { state.customers[id] = .some(nil) }
            for customer in customers { state.customers[customer.id] = customer }
            return state.customers[id] ?? nil
        }
    }

    public func levels(of item: InventoryItemID) async throws -> [InventoryLevel] {
        let (known, batch) = state.withLock { state -> ([InventoryLevel]?, [InventoryItemID]) in
            if let known = state.levels[item] { return (known, []) }
            var batch = state.pendingItems
            batch.insert(item)
            state.pendingItems.removeAll()
            return (nil, Array(batch))
        }
        if let known { return known }
        let loaded = try await services.inventory.levels(shop: shopID, items: batch)
        let grouped = Dictionary(grouping: loaded, by: \.itemID)
        return state.withLock { state in
            for id in batch { state.levels[id] = grouped[id] ?? [] }
            return state.levels[item] ?? []
        }
    }
}
