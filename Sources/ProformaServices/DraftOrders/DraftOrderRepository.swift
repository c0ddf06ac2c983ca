import ProformaCore

public enum DraftOrderSortKey: String, Sendable, CaseIterable {
    case id = "ID"
    case number = "NUMBER"
    case updatedAt = "UPDATED_AT"
    case totalPrice = "TOTAL_PRICE"
    case customerName = "CUSTOMER_NAME"
    case status = "STATUS"
}

public protocol DraftOrderRepository {
    /// Inserts the draft under `number` (from `takeNumber`), or without one under a provisional
    /// number until `assignNumber`; returns it with its number when given, the ids the database
    /// gave it and its lines.
    func insert(shop: ShopID, _ record: DraftOrderRecord, number: Int64?) async throws -> DraftOrder
    /// Takes the shop's next draft number: call it once nothing but a failure to write or to
    /// commit can undo the create, as the number may be taken outside the transaction (on
    /// PostgreSQL, so that concurrent creates do not queue for the counter until each
    /// commits), and a create that rolls back after this call then leaves a gap.
    func takeNumber(shop: ShopID) async throws -> Int64
    /// Takes the shop's next draft number, as `takeNumber` does, and gives it to the inserted draft.
    func assignNumber(shop: ShopID, draft: DraftOrderID) async throws -> Int64
    /// Replaces the stored draft if its version is still `expectedVersion`, and returns it with
    /// the ids of its (rewritten) lines; nil when the version had moved on.
    func update(shop: ShopID, _ record: DraftOrderRecord, expectedVersion: Int64) async throws -> DraftOrder?
    /// Reads a draft; with `forUpdate` inside a write, locks it until the transaction ends.
    /// Without `lines`, its `lines` are empty: for an edit that replaces them all, which need not
    /// read (and decode) up to 499 it throws away.
    func draft(shop: ShopID, id: DraftOrderID, forUpdate: Bool, lines: Bool) async throws -> DraftOrder?
    /// The draft whose invoice token hashes to `tokenHash`.
    func draft(shop: ShopID, invoiceTokenHash: String) async throws -> DraftOrder?
    func drafts(shop: ShopID, ids: [DraftOrderID]) async throws -> [DraftOrder]
    func drafts(shop: ShopID, matching query: SearchQuery, sortedBy sort: DraftOrderSortKey,
                page: PageRequest) async throws -> Page<DraftOrder>
    /// Counts matches, stopping at `limit` when one is given.
    func countDrafts(shop: ShopID, matching query: SearchQuery, limit: Int?) async throws -> Int
    /// Ids of matching drafts after `after`, in id order: how bulk jobs walk a search.
    func draftIDs(shop: ShopID, matching query: SearchQuery, after: DraftOrderID?, limit: Int) async throws -> [DraftOrderID]
    func delete(shop: ShopID, id: DraftOrderID) async throws -> Bool
    /// The tag as first written, if any draft of the shop carries it (matched without case).
    func tag(shop: ShopID, handle: String) async throws -> String?
}

extension DraftOrderRepository {
    /// Reads a whole draft; with `forUpdate` inside a write, locks it until the transaction ends.
    public func draft(shop: ShopID, id: DraftOrderID, forUpdate: Bool) async throws -> DraftOrder? {
        try await draft(shop: shop, id: id, forUpdate: forUpdate, lines: true)
    }
}
