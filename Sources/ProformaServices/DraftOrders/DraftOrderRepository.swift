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
    /// Inserts the draft and returns it with the ids the database gave it and its lines. With
    /// `numbered`, it is written under the shop's next number, taken as it is written: do so
    /// once nothing but a failure to write or to commit can undo the create, as a number taken
    /// is not given back on PostgreSQL (so that concurrent creates never wait for one another's
    /// commits), and a create that rolls back after this call leaves a gap. Without, it gets a
    /// provisional number until `assignNumber`. `note` is the new draft's first timeline line,
    /// written with it (on PostgreSQL by the same statement). A `numbered` insert is atomic on its
    /// own (see `Store.write(preparedBy:isSingleWrite:_:)`).
    func insert(shop: ShopID, _ record: DraftOrderRecord, numbered: Bool, note: ActivityNote) async throws -> DraftOrder
    /// Gives the inserted draft the shop's next number, on the terms of a `numbered` insert.
    func assignNumber(shop: ShopID, draft: DraftOrderID) async throws -> Int64
    /// Replaces the stored draft if its version is still `expectedVersion`, and returns it with
    /// the ids of its (rewritten) lines; nil when the version had moved on. `note`, when given,
    /// is the change's timeline line, written only with the draft (on PostgreSQL by the same
    /// statement). Atomic on its own (see `Store.write(preparedBy:isSingleWrite:_:)`).
    func update(shop: ShopID, _ record: DraftOrderRecord, expectedVersion: Int64, note: ActivityNote?) async throws -> DraftOrder?
    /// Reads a draft; with `forUpdate` inside a write, locks it until the transaction ends.
    /// Without `lines`, its `lines` are empty: for an edit that replaces them all, which need not
    /// read (and decode) up to 499 it throws away.
    func draft(shop: ShopID, id: DraftOrderID, forUpdate: Bool, lines: Bool) async throws -> DraftOrder?
    /// The draft whose invoice token hashes to `tokenHash`.
    func draft(shop: ShopID, invoiceTokenHash: String) async throws -> DraftOrder?
    func drafts(shop: ShopID, ids: [DraftOrderID]) async throws -> [DraftOrder]
    /// A page of matches. Each draft on it is read whole, row and lines, by one statement, so the
    /// page needs no snapshot (`Store.readLatest`): a draft changed since the page was found shows
    /// as it is now, and one deleted since is left out.
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
