import ProformaCore
import ProformaServices

public typealias AdminValue = GraphQLValue<AdminContext>

/// An object of the Admin API.
public protocol AdminObject: GraphQLObject where Context == AdminContext {}

/// An Admin API object that answers every field from what it holds.
public protocol ImmediateAdminObject: ImmediateGraphQLObject, AdminObject {}

extension AdminObject {
    /// `resolveImmediately`'s answer, for a `resolve` that has handled the fields that wait: a
    /// name neither answers is not a field of the object.
    func immediateValue(of field: FieldRequest, context: AdminContext) throws -> AdminValue {
        guard let value = try resolveImmediately(field, context: context) else { throw UnknownField(type: typeName, field: field.name) }
        return value
    }
}

/// Any Admin API object, as stored in lists and connections.
public typealias AnyAdminObject = any GraphQLObject<AdminContext>

/// A field the object's type declares but this object cannot resolve: a programming error,
/// reported as an internal error rather than a crash.
struct UnknownField: Error, CustomStringConvertible {
    let type: String
    let field: String
    var description: String { "\(type).\(field) has no resolver" }
}

/// A Relay connection over one page of results.
struct ConnectionObject: ImmediateAdminObject {
    let typeName: String
    let edgeTypeName: String
    let nodes: [AnyAdminObject]
    let cursors: [Cursor]
    let hasNextPage: Bool
    let hasPreviousPage: Bool

    init<Item>(_ typeName: String, page: Page<Item>, node: (Item) -> AnyAdminObject) {
        self.typeName = typeName
        self.edgeTypeName = String(typeName.dropLast("Connection".count)) + "Edge"
        self.nodes = page.items.map(node)
        self.cursors = page.cursors
        self.hasNextPage = page.hasNextPage
        self.hasPreviousPage = page.hasPreviousPage
    }

    func value(of field: FieldRequest, context: AdminContext) throws -> AdminValue {
        switch field.name {
        case "nodes": .objects(nodes)
        case "edges": .list(zip(nodes, cursors).map { .object(EdgeObject(typeName: edgeTypeName, node: $0, cursor: $1)) })
        case "pageInfo":
            .object(PageInfoObject(hasNextPage: hasNextPage, hasPreviousPage: hasPreviousPage,
                                   startCursor: cursors.first, endCursor: cursors.last))
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }

    /// Reads `first`/`after`/`last`/`before`/`reverse` with Shopify's limits.
    static func pageRequest(_ field: FieldRequest) throws -> PageRequest {
        let first = field["first"]?.int
        let last = field["last"]?.int
        if first == nil && last == nil {
            throw GraphQLFieldError("you must provide one of first or last", extensions: ["code": .string("BAD_REQUEST")])
        }
        if first != nil && last != nil {
            throw GraphQLFieldError("providing both first and last is not supported", extensions: ["code": .string("BAD_REQUEST")])
        }
        for (name, value) in [("first", first), ("last", last)] {
            if let value, value < 0 || value > PageRequest.maximumSize {
                throw GraphQLFieldError("\(name) must be between 0 and \(PageRequest.maximumSize)",
                                        extensions: ["code": .string("BAD_REQUEST")])
            }
        }
        func cursor(_ name: String) throws -> Cursor? {
            guard let text = field[name]?.string else { return nil }
            guard let cursor = Cursor(token: text) else {
                throw GraphQLFieldError("Invalid cursor for \(name): \(text)", extensions: ["code": .string("BAD_REQUEST")])
            }
            return cursor
        }
        return PageRequest(first: first, after: try cursor("after"), last: last, before: try cursor("before"),
                           reverse: field["reverse"]?.bool ?? false)
    }

    /// The `sortKey` argument as one of `Key`'s cases.
    static func sortKey<Key: RawRepresentable>(_ field: FieldRequest, default defaultKey: Key) -> Key where Key.RawValue == String {
        field["sortKey"]?.string.flatMap(Key.init(rawValue:)) ?? defaultKey
    }
}

struct EdgeObject: AdminObject {
    let typeName: String
    let node: AnyAdminObject
    let cursor: Cursor

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "node": .object(node)
        case "cursor": .string(cursor.token)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct PageInfoObject: ImmediateAdminObject {
    let typeName = "PageInfo"
    let hasNextPage: Bool
    let hasPreviousPage: Bool
    /// Encoded only when asked for: a page's query usually selects one of the two.
    let startCursor: Cursor?
    let endCursor: Cursor?

    func value(of field: FieldRequest, context: AdminContext) throws -> AdminValue {
        switch field.name {
        case "hasNextPage": .bool(hasNextPage)
        case "hasPreviousPage": .bool(hasPreviousPage)
        case "startCursor": .optional(startCursor?.token)
        case "endCursor": .optional(endCursor?.token)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct MoneyV2Object: ImmediateAdminObject {
    let typeName = "MoneyV2"
    let money: Money

    func value(of field: FieldRequest, context: AdminContext) throws -> AdminValue {
        switch field.name {
        case "amount": .string(money.graphQLAmount)
        case "currencyCode": .string(money.currency.rawValue)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

/// `UserError` and its typed variants (`ProductSetUserError`, …), which add a `code`.
struct UserErrorObject: AdminObject {
    let typeName: String
    let error: FieldError

    init(_ error: FieldError, typeName: String = "UserError") {
        self.error = error
        self.typeName = typeName
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "field": error.field.map { .strings($0) } ?? .null
        case "message": .string(error.message)
        case "code": .optional(error.code)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }

    /// The user errors of a payload, with paths under the argument that held the input
    /// (`["input", "variants", "0", "price"]`).
    static func list(_ errors: ValidationErrors, under argument: String?, typeName: String = "UserError") -> AdminValue {
        .objects(errors.errors.map { error -> AnyAdminObject in
            let prefixed = argument.map { error.field == nil ? error : error.prefixed([$0]) } ?? error
            return UserErrorObject(prefixed, typeName: typeName)
        })
    }
}

struct CountObject: AdminObject {
    let typeName = "Count"
    let count: Int
    let limit: Int?

    /// A count query's `limit` argument: nil (no limit) or at least 1.
    static func limit(_ field: FieldRequest) throws -> Int? {
        guard let limit = field.arguments["limit"].flatMap({ $0.isNull ? nil : $0.int }) else { return nil }
        guard limit >= 1 else {
            throw GraphQLFieldError("limit must be at least 1", extensions: ["code": .string("BAD_REQUEST")])
        }
        return limit
    }

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "count": .int(limit.map { min(count, $0) } ?? count)
        case "precision": .string(limit.map { count > $0 ? "AT_LEAST" : "EXACT" } ?? "EXACT")
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

struct WeightObject: AdminObject {
    let typeName = "Weight"
    let weight: Weight

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "unit": .string(weight.unit.rawValue)
        case "value": .float(Double(weight.value.description) ?? 0)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }
}

/// `MailingAddress`: a draft's, a customer's or a location's address.
struct MailingAddressObject: AdminObject {
    let typeName = "MailingAddress"
    let address: MailingAddress
    let id: String?

    func resolve(_ field: FieldRequest, context: AdminContext) async throws -> AdminValue {
        switch field.name {
        case "id": .optional(id)
        case "firstName": .optional(address.firstName)
        case "lastName": .optional(address.lastName)
        case "name": .optional(address.name)
        case "company": .optional(address.company)
        case "address1": .optional(address.address1)
        case "address2": .optional(address.address2)
        case "city": .optional(address.city)
        case "province": .optional(address.provinceName ?? address.provinceCode)
        case "provinceCode": .optional(address.provinceCode)
        case "country": .optional(address.countryName)
        case "countryCodeV2", "countryCode": .optional(address.countryCode)
        case "zip": .optional(address.zip)
        case "phone": .optional(address.phone)
        case "latitude", "longitude": .null
        case "formatted": .strings(Self.formatted(address, field: field))
        case "formattedArea":
            .optional([address.city, address.provinceCode, address.countryName].compactMap { $0 }.joined(separator: ", ").nonEmpty)
        default: throw UnknownField(type: typeName, field: field.name)
        }
    }

    static func formatted(_ address: MailingAddress, field: FieldRequest) -> [String] {
        var lines = address.formattedLines
        if field["withCompany"]?.bool == false, let company = address.company, lines.first == company { lines.removeFirst() }
        if field["withName"]?.bool == true, let name = address.name { lines.insert(name, at: 0) }
        return lines
    }
}

extension MailingAddressDraft {
    /// A `MailingAddressInput`, legacy `country`/`province` names included.
    init(_ input: InputValue) {
        self.init(firstName: input["firstName"]?.string, lastName: input["lastName"]?.string,
                  company: input["company"]?.string, address1: input["address1"]?.string,
                  address2: input["address2"]?.string, city: input["city"]?.string,
                  provinceCode: input["provinceCode"]?.string, province: input["province"]?.string,
                  countryCode: input["countryCode"]?.string, country: input["country"]?.string,
                  zip: input["zip"]?.string, phone: input["phone"]?.string)
    }
}

extension InputValue {
    /// The field as a partial-update instruction: absent, explicit null, or a value.
    func update(_ key: String) -> FieldUpdate<String> {
        guard let value = self[key] else { return .unchanged }
        if value.isNull { return .cleared }
        return value.string.map(FieldUpdate.set) ?? .unchanged
    }

    /// A list of strings; a single string is accepted as a one-element list, as GraphQL's
    /// input coercion allows.
    var strings: [String]? {
        if let list { return list.compactMap(\.string) }
        return string.map { [$0] }
    }
}
