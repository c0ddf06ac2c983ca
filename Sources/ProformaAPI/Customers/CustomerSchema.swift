import ProformaCore
import ProformaServices

/// Customers and `customerCreate` / `customerUpdate`.
enum CustomerSchema {
    static let sdl = """
        enum CustomerState { DISABLED INVITED ENABLED DECLINED }
        enum CustomerSortKeys { ID NAME CREATED_AT UPDATED_AT RELEVANCE LOCATION }

        type Customer implements Node {
          id: ID!
          legacyResourceId: UnsignedInt64!
          firstName: String
          lastName: String
          displayName: String!
          email: String
          phone: String
          defaultEmailAddress: CustomerEmailAddress
          defaultPhoneNumber: CustomerPhoneNumber
          note: String
          tags: [String!]!
          taxExempt: Boolean!
          taxExemptions: [String!]!
          state: CustomerState!
          verifiedEmail: Boolean!
          locale: String!
          addresses(first: Int): [MailingAddress!]!
          addressesV2(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): MailingAddressConnection!
          defaultAddress: MailingAddress
          numberOfOrders: UnsignedInt64!
          amountSpent: MoneyV2!
          createdAt: DateTime!
          updatedAt: DateTime!
        }

        type CustomerEmailAddress {
          emailAddress: String!
          marketingState: String!
        }

        type CustomerPhoneNumber {
          phoneNumber: String!
        }

        type CustomerConnection {
          edges: [CustomerEdge!]!
          nodes: [Customer!]!
          pageInfo: PageInfo!
        }

        type CustomerEdge {
          cursor: String!
          node: Customer!
        }

        type MailingAddressConnection {
          edges: [MailingAddressEdge!]!
          nodes: [MailingAddress!]!
          pageInfo: PageInfo!
        }

        type MailingAddressEdge {
          cursor: String!
          node: MailingAddress!
        }

        input CustomerInput {
          id: ID
          firstName: String
          lastName: String
          email: String
          phone: String
          note: String
          tags: [String!]
          taxExempt: Boolean
          locale: String
          addresses: [MailingAddressInput!]
          acceptsMarketing: Boolean @deprecated(reason: "Use emailMarketingConsent instead.")
        }

        type CustomerCreatePayload {
          customer: Customer
          userErrors: [UserError!]!
        }

        type CustomerUpdatePayload {
          customer: Customer
          userErrors: [UserError!]!
        }
        """

    static let queries = """
          customer(id: ID!): Customer
          customers(first: Int, after: String, last: Int, before: String, reverse: Boolean = false,
                    sortKey: CustomerSortKeys = ID, query: String): CustomerConnection!
          customersCount(query: String, limit: Int = 10000): Count
        """

    static let mutations = """
          customerCreate(input: CustomerInput!): CustomerCreatePayload
          customerUpdate(input: CustomerInput!): CustomerUpdatePayload
        """

    static let queryResolvers: [String: RootResolver] = [
        "customer": { field, context in
            try context.require(.readCustomers, for: "customer")
            let id: CustomerID = try GlobalID.id(field["id"]?.string ?? "", "Customer")
            return .optional(try await context.services.customers.customer(shop: context.shopID, id: id)
                .map(CustomerObject.init))
        },
        "customers": { field, context in
            try context.require(.readCustomers, for: "customers")
            let sortKey = ConnectionObject.sortKey(field, default: CustomerSortKey.id)
            let page = try await context.services.customers.customers(
                shop: context.shopID, matching: SearchQuery(parsing: field["query"]?.string ?? ""), sortedBy: sortKey,
                page: try ConnectionObject.pageRequest(field))
            return .object(ConnectionObject("CustomerConnection", page: page) { CustomerObject($0) })
        },
        "customersCount": { field, context in
            try context.require(.readCustomers, for: "customersCount")
            let count = try await context.services.customers.countCustomers(
                shop: context.shopID, matching: SearchQuery(parsing: field["query"]?.string ?? ""))
            return .object(CountObject(count: count, limit: try CountObject.limit(field)))
        },
    ]

    static let mutationResolvers: [String: RootResolver] = [
        "customerCreate": { field, context in
            try context.require(.writeCustomers, for: "customerCreate")
            let input = field["input"] ?? .object([:])
            let (customerInput, problems) = decode(input)
            return await payload("CustomerCreatePayload", problems: problems) {
                try await context.services.customers.create(shop: context.shopID, customerInput)
            }
        },
        "customerUpdate": { field, context in
            try context.require(.writeCustomers, for: "customerUpdate")
            let input = field["input"] ?? .object([:])
            let (customerInput, problems) = decode(input)
            let id: CustomerID? = input["id"]?.string.flatMap { GlobalID.optionalID($0, "Customer") }
            guard let id else {
                return .object(PayloadObject(typeName: "CustomerUpdatePayload", fields: [
                    "customer": .null,
                    "userErrors": UserErrorObject.list(ValidationErrors(field: ["id"], message: "Customer does not exist"),
                                                       under: "input"),
                ]))
            }
            return await payload("CustomerUpdatePayload", problems: problems) {
                try await context.services.customers.update(shop: context.shopID, id: id, customerInput)
            }
        },
    ]

    private static func payload(_ typeName: String, problems: ValidationErrors,
                                _ work: () async throws -> Customer) async -> AdminValue {
        var errors = problems
        var customer: Customer?
        if errors.isEmpty {
            do {
                customer = try await work()
            } catch let failure as ValidationErrors {
                errors = failure
            } catch {
                return .object(PayloadObject(typeName: typeName, fields: [
                    "customer": .null,
                    "userErrors": UserErrorObject.list(ValidationErrors(field: nil, message: "Internal error"), under: nil),
                ]))
            }
        }
        return .object(PayloadObject(typeName: typeName, fields: [
            "customer": .optional(customer.map(CustomerObject.init)),
            "userErrors": UserErrorObject.list(errors, under: "input"),
        ]))
    }

    static func decode(_ input: InputValue) -> (CustomerInput, ValidationErrors) {
        var result = CustomerInput()
        var errors = ValidationErrors()
        result.firstName = input.update("firstName")
        result.lastName = input.update("lastName")
        result.email = input.update("email")
        result.phone = input.update("phone")
        result.note = input.update("note")
        result.tags = input["tags"]?.strings
        result.taxExempt = input["taxExempt"]?.bool
        result.acceptsMarketing = input["acceptsMarketing"]?.bool
        result.locale = input["locale"]?.string
        result.addresses = input["addresses"]?.list?.enumerated().map { index, address in
            var id: CustomerAddressID?
            if let text = address["id"]?.string {
                id = GlobalID.optionalID(text.split(separator: "?").first.map(String.init) ?? text, "MailingAddress")
                if id == nil { errors.add(["addresses", String(index), "id"], "Address does not exist") }
            }
            return CustomerInput.AddressInput(id: id, address: MailingAddressDraft(address))
        }
        return (result, errors)
    }
}

struct CustomerObject: AdminObject {
    let typeName = "Customer"
    let customer: Customer

    init(_ customer: Customer) {
        self.customer = customer
    }

    static func addressObject(_ address: CustomerAddress) -> MailingAddressObject {
        MailingAddressObject(address: address.address,
                             id: GlobalID.make("MailingAddress", address.id.rawValue, query: "model_name=CustomerAddress"))
    }

    func resolveImmediately(_ field: FieldRequest, context: AdminContext) throws -> AdminValue? {
        switch field.name {
        case "id": return .string(GlobalID.make("Customer", customer.id))
        case "legacyResourceId": return .string(String(customer.id.rawValue))
        case "firstName": return .optional(customer.firstName)
        case "lastName": return .optional(customer.lastName)
        case "displayName": return .string(customer.displayName)
        case "email": return .optional(customer.email)
        case "phone": return .optional(customer.phone)
        case "defaultEmailAddress":
            return .optional(customer.email.map { email -> AnyAdminObject in
                PayloadObject(typeName: "CustomerEmailAddress", fields: [
                    "emailAddress": .string(email),
                    "marketingState": .string(customer.acceptsMarketing ? "SUBSCRIBED" : "NOT_SUBSCRIBED"),
                ])
            })
        case "defaultPhoneNumber":
            return .optional(customer.phone.map { phone -> AnyAdminObject in
                PayloadObject(typeName: "CustomerPhoneNumber", fields: ["phoneNumber": .string(phone)])
            })
        case "note": return .optional(customer.note)
        case "tags": return .strings(customer.tags)
        case "taxExempt": return .bool(customer.taxExempt)
        case "taxExemptions": return .list([])
        case "state": return .string(customer.state.rawValue)
        case "verifiedEmail": return .bool(false)
        case "locale": return .string(customer.locale)
        case "addresses":
            let addresses = field["first"]?.int.map { Array(customer.addresses.prefix($0)) } ?? customer.addresses
            return .objects(addresses.map(Self.addressObject))
        case "addressesV2":
            let page = PageSlicer.page(customer.addresses, key: \.id.rawValue, id: \.id.rawValue,
                                       request: try ConnectionObject.pageRequest(field))
            return .object(ConnectionObject("MailingAddressConnection", page: page) { Self.addressObject($0) })
        case "defaultAddress": return .optional(customer.defaultAddress.map(Self.addressObject))
        case "numberOfOrders": return .string("0")
        case "createdAt": return .string(customer.createdAt.iso8601)
        case "updatedAt": return .string(customer.updatedAt.iso8601)
        default: return nil
        }
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "amountSpent": return .object(MoneyV2Object(money: .zero(try await context.loader.shop().currency)))
        default: return try immediateValue(of: field, context: context)
        }
    }
}
