public enum DiscountValueType: String, Sendable, Hashable, Codable, CaseIterable {
    case percentage = "PERCENTAGE"
    case fixedAmount = "FIXED_AMOUNT"
}

/// A custom discount staff put on one line or on the whole order.
public struct AppliedDiscount: Sendable, Hashable, Codable {
    public var title: String?
    public var description: String
    public var valueType: DiscountValueType
    /// A percentage (0–100), or for a fixed amount, the amount in the shop's currency
    /// (per unit on a line).
    public var value: ExactDecimal
    /// A fixed amount given in a currency (`amountWithCurrency`); when it is the draft's
    /// presentment currency it is used as is, instead of converting `value`.
    public var amountWithCurrency: Money?

    public init(title: String? = nil, description: String = "", valueType: DiscountValueType, value: ExactDecimal,
                amountWithCurrency: Money? = nil) {
        self.title = title
        self.description = description
        self.valueType = valueType
        self.value = value
        self.amountWithCurrency = amountWithCurrency
    }

    /// What can be wrong with a discount no matter what it applies to, with field names
    /// relative to the discount input.
    public func problems() -> ValidationErrors {
        var errors = ValidationErrors()
        switch valueType {
        case .percentage:
            if value.isNegative || value > .hundred {
                errors.add(["value"], "Value must be between 0 and 100 for a percentage discount", code: "INVALID")
            }
        case .fixedAmount:
            if value.isNegative { errors.add(["value"], "Value must be greater than or equal to 0", code: "INVALID") }
            if let amount = amountWithCurrency, amount.isNegative {
                errors.add(["amountWithCurrency", "amount"], "Amount must be greater than or equal to 0", code: "INVALID")
            }
        }
        return errors
    }
}

extension ExactDecimal: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = ExactDecimal(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a decimal: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Money: Codable {
    private enum CodingKeys: String, CodingKey {
        case amount, currency
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode(String.self, forKey: .currency)
        guard let currency = CurrencyCode(rawValue: code) else {
            throw DecodingError.dataCorruptedError(forKey: .currency, in: container, debugDescription: "unknown currency \(code)")
        }
        self.init(minorUnits: try container.decode(Int64.self, forKey: .amount), currency: currency)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(minorUnits, forKey: .amount)
        try container.encode(currency.rawValue, forKey: .currency)
    }
}

extension CurrencyCode: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = CurrencyCode(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown currency \(text)"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
