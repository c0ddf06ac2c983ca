import ProformaCore

/// What to charge: an amount for an order being placed, by one method.
public struct PaymentRequest: Sendable, Hashable {
    public var amount: Money
    public var method: PaymentMethod
    /// The same key always names the same payment: a gateway that sees a key again must answer
    /// as it did the first time and move no more money.
    public var idempotencyKey: String

    public init(amount: Money, method: PaymentMethod, idempotencyKey: String) {
        self.amount = amount
        self.method = method
        self.idempotencyKey = idempotencyKey
    }
}

/// Takes payments for orders. Completion calls `charge` inside its transaction, after the
/// draft is locked, so a draft is charged at most once however many callers complete it.
///
/// Invariants an implementation keeps: `charge` never throws for a refused payment (that is a
/// `PaymentOutcome`), and it is idempotent per `PaymentRequest.idempotencyKey`.
public protocol PaymentGateway: Sendable {
    var account: PaymentGatewayAccount { get }
    /// Whether orders paid through it are test orders.
    var isTest: Bool { get }
    func charge(_ request: PaymentRequest) async throws -> PaymentOutcome
}

extension PaymentGateway {
    public var name: String { account.name }
}

/// A gateway staff record payments through by hand: the money reached the shop some other way
/// (a bank deposit, cash on delivery), so there is nothing to charge. It takes no cards.
public struct ManualGateway: PaymentGateway {
    public let account: PaymentGatewayAccount
    public var isTest: Bool { false }

    public init(account: PaymentGatewayAccount) {
        self.account = account
    }

    public func charge(_ request: PaymentRequest) async throws -> PaymentOutcome {
        switch request.method {
        case .manual: .succeeded(authorizationCode: "manual")
        case .card: .declined(message: "\(account.name) does not take cards.")
        }
    }
}

/// Shopify's test gateway: cards follow `TestCardRules`; a manual payment is accepted.
/// Answers depend only on the request, so it is idempotent by construction.
public struct BogusGateway: PaymentGateway {
    public let account: PaymentGatewayAccount
    public var isTest: Bool { true }

    public init(account: PaymentGatewayAccount) {
        self.account = account
    }

    public func charge(_ request: PaymentRequest) async throws -> PaymentOutcome {
        switch request.method {
        case .manual: .succeeded(authorizationCode: "bogus-manual")
        case .card(let card): TestCardRules.outcome(for: card)
        }
    }
}

/// Makes the gateway for each kind of account the shop set up.
public struct PaymentGateways: Sendable {
    public init() {}

    public func gateway(for account: PaymentGatewayAccount) -> any PaymentGateway {
        switch account.kind {
        case .manual: ManualGateway(account: account)
        case .bogus: BogusGateway(account: account)
        }
    }
}
