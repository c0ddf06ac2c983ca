import ProformaCore
import SQLKit

/// The columns a `Customer` is read from, under a prefix: none when customers are read on their
/// own, `customer__` when they come beside the rows of another table (a page of drafts and its
/// customers, one statement), where the bare names would collide with that table's.
struct CustomerColumns: Sendable {
    static let own = CustomerColumns(prefix: "")
    static let joined = CustomerColumns(prefix: "customer__")

    private static let fields = ["id", "first_name", "last_name", "email", "phone", "note", "tags", "tax_exempt",
                                 "accepts_marketing", "state", "locale", "default_address_id", "created_at", "updated_at"]
    private let prefix: String
    // Spelled once here, as rows are decoded by name for every customer of every page.
    private let id, firstName, lastName, email, phone, note, tags, taxExempt, acceptsMarketing, state, locale,
                defaultAddressID, createdAt, updatedAt, addresses: String

    private init(prefix: String) {
        self.prefix = prefix
        let names = Self.fields.map { prefix + $0 }
        (id, firstName, lastName, email, phone, note, tags) = (names[0], names[1], names[2], names[3], names[4], names[5], names[6])
        (taxExempt, acceptsMarketing, state, locale) = (names[7], names[8], names[9], names[10])
        (defaultAddressID, createdAt, updatedAt) = (names[11], names[12], names[13])
        addresses = prefix + "addresses"
    }

    /// The select list for the customer aliased `alias`, its addresses in order as one JSON
    /// array: reading them with their customer spares a round trip.
    func select(from alias: String, kind: SQLEngineKind) -> SQLQueryString {
        let columns = Self.fields.map { "\(alias).\($0) AS \(prefix)\($0)" }.joined(separator: ", ")
        let owner = "a.shop_id = \(alias).shop_id AND a.customer_id = \(alias).id"
        let addressList = switch kind {
        case .postgres:
            """
            (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'address', a.address::json) ORDER BY a.position), '[]')::text
             FROM customer_addresses a WHERE \(owner)) AS \(addresses)
            """
        case .sqlite:
            """
            (SELECT json_group_array(json_object('id', a.id, 'address', json(a.address)) ORDER BY a.position)
             FROM customer_addresses a WHERE \(owner)) AS \(addresses)
            """
        }
        return "\(unsafeRaw: columns), \(unsafeRaw: addressList)"
    }

    /// The customer in the row, or nil where it has none (a draft without a customer).
    func customer(in row: any SQLRow) throws -> Customer? {
        guard let id = try row.optionalInt64(id) else { return nil }
        let addresses = try row.json(addresses, as: [StoredAddress].self).map {
            CustomerAddress(id: CustomerAddressID($0.id), address: $0.address)
        }
        return Customer(
            id: CustomerID(id), firstName: try row.optionalString(firstName),
            lastName: try row.optionalString(lastName), email: try row.optionalString(email),
            phone: try row.optionalString(phone), note: try row.optionalString(note),
            tags: Tags.normalize([try row.string(tags)]), taxExempt: try row.bool(taxExempt),
            acceptsMarketing: try row.bool(acceptsMarketing),
            state: CustomerState(rawValue: try row.string(state)) ?? .disabled, locale: try row.string(locale),
            addresses: addresses,
            defaultAddressID: try row.optionalInt64(defaultAddressID).map(CustomerAddressID.init),
            createdAt: try row.timestamp(createdAt), updatedAt: try row.timestamp(updatedAt))
    }

    /// The customers of rows read with `select`, each once, by id.
    func customers(in rows: [any SQLRow]) throws -> [CustomerID: Customer] {
        var found: [CustomerID: Customer] = [:]
        for row in rows {
            guard let id = try row.optionalInt64(id).map(CustomerID.init), found[id] == nil else { continue }
            found[id] = try customer(in: row)
        }
        return found
    }

    /// One entry of the addresses column.
    private struct StoredAddress: Decodable {
        var id: Int64
        var address: MailingAddress
    }
}
