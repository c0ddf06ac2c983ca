/// One field of a partial update: left alone, cleared (an explicit null), or set.
public enum FieldUpdate<Value: Sendable>: Sendable {
    case unchanged
    case cleared
    case set(Value)

    /// The field's value after the update is applied to `current`.
    public func applied(to current: Value?) -> Value? {
        switch self {
        case .unchanged: current
        case .cleared: nil
        case .set(let value): value
        }
    }

    public var isUnchanged: Bool {
        if case .unchanged = self { return true }
        return false
    }

    /// The value when set; nil when unchanged or cleared.
    public var value: Value? {
        if case .set(let value) = self { return value }
        return nil
    }

    public func map<Other: Sendable>(_ transform: (Value) throws -> Other) rethrows -> FieldUpdate<Other> {
        switch self {
        case .unchanged: .unchanged
        case .cleared: .cleared
        case .set(let value): .set(try transform(value))
        }
    }
}

extension FieldUpdate: Equatable where Value: Equatable {}
extension FieldUpdate: Hashable where Value: Hashable {}
