/// A request's variables as its body sent them: a JSON object, read in place. Coercion reads each
/// variable straight from the parsed body into input values, so a 499-line draft never becomes a
/// tree of dictionaries on the way (parsing that tree and tearing it down were a sixth of such
/// an update).
public struct GraphQLVariables: Sendable {
    /// An object; nil when the request sent no variables.
    private let document: JSONDocument?

    public static let none = GraphQLVariables(document: nil)

    private init(document: JSONDocument?) {
        self.document = document
    }

    /// The variables in `document`, whose root must be an object; nil when it is not.
    public init?(object document: JSONDocument) {
        guard document.withRoot(\.isObject) else { return nil }
        self.document = document
    }

    /// Variables given as values, for callers inside the process.
    public init(_ values: [String: JSONValue]) throws {
        self.document = try JSONDocument(.object(values))
    }

    /// Reads the variable `name` as sent, or nil when it was not; the node is only valid inside `body`.
    func withValue<R>(named name: String, _ body: (JSONNode?) throws -> R) rethrows -> R {
        guard let document else { return try body(nil) }
        return try document.withRoot { root in try body(root.member(name)) }
    }

    /// Every variable as a value.
    var values: [String: JSONValue] {
        document?.value.objectValue ?? [:]
    }
}
