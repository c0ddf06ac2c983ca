import ProformaCore
import ProformaServices
import SQLKit

struct SQLCustomerRepository: CustomerRepository {
    let context: SQLContext

    func insertCustomer(shop: ShopID, _ fields: CustomerFields, at time: Timestamp) async throws -> CustomerID {
        let id = try await context.insertReturningID("""
            INSERT INTO customers (shop_id, first_name, last_name, email, email_key, phone, note, tags, tax_exempt,
                                   accepts_marketing, state, locale, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: fields.firstName), \(bind: fields.lastName), \(bind: fields.email),
                    \(bind: fields.email?.lowercased()), \(bind: fields.phone), \(bind: fields.note),
                    \(bind: fields.tags.joined(separator: ", ")), \(bind: fields.taxExempt),
                    \(bind: fields.acceptsMarketing), \(bind: fields.state.rawValue), \(bind: fields.locale),
                    \(bind: time.stored), \(bind: time.stored))
            """)
        try await TagTable.customer.replace(shop: shop.rawValue, owner: id, tags: fields.tags, isNew: true, in: context)
        return CustomerID(id)
    }

    func updateCustomer(shop: ShopID, id: CustomerID, _ fields: CustomerFields, at time: Timestamp) async throws {
        try await context.run("""
            UPDATE customers SET first_name = \(bind: fields.firstName), last_name = \(bind: fields.lastName),
                email = \(bind: fields.email), email_key = \(bind: fields.email?.lowercased()), phone = \(bind: fields.phone),
                note = \(bind: fields.note), tags = \(bind: fields.tags.joined(separator: ", ")),
                tax_exempt = \(bind: fields.taxExempt), accepts_marketing = \(bind: fields.acceptsMarketing),
                state = \(bind: fields.state.rawValue), locale = \(bind: fields.locale), updated_at = \(bind: time.stored)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)
            """)
        try await TagTable.customer.replace(shop: shop.rawValue, owner: id.rawValue, tags: fields.tags, in: context)
    }

    func replaceAddresses(shop: ShopID, customer: CustomerID,
                          with addresses: [(id: CustomerAddressID?, address: MailingAddress)]) async throws {
        let kept = addresses.compactMap(\.id?.rawValue)
        var delete: SQLQueryString = """
            DELETE FROM customer_addresses WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customer.rawValue)
            """
        if !kept.isEmpty { delete = delete + " AND id NOT IN (\(binds: kept))" }
        try await context.run(delete)
        var defaultID: Int64?
        for (position, entry) in addresses.enumerated() {
            let json = StoredJSON.encode(entry.address)
            let id: Int64
            if let existing = entry.id {
                id = existing.rawValue
                try await context.run("""
                    UPDATE customer_addresses SET position = \(bind: position), address = \(bind: json),
                        country_code = \(bind: entry.address.countryCode), province_code = \(bind: entry.address.provinceCode)
                    WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)
                    """)
            } else {
                id = try await context.insertReturningID("""
                    INSERT INTO customer_addresses (shop_id, customer_id, position, address, country_code, province_code)
                    VALUES (\(bind: shop.rawValue), \(bind: customer.rawValue), \(bind: position), \(bind: json),
                            \(bind: entry.address.countryCode), \(bind: entry.address.provinceCode))
                    """)
            }
            if defaultID == nil { defaultID = id }
        }
        try await context.run("""
            UPDATE customers SET default_address_id = \(bind: defaultID)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: customer.rawValue)
            """)
    }

    func customer(shop: ShopID, id: CustomerID) async throws -> Customer? {
        try await customers(shop: shop, ids: [id]).first
    }

    func customers(shop: ShopID, ids: [CustomerID]) async throws -> [Customer] {
        guard !ids.isEmpty else { return [] }
        let rows = try await context.all("SELECT c.*, " + addressesColumn + """
             FROM customers c WHERE c.shop_id = \(bind: shop.rawValue) AND c.id IN (\(binds: ids.map(\.rawValue)))
            """)
        let byID = Dictionary(uniqueKeysWithValues: try assemble(rows).map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// A customer's addresses in order, as one JSON array beside its row (`c`): reading them
    /// with their customers rather than after them spares a page of drafts a round trip.
    private var addressesColumn: SQLQueryString {
        switch context.kind {
        case .postgres:
            """
            (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'address', a.address::json) ORDER BY a.position), '[]')::text
             FROM customer_addresses a WHERE a.shop_id = c.shop_id AND a.customer_id = c.id) AS addresses
            """
        case .sqlite:
            """
            (SELECT json_group_array(json_object('id', a.id, 'address', json(a.address)) ORDER BY a.position)
             FROM customer_addresses a WHERE a.shop_id = c.shop_id AND a.customer_id = c.id) AS addresses
            """
        }
    }

    /// One entry of the `addresses` column.
    private struct StoredAddress: Decodable {
        var id: Int64
        var address: MailingAddress
    }

    /// Customers from rows that carry `addressesColumn`.
    private func assemble(_ rows: [any SQLRow]) throws -> [Customer] {
        try rows.map { row in
            let id = try row.int64("id")
            let addresses = try row.json("addresses", as: [StoredAddress].self).map {
                CustomerAddress(id: CustomerAddressID($0.id), address: $0.address)
            }
            return Customer(
                id: CustomerID(id), firstName: try row.optionalString("first_name"),
                lastName: try row.optionalString("last_name"), email: try row.optionalString("email"),
                phone: try row.optionalString("phone"), note: try row.optionalString("note"),
                tags: Tags.normalize([try row.string("tags")]), taxExempt: try row.bool("tax_exempt"),
                acceptsMarketing: try row.bool("accepts_marketing"),
                state: CustomerState(rawValue: try row.string("state")) ?? .disabled, locale: try row.string("locale"),
                addresses: addresses,
                defaultAddressID: try row.optionalInt64("default_address_id").map(CustomerAddressID.init),
                createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
        }
    }

    static let search = SearchSchema(
        fields: [
            "email": SearchPredicates.text("c.email"),
            "first_name": SearchPredicates.text("c.first_name"),
            "last_name": SearchPredicates.text("c.last_name"),
            "phone": { term, _ in
                guard let phone = PhoneNumber.normalize(term.value) else { return "1 = 0" }
                return "c.phone = \(bind: phone)"
            },
            "tag": SearchPredicates.tag(table: "customer_tags", ownerColumn: "customer_id", ownerTable: "c"),
            "tax_exempt": SearchPredicates.boolean("c.tax_exempt"),
            "state": SearchPredicates.code("c.state"),
            "accepts_marketing": SearchPredicates.boolean("c.accepts_marketing"),
            "id": SearchPredicates.integer("c.id"),
            "created_at": SearchPredicates.timestamp("c.created_at"),
            "updated_at": SearchPredicates.timestamp("c.updated_at"),
            "country": { term, _ in
                let code = Geography.country(matching: term.value)?.rawValue ?? term.value.uppercased()
                return """
                    EXISTS (SELECT 1 FROM customer_addresses a WHERE a.shop_id = c.shop_id AND a.customer_id = c.id \
                    AND a.country_code = \(bind: code))
                    """
            },
        ],
        freeText: SearchPredicates.containsAny(["c.first_name", "c.last_name", "c.email", "c.phone", "c.tags"]))

    func customers(shop: ShopID, matching query: SearchQuery, sortedBy sort: CustomerSortKey,
                   page: PageRequest) async throws -> Page<Customer> {
        let keyset: Keyset = switch sort {
        case .id: Keyset(from: "customers c", alias: "c", sortExpression: nil, sortIsText: false)
        case .name:
            Keyset(from: "customers c", alias: "c",
                   sortExpression: "LOWER(COALESCE(c.last_name, '') || ' ' || COALESCE(c.first_name, ''))", sortIsText: true)
        case .createdAt: Keyset(from: "customers c", alias: "c", sortExpression: "c.created_at", sortIsText: false)
        case .updatedAt: Keyset(from: "customers c", alias: "c", sortExpression: "c.updated_at", sortIsText: false)
        }
        let result = try await keyset.page(context, select: "c.*, " + addressesColumn, shop: shop.rawValue,
                                           filter: Self.search.predicate(for: query, shop: shop.rawValue), request: page)
        return Page(items: try assemble(result.rows), cursors: result.cursors,
                    hasNextPage: result.hasNext, hasPreviousPage: result.hasPrevious)
    }

    func countCustomers(shop: ShopID, matching query: SearchQuery) async throws -> Int {
        try await Self.search.count(context, from: "customers c", alias: "c", matching: query, shop: shop, limit: nil)
    }

    func customerID(shop: ShopID, email: String) async throws -> CustomerID? {
        try await context.first("""
            SELECT id FROM customers WHERE shop_id = \(bind: shop.rawValue) AND email_key = \(bind: email.lowercased())
            """).map { CustomerID(try $0.int64("id")) }
    }

    func customerID(shop: ShopID, phone: String) async throws -> CustomerID? {
        try await context.first("""
            SELECT id FROM customers WHERE shop_id = \(bind: shop.rawValue) AND phone = \(bind: phone)
            """).map { CustomerID(try $0.int64("id")) }
    }
}
