import ProformaCore

/// Every use case, wired to one store and clock: what adapters (HTTP, CLI, workers) call.
public struct Services: Sendable {
    public let shops: ShopService
    public let catalog: CatalogService
    public let inventory: InventoryService
    public let customers: CustomerService
    public let access: AccessService

    public init(store: any Store, clock: any WallClock, passwordHasher: any PasswordHasher) {
        shops = ShopService(store: store, clock: clock)
        catalog = CatalogService(store: store, clock: clock)
        inventory = InventoryService(store: store, clock: clock)
        customers = CustomerService(store: store, clock: clock)
        access = AccessService(store: store, clock: clock, passwordHasher: passwordHasher)
    }
}
