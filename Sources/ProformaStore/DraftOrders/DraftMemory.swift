import ProformaCore
import Synchronization

/// Drafts as read from committed data, so that a read that finds the same draft again reuses
/// it instead of reading its lines and metafields and decoding them, which was the largest part
/// of reading a page of 50 drafts.
///
/// It can never hand back a draft that changed, because it is asked with what the caller has
/// just read from the draft's row in its own transaction:
/// - every change to a draft, its lines or its metafields writes the row with a higher
///   `version` (`SQLDraftOrderRepository.update` refuses any other), so a changed draft
///   misses;
/// - the invoice token's hash is random per draft, so a row that merely looks the same (a
///   database restored or swapped under a running server) misses too;
/// - only reads of committed data remember (sessions that do not write), so a version that
///   a transaction wrote and then rolled back is never kept.
///
/// Each server process has its own; servers that share a database agree because each checks
/// against the row it reads. Memory is bounded by lines: a draft weighs one plus its lines.
final class DraftMemory: Sendable {
    private struct Key: Hashable {
        let shop: Int64
        let id: Int64
    }

    private struct State {
        var drafts: [Key: DraftOrder] = [:]
        /// Σ `weight` of `drafts`.
        var weight = 0
    }

    private static func weight(_ draft: DraftOrder) -> Int { 1 + draft.lines.count }

    /// The most lines (plus one per draft) kept; 0 keeps nothing.
    let capacity: Int
    private let state = Mutex(State())

    /// About 20,000 lines: a few megabytes.
    static let defaultCapacity = 20_000

    init(capacity: Int = DraftMemory.defaultCapacity) {
        self.capacity = capacity
    }

    /// What a row shows of its draft: enough to tell whether a remembered draft is still it.
    struct RowVersion {
        let id: Int64
        let version: Int64
        let tokenHash: String
    }

    /// For each row, its draft as remembered if it is still at the row's version with the same
    /// invoice token. The lock is taken once for all of them: taken once per draft of a page,
    /// with more reader threads than cores, waiting for it cost more than reading the page.
    func drafts(shop: ShopID, rows: [RowVersion]) -> [DraftOrder?] {
        state.withLock { state in
            rows.map { row in
                guard let draft = state.drafts[Key(shop: shop.rawValue, id: row.id)],
                      draft.version == row.version, draft.invoiceToken?.hash == row.tokenHash else { return nil }
                return draft
            }
        }
    }

    /// Keeps a draft read from committed data. A draft heavier than a quarter of the capacity
    /// is not kept, so that one big draft cannot push out a page's worth of small ones.
    func remember(_ draft: DraftOrder, shop: ShopID) {
        let weight = Self.weight(draft)
        guard draft.invoiceToken != nil, weight * 4 <= capacity else { return }
        state.withLock { state in
            let key = Key(shop: shop.rawValue, id: draft.id.rawValue)
            if let old = state.drafts.updateValue(draft, forKey: key) { state.weight -= Self.weight(old) }
            state.weight += weight
            // Over capacity, drop entries in the dictionary's order (unrelated to age or use, so
            // in effect at random) down to three quarters: cheap, and no access bookkeeping.
            guard state.weight > capacity else { return }
            while state.weight > capacity * 3 / 4, let (victim, dropped) = state.drafts.first {
                state.drafts.removeValue(forKey: victim)
                state.weight -= Self.weight(dropped)
            }
        }
    }

    /// How many drafts are kept, for tests.
    var count: Int { state.withLock { $0.drafts.count } }
}
