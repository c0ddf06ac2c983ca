/// What a customer pays with at checkout.
public enum PaymentMethod: Sendable, Hashable {
    /// Staff record a payment that reached the shop some other way (bank deposit, cash).
    case manual
    case card(CardDetails)
}

/// A card as the checkout form takes it. The number is never stored or logged; the
/// transaction keeps only its last digits.
public struct CardDetails: Sendable, Hashable, CustomStringConvertible {
    public var number: String
    public var name: String
    public var expiry: String
    public var verificationValue: String

    public init(number: String, name: String, expiry: String, verificationValue: String) {
        self.number = number
        self.name = name
        self.expiry = expiry
        self.verificationValue = verificationValue
    }

    public var lastDigits: String { String(number.filter(\.isNumber).suffix(4)) }

    /// Masked, so that printing a card by mistake shows nothing secret.
    public var description: String { "card ending \(lastDigits)" }
}

/// How a gateway answered a charge.
public enum PaymentOutcome: Sendable, Hashable {
    case succeeded(authorizationCode: String)
    /// The card was refused; the customer may try another.
    case declined(message: String)
    /// The gateway failed; trying again later may work.
    case failed(message: String)
}

/// Shopify's test-card rules for its bogus gateway: the card number `1` is approved, `2` is
/// declined and `3` makes the gateway fail. Any other number is refused as invalid, so a
/// real card number typed into a test shop never looks like it worked.
public enum TestCardRules {
    public static func outcome(for card: CardDetails) -> PaymentOutcome {
        switch card.number.filter({ !$0.isWhitespace }) {
        case "1": .succeeded(authorizationCode: "bogus-approved")
        case "2": .declined(message: "Your card was declined.")
        case "3": .failed(message: "The payment gateway had an error. Try again in a few minutes.")
        default: .declined(message: "This test gateway accepts only the card numbers 1, 2 and 3.")
        }
    }
}
