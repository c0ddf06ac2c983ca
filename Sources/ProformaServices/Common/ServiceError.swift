/// Failures a use case reports that are not input validation.
public enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The shop the caller names does not exist.
    case unknownShop
    /// The database holds no shop, or several where one was expected.
    case shopNotChosen(String)
    /// A precondition of the operation does not hold (e.g. the shop already exists).
    case conflict(String)

    public var description: String {
        switch self {
        case .unknownShop: "no such shop"
        case .shopNotChosen(let message): message
        case .conflict(let message): message
        }
    }
}
