import ProformaCore

/// A customer's own fields, as written. Addresses are written separately.
public struct CustomerFields: Sendable, Hashable {
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var note: String?
    public var tags: [String]
    public var taxExempt: Bool
    public var acceptsMarketing: Bool
    public var state: CustomerState
    public var locale: String

    public init(firstName: String?, lastName: String?, email: String?, phone: String?, note: String?,
                tags: [String], taxExempt: Bool, acceptsMarketing: Bool, state: CustomerState, locale: String) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.note = note
        self.tags = tags
        self.taxExempt = taxExempt
        self.acceptsMarketing = acceptsMarketing
        self.state = state
        self.locale = locale
    }

    public init(_ customer: Customer) {
        self.init(firstName: customer.firstName, lastName: customer.lastName, email: customer.email,
                  phone: customer.phone, note: customer.note, tags: customer.tags, taxExempt: customer.taxExempt,
                  acceptsMarketing: customer.acceptsMarketing, state: customer.state, locale: customer.locale)
    }
}

public enum CustomerSortKey: String, Sendable, CaseIterable {
    case id = "ID"
    case name = "NAME"
    case createdAt = "CREATED_AT"
    case updatedAt = "UPDATED_AT"
}

public protocol CustomerRepository {
    func insertCustomer(shop: ShopID, _ fields: CustomerFields, at time: Timestamp) async throws -> CustomerID
    func updateCustomer(shop: ShopID, id: CustomerID, _ fields: CustomerFields, at time: Timestamp) async throws
    /// Replaces the address book; entries with an id keep it. The first address becomes the default.
    func replaceAddresses(shop: ShopID, customer: CustomerID,
                          with addresses: [(id: CustomerAddressID?, address: MailingAddress)]) async throws
    func customer(shop: ShopID, id: CustomerID) async throws -> Customer?
    func customers(shop: ShopID, ids: [CustomerID]) async throws -> [Customer]
    func customers(shop: ShopID, matching query: SearchQuery, sortedBy sort: CustomerSortKey,
                   page: PageRequest) async throws -> Page<Customer>
    func countCustomers(shop: ShopID, matching query: SearchQuery) async throws -> Int
    func customerID(shop: ShopID, email: String) async throws -> CustomerID?
    func customerID(shop: ShopID, phone: String) async throws -> CustomerID?
}

extension CustomerRepository {
    /// The customers with these ids (repeats allowed), by id; ids not found are left out.
    func customersByID(shop: ShopID, ids: some Sequence<CustomerID>) async throws -> [CustomerID: Customer] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        return Dictionary(try await customers(shop: shop, ids: unique).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
