public typealias OrderID = EntityID<Order>
public typealias OrderTransactionID = EntityID<OrderTransaction>

/// Whether the customer has paid. Refunds, authorizations and partial payments come with
/// payment terms and deposits; their cases will join these.
public enum OrderFinancialStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending = "PENDING"
    case paid = "PAID"
}

/// Money that moved (or was promised) for an order.
public struct OrderTransaction: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case sale = "SALE"
    }

    public enum Status: String, Sendable, Hashable, Codable {
        case success = "SUCCESS"
        case pending = "PENDING"
        case failure = "FAILURE"
        case error = "ERROR"
    }

    public var id: OrderTransactionID
    public var kind: Kind
    public var status: Status
    /// The gateway's name as the shop set it up ("Bank Deposit", "Bogus Gateway").
    public var gateway: String
    /// In the order's presentment currency.
    public var amount: Money
    public var isTest: Bool
    /// The gateway's reference for the payment, when it gave one.
    public var authorizationCode: String?
    /// Who asked for the payment: the same key always names the same payment.
    public var idempotencyKey: String?
    public var createdAt: Timestamp

    public init(id: OrderTransactionID, kind: Kind, status: Status, gateway: String, amount: Money, isTest: Bool,
                authorizationCode: String?, idempotencyKey: String?, createdAt: Timestamp) {
        self.id = id
        self.kind = kind
        self.status = status
        self.gateway = gateway
        self.amount = amount
        self.isTest = isTest
        self.authorizationCode = authorizationCode
        self.idempotencyKey = idempotencyKey
        self.createdAt = createdAt
    }
}

/// A placed order. Proforma places orders from drafts: the order keeps the draft as it stood at
/// that moment, so its lines, discounts, shipping, taxes and totals are exactly what the
/// customer agreed to, whatever happens to the shop's settings or catalog later.
public struct Order: Sendable, Hashable {
    public var id: OrderID
    /// `#1001`, `#1002`, …: numbered per shop.
    public var number: Int64
    public var draftOrderID: DraftOrderID?
    public var financialStatus: OrderFinancialStatus
    /// Where the order came from: `shopify_draft_order`, `checkout`, or what the caller said.
    public var sourceName: String
    /// The draft when it was completed: lines, discounts, shipping, taxes, addresses, customer,
    /// tags, note and attributes, with the amounts worked out.
    public var snapshot: DraftOrder
    public var transactions: [OrderTransaction]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: OrderID, number: Int64, draftOrderID: DraftOrderID?, financialStatus: OrderFinancialStatus,
                sourceName: String, snapshot: DraftOrder, transactions: [OrderTransaction], createdAt: Timestamp,
                updatedAt: Timestamp) {
        self.id = id
        self.number = number
        self.draftOrderID = draftOrderID
        self.financialStatus = financialStatus
        self.sourceName = sourceName
        self.snapshot = snapshot
        self.transactions = transactions
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var name: String { "#\(number)" }
    public var calculation: DraftCalculation { snapshot.calculation }

    /// Received: the successful sales, in the presentment currency's minor units.
    public var totalReceived: Int64 {
        transactions.filter { $0.kind == .sale && $0.status == .success }.reduce(0) { $0 + $1.amount.minorUnits }
    }

    /// What the customer still owes, never below zero.
    public var totalOutstanding: Int64 { max(0, calculation.total - totalReceived) }

    /// The first number a shop's orders get, as on Shopify.
    public static let firstNumber: Int64 = 1001
}
