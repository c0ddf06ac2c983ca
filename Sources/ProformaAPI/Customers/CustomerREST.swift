import HTTPTypes
import ProformaCore
import ProformaServices

/// `customers.json`: list, count, get, create, update and `search.json?query=` in Shopify's
/// REST dialect, on the same use cases as GraphQL.
struct CustomerREST {
    let services: Services

    func addRoutes(to routes: RESTRoutes) {
        routes.get("customers.json") { rest in
            try rest.require(.readCustomers)
            let paging = try RESTPaging(rest, filterNames: ["ids", "since_id", "created_at_min", "created_at_max",
                                                            "updated_at_min", "updated_at_max"])
            return try await list(.all(try paging.commonTerms()), paging, rest)
        }
        routes.get("customers/search.json") { rest in
            try rest.require(.readCustomers)
            let paging = try RESTPaging(rest, filterNames: ["query"])
            return try await list(SearchQuery(parsing: paging.filters["query"] ?? ""), paging, rest)
        }
        routes.get("customers/count.json") { rest in
            try rest.require(.readCustomers)
            let paging = try RESTPaging(rest, filterNames: ["created_at_min", "created_at_max", "updated_at_min", "updated_at_max"])
            let count = try await services.customers.countCustomers(shop: rest.shopID, matching: .all(try paging.commonTerms()))
            return RESTResponse(body: ["count": .int(Int64(count))])
        }
        routes.get("customers/{id}.json") { rest in
            try rest.require(.readCustomers)
            guard let customer = try await services.customers.customer(shop: rest.shopID, id: CustomerID(try rest.id())) else {
                throw RESTError.notFound
            }
            return RESTResponse(body: ["customer": .object(RESTShapes.customer(customer).only(rest.fields))])
        }
        routes.post("customers.json") { rest in
            try rest.require(.writeCustomers)
            let customer = try await services.customers.create(shop: rest.shopID, try Self.input(rest))
            return RESTResponse(status: .created, body: ["customer": .object(RESTShapes.customer(customer))])
        }
        routes.put("customers/{id}.json") { rest in
            try rest.require(.writeCustomers)
            let id = CustomerID(try rest.id())
            let customer = try await services.customers.update(shop: rest.shopID, id: id, try Self.input(rest))
            return RESTResponse(body: ["customer": .object(RESTShapes.customer(customer))])
        }
    }

    private func list(_ query: SearchQuery, _ paging: RESTPaging, _ rest: RESTRequest) async throws -> RESTResponse {
        let page = try await services.customers.customers(shop: rest.shopID, matching: query, sortedBy: .id, page: paging.request)
        let fields = rest.fields
        return RESTResponse(body: ["customers": .array(page.items.map { .object(RESTShapes.customer($0).only(fields)) })],
                            link: paging.link(for: page, rest))
    }

    /// A `customer` body: names, contact, note, tags, tax exemption, marketing consent and
    /// addresses (which replace the customer's). Read-only keys are ignored.
    static func input(_ rest: RESTRequest) throws -> CustomerInput {
        let object = try rest.object("customer")
        var reader = RESTInputReader()
        var input = CustomerInput()
        input.firstName = reader.text(object, "first_name")
        input.lastName = reader.text(object, "last_name")
        input.email = reader.text(object, "email")
        input.phone = reader.text(object, "phone")
        input.note = reader.text(object, "note")
        input.tags = RESTInputReader.tags(object["tags"])
        input.taxExempt = reader.bool(object["tax_exempt"], at: ["taxExempt"])
        if let consent = object["email_marketing_consent"]?["state"]?.stringValue {
            input.acceptsMarketing = consent == "subscribed"
        } else {
            input.acceptsMarketing = reader.bool(object["accepts_marketing"], at: ["acceptsMarketing"])
        }
        if case .array(let addresses)? = object["addresses"] {
            input.addresses = addresses.enumerated().map { index, address in
                var draft = CustomerInput.AddressInput(address: MailingAddressDraft())
                if case .set(let fields) = RESTInputReader.address(address) { draft.address = fields }
                if let id = reader.integer(address["id"], at: ["addresses", String(index), "id"]) { draft.id = CustomerAddressID(id) }
                return draft
            }
        }
        try reader.problems.throwIfAny()
        return input
    }
}
