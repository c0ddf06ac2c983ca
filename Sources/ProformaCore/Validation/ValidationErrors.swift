/// A problem with input that the user can fix: Shopify's `UserError` (`field` path plus
/// message) and REST's 422 body are both rendered from it.
public struct FieldError: Sendable, Hashable, Error, CustomStringConvertible {
    /// Path to the offending input, e.g. `["input", "lineItems", "0", "quantity"]`; nil when
    /// the problem is not tied to one field.
    public var field: [String]?
    public var message: String
    /// A machine-readable code where Shopify defines one (`TAKEN`, `INVALID`, …).
    public var code: String?

    public init(field: [String]?, message: String, code: String? = nil) {
        self.field = field
        self.message = message
        self.code = code
    }

    public var description: String {
        guard let field, !field.isEmpty else { return message }
        return "\(field.joined(separator: ".")): \(message)"
    }

    /// The same error nested under `prefix` (an input's name or a list index).
    public func prefixed(_ prefix: [String]) -> FieldError {
        FieldError(field: prefix + (field ?? []), message: message, code: code)
    }
}

/// Everything wrong with one request, gathered so that the caller sees all of it at once.
public struct ValidationErrors: Sendable, Hashable, Error, CustomStringConvertible {
    public private(set) var errors: [FieldError] = []

    public init(_ errors: [FieldError] = []) {
        self.errors = errors
    }

    public init(field: [String]?, message: String, code: String? = nil) {
        self.errors = [FieldError(field: field, message: message, code: code)]
    }

    public var isEmpty: Bool { errors.isEmpty }

    public mutating func add(_ field: [String]?, _ message: String, code: String? = nil) {
        errors.append(FieldError(field: field, message: message, code: code))
    }

    public mutating func add(_ other: ValidationErrors, under prefix: [String] = []) {
        errors.append(contentsOf: other.errors.map { $0.prefixed(prefix) })
    }

    /// Throws when any error was gathered.
    public func throwIfAny() throws {
        if !errors.isEmpty { throw self }
    }

    public var description: String { errors.map(\.description).joined(separator: "; ") }
}
