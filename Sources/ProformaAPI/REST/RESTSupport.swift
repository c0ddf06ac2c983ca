import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ProformaCore
import ProformaServices

/// One REST Admin request as its handler sees it: the caller's shop and scopes, the query, and
/// the body's root object. Invariant: a handler only runs for a live token (the middleware
/// refused the rest), and everything it throws becomes one of Shopify's error shapes.
struct RESTRequest: Sendable {
    let shopID: ShopID
    let scopes: ScopeSet
    let query: [String: String]
    let parameters: Parameters
    let body: ByteBuffer
    let contentType: String?
    /// Where clients reach the server, and this request's path: for the links in `Link`.
    let baseURL: String
    let path: String

    /// Throws Shopify's 403 unless the token carries `scope`.
    func require(_ scope: AccessScope) throws {
        guard scopes.allows(scope) else {
            throw RESTError(status: .forbidden,
                            message: "[API] This action requires merchant approval for \(scope.rawValue) scope.")
        }
    }

    /// The numeric id in the path (`{id}.json`); anything else is an unknown record.
    func id(_ name: String = "id") throws -> Int64 {
        guard let text = parameters.get(name), let id = Int64(text), id > 0 else { throw RESTError.notFound }
        return id
    }

    /// The object under `root` in a JSON body. A body that is not JSON, or not sent as JSON, is
    /// a 400; a missing root is Shopify's 400 for a required parameter.
    func object(_ root: String, required: Bool = true) throws -> [String: JSONValue] {
        if body.readableBytes == 0, !required { return [:] }
        guard contentType?.lowercased().hasPrefix("application/json") == true else {
            throw RESTError(status: .badRequest, message: "Content-Type must be application/json")
        }
        guard let (json, containsNUL) = try? JSONValue.parseNotingNUL(body.readableBytesView),
              case .object(let fields) = json else {
            throw RESTError(status: .badRequest, message: "Invalid JSON in request body")
        }
        guard !containsNUL else { throw RESTError(status: .badRequest, message: "Strings must not contain NUL characters") }
        switch fields[root] {
        case .object(let object): return object
        case nil where !required: return [:]
        default:
            var errors = RESTObject()
            errors[root] = "Required parameter missing or invalid"
            throw RESTError(status: .badRequest, errors: .object(errors))
        }
    }

    /// `limit`: 50 by default, at most 250.
    func limit() throws -> Int {
        guard let text = query["limit"] else { return 50 }
        guard let limit = Int(text), (1...PageRequest.maximumSize).contains(limit) else {
            throw RESTError(status: .badRequest, message: ["limit": ["must be between 1 and 250"]])
        }
        return limit
    }

    /// The `fields` parameter: the top-level keys to keep.
    var fields: Set<String> {
        Set((query["fields"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}

/// A REST error answer: `{"errors": "message"}` or `{"errors": {"field": ["message"]}}`.
struct RESTError: Error {
    var status: HTTPResponse.Status
    var errors: RESTValue

    init(status: HTTPResponse.Status, message: String) {
        self.status = status
        self.errors = .string(message)
    }

    init(status: HTTPResponse.Status, message fields: [String: [String]]) {
        self.status = status
        var object = RESTObject()
        for (field, messages) in fields.sorted(by: { $0.key < $1.key }) { object[field] = .array(messages.map(RESTValue.string)) }
        self.errors = .object(object)
    }

    init(status: HTTPResponse.Status, errors: RESTValue) {
        self.status = status
        self.errors = errors
    }

    static let notFound = RESTError(status: .notFound, message: "Not Found")

    /// A use case's validation errors as Shopify's 422: messages grouped by field, the field
    /// named the REST way (`line_items[0].quantity`), `base` when none is named.
    init(_ validation: ValidationErrors) {
        var grouped: [String: [String]] = [:]
        var order: [String] = []
        for error in validation.errors {
            let field = error.field.map(Self.restField) ?? "base"
            if grouped[field] == nil { order.append(field) }
            grouped[field, default: []].append(Self.restMessage(error.message, field: error.field?.last(where: { Int($0) == nil })))
        }
        status = .unprocessableContent
        var object = RESTObject()
        for field in order { object[field] = .array((grouped[field] ?? []).map(RESTValue.string)) }
        errors = .object(object)
    }

    /// Rails' way, which REST clients expect: the message without the field's name in front
    /// (`email: ["has already been taken"]`), since clients put the name back.
    static func restMessage(_ message: String, field: String?) -> String {
        guard let field else { return message }
        let name = snakeCase(field).replacingOccurrences(of: "_", with: " ")
        let prefix = name.prefix(1).uppercased() + name.dropFirst() + " "
        guard message.hasPrefix(prefix), message.count > prefix.count else { return message }
        return String(message.dropFirst(prefix.count))
    }

    /// `["lineItems", "0", "quantity"]` → `line_items[0].quantity`.
    static func restField(_ path: [String]) -> String {
        var text = ""
        for part in path {
            if Int(part) != nil {
                text += "[\(part)]"
            } else {
                if !text.isEmpty { text += "." }
                text += snakeCase(part)
            }
        }
        return text
    }

    static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                if !result.isEmpty { result += "_" }
                result += character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    var response: Response {
        RESTResponse(status: status, body: ["errors": errors]).response
    }
}

/// A REST answer: one root key, and a `Link` header for paged lists.
struct RESTResponse: Sendable {
    var status: HTTPResponse.Status = .ok
    var body: RESTObject
    var link: String?

    init(status: HTTPResponse.Status = .ok, body: RESTObject, link: String? = nil) {
        self.status = status
        self.body = body
        self.link = link
    }

    var response: Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let link { headers[.link] = link }
        return Response(status: status, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: RESTValue.object(body).bytes)))
    }
}

/// Registers REST handlers on both the versioned (`/admin/api/{version}/…`) and the legacy
/// unversioned (`/admin/…`) paths, and turns what they throw into Shopify's error answers.
struct RESTRoutes {
    let group: RouterGroup<AppRequestContext>
    let baseURL: String
    let limits: RateLimits
    static let maximumBodySize = 2 * 1024 * 1024

    typealias Handler = @Sendable (RESTRequest) async throws -> RESTResponse

    func get(_ path: String, _ handler: @escaping Handler) { on(.get, path, handler) }
    func post(_ path: String, _ handler: @escaping Handler) { on(.post, path, handler) }
    func put(_ path: String, _ handler: @escaping Handler) { on(.put, path, handler) }
    func delete(_ path: String, _ handler: @escaping Handler) { on(.delete, path, handler) }

    private func on(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        let baseURL = baseURL
        let limits = limits
        for prefix in ["api/:version/", ""] {
            group.on(RouterPath(prefix + path), method: method) { request, context in
                await Self.run(request, context: context, baseURL: baseURL, limits: limits, handler)
            }
        }
    }

    private static func run(_ request: Request, context: AppRequestContext, baseURL: String, limits: RateLimits,
                            _ handler: Handler) async -> Response {
        let version = context.parameters.get("version")
        if let version, !APIVersion.isValid(version) { return RESTError.notFound.response }
        guard let token = context.accessToken else {
            return RESTError(status: .unauthorized,
                             message: "[API] Invalid API key or access token (unrecognized login or wrong password)").response
        }
        var callLimit: String?
        switch limits.takeREST(token.id) {
        case .refused(_, let retryAfter)?:
            var response = RESTError(status: .tooManyRequests, message: "Exceeded \(Self.format(limits.settings.rest.leakPerSecond)) "
                                     + "calls per second for api client. Reduce request rates to resume uninterrupted service.").response
            response.headers[.retryAfter] = Self.format(retryAfter.rounded(.up))
            response.headers[.shopifyCallLimit] = "\(Int(limits.settings.rest.capacity))/\(Int(limits.settings.rest.capacity))"
            return response
        case .allowed(let level)?:
            callLimit = "\(Int(level.rounded(.up)))/\(Int(limits.settings.rest.capacity))"
        case nil:
            break
        }
        var response = await answer(request, context: context, token: token, baseURL: baseURL, handler)
        if let callLimit { response.headers[.shopifyCallLimit] = callLimit }
        // Echoed on every answer, errors included; the legacy paths have none to echo.
        if let version { response.headers[.shopifyAPIVersion] = version }
        return response
    }

    /// `2` for whole numbers, `0.5` otherwise: how Shopify writes rates and waits.
    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private static func answer(_ request: Request, context: AppRequestContext, token: AccessToken, baseURL: String,
                               _ handler: Handler) async -> Response {
        do {
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: maximumBodySize)
            } catch {
                throw RESTError(status: .contentTooLarge, message: "Request body too large")
            }
            var query: [String: String] = [:]
            for (name, value) in request.uri.queryParameters where query[String(name)] == nil {
                guard !value.utf8.contains(0) else {
                    throw RESTError(status: .badRequest, message: "Parameters must not contain NUL characters")
                }
                query[String(name)] = String(value)
            }
            let rest = RESTRequest(shopID: token.shopID, scopes: token.scopes, query: query,
                                   parameters: context.parameters, body: body, contentType: request.headers[.contentType],
                                   baseURL: baseURL, path: request.uri.path)
            return try await handler(rest).response
        } catch let error as RESTError {
            return error.response
        } catch let errors as ValidationErrors {
            // The services say "not found" as a validation error; REST says it with the status
            // when the record in the path is missing. A missing record named in the body (a
            // variant, a customer) is a validation error like any other.
            let pathRecord: Set<[String]?> = [nil, ["id"], ["input", "id"]]
            if errors.errors.allSatisfy({ $0.code == "NOT_FOUND" && pathRecord.contains($0.field) }) {
                return RESTError.notFound.response
            }
            return RESTError(errors).response
        } catch {
            context.logger.error("REST request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return RESTError(status: .internalServerError, message: "Internal error").response
        }
    }
}

extension HTTPField.Name {
    static let link = Self("Link")!
    static let shopifyCallLimit = Self("X-Shopify-Shop-Api-Call-Limit")!
}
