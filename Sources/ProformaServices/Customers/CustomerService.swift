import ProformaCore

/// `customerCreate` / `customerUpdate` input. On update, `.unchanged` fields keep their value.
public struct CustomerInput: Sendable {
    public struct AddressInput: Sendable, Hashable {
        public var id: CustomerAddressID?
        public var address: MailingAddressDraft

        public init(id: CustomerAddressID? = nil, address: MailingAddressDraft) {
            self.id = id
            self.address = address
        }
    }

    public var firstName: FieldUpdate<String> = .unchanged
    public var lastName: FieldUpdate<String> = .unchanged
    public var email: FieldUpdate<String> = .unchanged
    public var phone: FieldUpdate<String> = .unchanged
    public var note: FieldUpdate<String> = .unchanged
    public var tags: [String]?
    public var taxExempt: Bool?
    public var acceptsMarketing: Bool?
    public var locale: String?
    /// Replaces the address book when set; the first address becomes the default.
    public var addresses: [AddressInput]?

    public init() {}
}

public struct CustomerService: Sendable {
    let store: any Store
    let clock: any WallClock

    public init(store: any Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    /// Creates a customer. Throws `ValidationErrors` with Shopify's messages; nothing is written then.
    public func create(shop: ShopID, _ input: CustomerInput) async throws -> Customer {
        try await store.write { session in try await create(in: session, shop: shop, input) }
    }

    /// Creates many customers in one transaction; errors are prefixed with the input's index.
    public func createMany(shop: ShopID, _ inputs: [CustomerInput]) async throws -> [Customer] {
        try await store.write { session in
            var created: [Customer] = []
            var errors = ValidationErrors()
            for (index, input) in inputs.enumerated() {
                let checked: CheckedCustomer
                do {
                    checked = try await validated(input, existing: nil, shop: shop, session: session)
                } catch let problems as ValidationErrors {
                    errors.add(problems, under: [String(index)])
                    continue
                }
                do {
                    created.append(try await insert(checked, shop: shop, session: session))
                } catch let problems as ValidationErrors {
                    // Another writer took the email or phone after the check. On PostgreSQL the
                    // refused statement has ended the transaction: no later row can be checked
                    // or written in it, so the batch stops here.
                    errors.add(problems, under: [String(index)])
                    throw errors
                }
            }
            try errors.throwIfAny()
            return created
        }
    }

    func create(in session: any StoreSession, shop: ShopID, _ input: CustomerInput) async throws -> Customer {
        try await insert(try await validated(input, existing: nil, shop: shop, session: session), shop: shop, session: session)
    }

    /// A customer's fields and addresses as `validated` checked them.
    private typealias CheckedCustomer = (fields: CustomerFields, addresses: [(id: CustomerAddressID?, address: MailingAddress)])

    /// Writes a checked customer; a unique key taken since the check is reported as `TAKEN`.
    private func insert(_ checked: CheckedCustomer, shop: ShopID, session: any StoreSession) async throws -> Customer {
        let (fields, addresses) = checked
        let now = clock.now()
        let id = try await insertOrReportTaken {
            try await session.customers.insertCustomer(shop: shop, fields, at: now)
        }
        try await session.customers.replaceAddresses(shop: shop, customer: id, with: addresses.map { (nil, $0.address) })
        return try await session.customers.customer(shop: shop, id: id)!
    }

    /// Updates the customer; fields the input leaves `.unchanged` keep their value.
    public func update(shop: ShopID, id: CustomerID, _ input: CustomerInput) async throws -> Customer {
        try await store.write { session in
            guard let existing = try await session.customers.customer(shop: shop, id: id) else {
                throw ValidationErrors(field: ["id"], message: "Customer does not exist", code: "NOT_FOUND")
            }
            let (fields, addresses) = try await validated(input, existing: existing, shop: shop, session: session)
            let now = clock.now()
            try await insertOrReportTaken {
                try await session.customers.updateCustomer(shop: shop, id: id, fields, at: now)
            }
            if input.addresses != nil {
                try await session.customers.replaceAddresses(shop: shop, customer: id, with: addresses.map { ($0.id, $0.address) })
            }
            return try await session.customers.customer(shop: shop, id: id)!
        }
    }

    /// A concurrent insert can take an email between our check and our write; the unique
    /// index then refuses it and the caller still gets Shopify's message.
    @discardableResult
    private func insertOrReportTaken<T>(_ write: () async throws -> T) async throws -> T {
        do {
            return try await write()
        } catch let conflict as UniqueConstraintViolation {
            if conflict.columns.contains("phone") {
                throw ValidationErrors(field: ["phone"], message: "Phone has already been taken", code: "TAKEN")
            }
            throw ValidationErrors(field: ["email"], message: "Email has already been taken", code: "TAKEN")
        }
    }

    private func validated(
        _ input: CustomerInput, existing: Customer?, shop: ShopID, session: any StoreSession
    ) async throws -> CheckedCustomer {
        var errors = ValidationErrors()
        let firstName = input.firstName.applied(to: existing?.firstName).cleaned
        let lastName = input.lastName.applied(to: existing?.lastName).cleaned
        var email = input.email.applied(to: existing?.email).cleaned
        var phone = input.phone.applied(to: existing?.phone).cleaned

        if let text = email {
            if EmailAddress.isValid(text) {
                email = text.lowercased()
                if let owner = try await session.customers.customerID(shop: shop, email: text), owner != existing?.id {
                    errors.add(["email"], "Email has already been taken", code: "TAKEN")
                }
            } else {
                errors.add(["email"], "Email is invalid", code: "INVALID")
            }
        }
        if let text = phone {
            if let normalized = PhoneNumber.normalize(text) {
                phone = normalized
                if let owner = try await session.customers.customerID(shop: shop, phone: normalized), owner != existing?.id {
                    errors.add(["phone"], "Phone has already been taken", code: "TAKEN")
                }
            } else {
                errors.add(["phone"], "Phone is invalid", code: "INVALID")
            }
        }
        if firstName == nil && lastName == nil && email == nil && phone == nil {
            errors.add(nil, "Customer must have a name, phone number or email address", code: "BLANK")
        }
        let tags = input.tags.map(Tags.normalize) ?? existing?.tags ?? []

        var addresses: [(id: CustomerAddressID?, address: MailingAddress)] = []
        for (index, entry) in (input.addresses ?? []).enumerated() {
            if let id = entry.id, existing?.addresses.contains(where: { $0.id == id }) != true {
                errors.add(["addresses", String(index), "id"], "Address does not exist", code: "NOT_FOUND")
            }
            switch entry.address.resolve() {
            case .success(let address): addresses.append((entry.id, address))
            case .failure(let problems): errors.add(problems, under: ["addresses", String(index)])
            }
        }
        try errors.throwIfAny()
        let fields = CustomerFields(
            firstName: firstName, lastName: lastName, email: email, phone: phone,
            note: input.note.applied(to: existing?.note), tags: tags,
            taxExempt: input.taxExempt ?? existing?.taxExempt ?? false,
            acceptsMarketing: input.acceptsMarketing ?? existing?.acceptsMarketing ?? false,
            state: existing?.state ?? .disabled, locale: input.locale ?? existing?.locale ?? "en")
        return (fields, addresses)
    }

    public func customer(shop: ShopID, id: CustomerID) async throws -> Customer? {
        try await store.read { try await $0.customers.customer(shop: shop, id: id) }
    }

    /// The customers with `ids` (repeats and unknown ids allowed), by id.
    public func customersByID(shop: ShopID, ids: some Sequence<CustomerID>) async throws -> [CustomerID: Customer] {
        let ids = Array(ids)
        guard !ids.isEmpty else { return [:] }  // no transaction for nothing
        return try await store.read { try await $0.customers.customersByID(shop: shop, ids: ids) }
    }

    public func customers(shop: ShopID, ids: [CustomerID]) async throws -> [Customer] {
        try await store.read { try await $0.customers.customers(shop: shop, ids: ids) }
    }

    public func customers(shop: ShopID, matching query: SearchQuery, sortedBy sort: CustomerSortKey,
                          page: PageRequest) async throws -> Page<Customer> {
        try await store.read { try await $0.customers.customers(shop: shop, matching: query, sortedBy: sort, page: page) }
    }

    public func countCustomers(shop: ShopID, matching query: SearchQuery) async throws -> Int {
        try await store.read { try await $0.customers.countCustomers(shop: shop, matching: query) }
    }
}
