import ProformaCore

public enum OrderSortKey: String, Sendable, CaseIterable {
    case id = "ID"
    case number = "ORDER_NUMBER"
    case createdAt = "CREATED_AT"
    case updatedAt = "UPDATED_AT"
    /// Orders are processed when they are placed, so this orders as `createdAt` does.
    case processedAt = "PROCESSED_AT"
    case totalPrice = "TOTAL_PRICE"
    case customerName = "CUSTOMER_NAME"
    case financialStatus = "FINANCIAL_STATUS"
}

/// An order as the store writes it; `document` is the snapshot draft's document and lines, as JSON.
public struct OrderRecord: Sendable {
    public var order: Order
    public let customerName: String
    public let document: String

    public init(order: Order, customerName: String) {
        self.order = order
        self.customerName = customerName
        self.document = StoredJSON.encode(OrderDocument(order.snapshot))
    }
}

/// The snapshot of the draft an order keeps, as one JSON document.
public struct OrderDocument: Codable, Sendable {
    public var draft: DraftOrderDocument
    public var lines: [DraftOrderLine]
    public var draftNumber: Int64
    public var phone: String?
    public var note: String?
    public var poNumber: String?

    public init(_ draft: DraftOrder) {
        self.draft = DraftOrderDocument(draft)
        self.lines = draft.lines
        self.draftNumber = draft.number
        self.phone = draft.phone
        self.note = draft.note
        self.poNumber = draft.poNumber
    }
}

public protocol OrderRepository {
    /// Takes the shop's next order number (1001 first); it moves with the transaction.
    func nextNumber(shop: ShopID) async throws -> Int64
    /// Inserts the order and its transactions; returns it with the ids they were given.
    func insert(shop: ShopID, _ record: OrderRecord) async throws -> Order
    func order(shop: ShopID, id: OrderID, forUpdate: Bool) async throws -> Order?
    func order(shop: ShopID, draft: DraftOrderID) async throws -> Order?
    func orders(shop: ShopID, ids: [OrderID]) async throws -> [Order]
    func orders(shop: ShopID, matching query: SearchQuery, sortedBy sort: OrderSortKey,
                page: PageRequest) async throws -> Page<Order>
    func countOrders(shop: ShopID, matching query: SearchQuery, limit: Int?) async throws -> Int
    /// Records a transaction and the financial status it leads to.
    func addTransaction(shop: ShopID, order: OrderID, _ transaction: OrderTransaction,
                        financialStatus: OrderFinancialStatus, at time: Timestamp) async throws -> OrderTransaction
}
