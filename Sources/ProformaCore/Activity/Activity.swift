/// One line of a record's timeline: who did what to it, and when.
public struct Activity: Sendable, Hashable {
    /// What happened. New kinds may be added; stored rows keep their raw value.
    public enum Action: String, Sendable, CaseIterable {
        case created
        case updated
        case duplicated
        case invoiceSent = "invoice_sent"
        case completed
        case stockReleased = "stock_released"
        case markedAsPaid = "marked_as_paid"
    }

    public var subject: ActivitySubject
    public var actor: String
    public var action: Action
    /// A sentence of detail for people, e.g. the new total or the invoice's recipient.
    public var detail: String?
    public var createdAt: Timestamp

    public init(subject: ActivitySubject, actor: String, action: Action, detail: String?, createdAt: Timestamp) {
        self.subject = subject
        self.actor = actor
        self.action = action
        self.detail = detail
        self.createdAt = createdAt
    }
}

/// The record a timeline belongs to.
public enum ActivitySubject: Sendable, Hashable {
    case draftOrder(DraftOrderID)
    case order(OrderID)

    public var type: String {
        switch self {
        case .draftOrder: "draft_order"
        case .order: "order"
        }
    }

    public var id: Int64 {
        switch self {
        case .draftOrder(let id): id.rawValue
        case .order(let id): id.rawValue
        }
    }
}
