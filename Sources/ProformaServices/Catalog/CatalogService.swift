import ProformaCore

/// Creating and updating products, and reading the catalog.
public struct CatalogService: Sendable {
    let store: any Store
    let clock: any WallClock

    public init(store: any Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    /// `productSet`: creates the product, or updates the one `input.id` (or, failing that,
    /// `identifyingHandle`) names, with all of its variants and stock, in one transaction.
    /// Throws `ValidationErrors` (paths relative to the input) when anything is wrong; then
    /// nothing is written.
    public func setProduct(shop: ShopID, _ input: ProductSetInput, identifyingHandle: String? = nil) async throws -> Product {
        try await store.write { session in
            try await setProduct(in: session, shop: shop, input, identifyingHandle: identifyingHandle)
        }
    }

    /// Sets many products in one transaction: all of them are written, or none. Errors are
    /// prefixed with the product's index in `inputs`.
    public func setProducts(shop: ShopID, _ inputs: [ProductSetInput]) async throws -> [Product] {
        try await store.write { session in
            var products: [Product] = []
            var errors = ValidationErrors()
            for (index, input) in inputs.enumerated() {
                do {
                    products.append(try await setProduct(in: session, shop: shop, input, identifyingHandle: input.handle))
                } catch let problems as ValidationErrors {
                    errors.add(problems, under: [String(index)])
                }
            }
            try errors.throwIfAny()
            return products
        }
    }

    func setProduct(in session: any StoreSession, shop: ShopID, _ input: ProductSetInput,
                    identifyingHandle: String?) async throws -> Product {
        guard let shopRecord = try await session.shops.shop(shop) else { throw ServiceError.unknownShop }
        let now = clock.now()
        let catalog = session.catalog

        var existing: Product?
        if let id = input.id {
            existing = try await catalog.product(shop: shop, id: id)
            guard existing != nil else { throw ValidationErrors(field: ["id"], message: "Product does not exist", code: "NOT_FOUND") }
        } else if let identifyingHandle, let id = try await catalog.productID(shop: shop, handle: Handle.make(from: identifyingHandle)) {
            existing = try await catalog.product(shop: shop, id: id)
        }

        let handle = try await resolveHandle(input, existing: existing, shop: shop, catalog: catalog)
        let locations = try await session.shops.locations(shop: shop)
        let plan = try ProductSetPlan.make(input, existing: existing, handle: handle, currency: shopRecord.currency,
                                           locations: Set(locations.map(\.id))).get()

        let productID: ProductID
        if let existing {
            productID = existing.id
            try await catalog.updateProduct(shop: shop, id: productID, plan.fields, at: now)
        } else {
            productID = try await catalog.insertProduct(shop: shop, plan.fields, at: now)
        }
        for id in plan.deletedVariants {
            try await catalog.deleteVariant(shop: shop, id: id)
        }
        let activeLocations = locations.filter(\.isActive).map(\.id)
        // Stock of existing variants is set below, level by level: lock those levels first, in
        // the one order every stock-moving transaction uses.
        let keptVariants = plan.variants.compactMap(\.existingID)
        if !keptVariants.isEmpty {
            _ = try await session.inventory.lockLevels(
                shop: shop, items: try await catalog.variants(shop: shop, ids: keptVariants).map(\.inventoryItem.id))
        }
        for variantPlan in plan.variants {
            let itemID: InventoryItemID
            if let id = variantPlan.existingID {
                try await catalog.updateVariant(shop: shop, id: id, variantPlan.fields, at: now)
                itemID = try await catalog.variants(shop: shop, ids: [id])[0].inventoryItem.id
            } else {
                let variant = try await catalog.insertVariant(shop: shop, product: productID, variantPlan.fields, at: now)
                itemID = variant.inventoryItem.id
                for location in activeLocations {
                    try await session.inventory.insertLevel(
                        InventoryLevel(itemID: itemID, locationID: location, available: 0, reserved: 0, committed: 0,
                                       createdAt: now, updatedAt: now), shop: shop)
                }
            }
            for quantity in variantPlan.quantities {
                _ = try await InventoryService.set(
                    quantity.name, to: quantity.quantity, expecting: nil, item: itemID, location: quantity.locationID,
                    shop: shop, in: session, at: now)
            }
        }
        guard let product = try await catalog.product(shop: shop, id: productID) else {
            throw ServiceError.conflict("the product vanished while it was being written")
        }
        return product
    }

    /// The handle asked for (it must be free), the current one, or one made from the title
    /// with a number appended until it is free.
    private func resolveHandle(_ input: ProductSetInput, existing: Product?, shop: ShopID,
                               catalog: any CatalogRepository) async throws -> String {
        if let requested = input.handle?.trimmingWhitespace(), !requested.isEmpty {
            let handle = Handle.make(from: requested)
            guard !handle.isEmpty else {
                throw ValidationErrors(field: ["handle"], message: "Handle is invalid", code: "INVALID")
            }
            if let owner = try await catalog.productID(shop: shop, handle: handle), owner != existing?.id {
                throw ValidationErrors(field: ["handle"], message: "Handle '\(handle)' has already been taken", code: "TAKEN")
            }
            return handle
        }
        if let existing { return existing.handle }
        let base = Handle.make(from: input.title ?? "").nonEmpty ?? "product"
        var candidate = base
        var suffix = 1
        while try await catalog.productID(shop: shop, handle: candidate) != nil {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    public func product(shop: ShopID, id: ProductID) async throws -> Product? {
        try await store.read { try await $0.catalog.product(shop: shop, id: id) }
    }

    public func products(shop: ShopID, ids: [ProductID]) async throws -> [Product] {
        try await store.read { try await $0.catalog.products(shop: shop, ids: ids) }
    }

    public func product(shop: ShopID, handle: String) async throws -> Product? {
        try await store.read { session in
            guard let id = try await session.catalog.productID(shop: shop, handle: handle) else { return nil }
            return try await session.catalog.product(shop: shop, id: id)
        }
    }

    public func products(shop: ShopID, matching query: SearchQuery, sortedBy sort: ProductSortKey,
                         page: PageRequest) async throws -> Page<Product> {
        try await store.read { try await $0.catalog.products(shop: shop, matching: query, sortedBy: sort, page: page) }
    }

    public func countProducts(shop: ShopID, matching query: SearchQuery) async throws -> Int {
        try await store.read { try await $0.catalog.countProducts(shop: shop, matching: query) }
    }

    public func variants(shop: ShopID, ids: [VariantID]) async throws -> [ProductVariant] {
        try await store.read { try await $0.catalog.variants(shop: shop, ids: ids) }
    }

    public func variants(shop: ShopID, matching query: SearchQuery, sortedBy sort: VariantSortKey,
                         page: PageRequest) async throws -> Page<ProductVariant> {
        try await store.read { try await $0.catalog.variants(shop: shop, matching: query, sortedBy: sort, page: page) }
    }

    public func variant(shop: ShopID, inventoryItem: InventoryItemID) async throws -> ProductVariant? {
        try await store.read { try await $0.catalog.variant(shop: shop, inventoryItem: inventoryItem) }
    }
}
