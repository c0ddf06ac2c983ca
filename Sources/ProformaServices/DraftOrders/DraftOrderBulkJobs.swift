import Foundation
import ProformaCore

/// `draftOrderBulkAddTags`, `draftOrderBulkRemoveTags` and `draftOrderBulkDelete`: queued as
/// jobs that walk the selected drafts in id order, a batch per transaction.
public struct DraftOrderBulkJobs: Sendable {
    public enum Action: String, Codable, Sendable {
        case addTags, removeTags, delete
    }

    /// A bulk job's payload; `after` records how far it got.
    struct Payload: Codable {
        var action: Action
        var ids: [Int64]?
        var search: String?
        var tags: [String]
        var after: Int64?
    }

    public static let kind = "draft_orders.bulk"
    static let batchSize = 200

    let store: any Store
    let clock: any WallClock
    let queue: JobQueue
    let events: WebhookEvents

    init(store: any Store, clock: any WallClock, queue: JobQueue, events: WebhookEvents) {
        self.store = store
        self.clock = clock
        self.queue = queue
        self.events = events
    }

    /// Queues the work. Exactly one of `ids` and `search` selects the drafts. Completed drafts
    /// are read-only, so tag changes pass them by.
    public func enqueue(shop: ShopID, action: Action, ids: [DraftOrderID]?, search: String?,
                        tags: [String]) async throws -> Job {
        var errors = ValidationErrors()
        if (ids == nil) == (search == nil) { errors.add(nil, "Provide either ids or search", code: "INVALID") }
        let tags = Tags.normalize(tags)
        if action != .delete && tags.isEmpty { errors.add(["tags"], "Provide at least one tag", code: "BLANK") }
        if let ids, ids.count > 10_000 { errors.add(["ids"], "At most 10000 ids at a time", code: "TOO_MANY") }
        try errors.throwIfAny()
        // An empty or mistyped search (unknown fields are ignored) would select every draft.
        if action == .delete, let search, try await selectsEveryDraft(search, shop: shop) {
            throw ValidationErrors(field: ["search"], message: "The search selects every draft order; narrow it, or "
                                   + "delete by ids", code: "INVALID")
        }
        let payload = Payload(action: action, ids: ids?.map(\.rawValue), search: search, tags: tags, after: nil)
        return try await queue.enqueue(shop: shop, kind: Self.kind,
                                       payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self))
    }

    private func selectsEveryDraft(_ search: String, shop: ShopID) async throws -> Bool {
        try await store.read { session in
            let all = try await session.draftOrders.countDrafts(shop: shop, matching: .matchAll, limit: nil)
            let selected = try await session.draftOrders.countDrafts(shop: shop, matching: SearchQuery(parsing: search),
                                                                    limit: nil)
            return all > 0 && selected == all
        }
    }

    public var handler: any JobHandler { Handler(clock: clock, events: events) }

    struct Handler: JobHandler {
        let clock: any WallClock
        let events: WebhookEvents
        var kind: String { DraftOrderBulkJobs.kind }

        func step(_ job: Job, in session: any StoreSession) async throws -> String? {
            var payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
            let shop = job.shopID
            let after = payload.after.map(DraftOrderID.init)
            let ids: [DraftOrderID]
            if let listed = payload.ids {
                ids = listed.sorted().filter { after == nil || $0 > after!.rawValue }.prefix(DraftOrderBulkJobs.batchSize)
                    .map(DraftOrderID.init)
            } else {
                ids = try await session.draftOrders.draftIDs(
                    shop: shop, matching: SearchQuery(parsing: payload.search ?? ""), after: after,
                    limit: DraftOrderBulkJobs.batchSize)
            }
            if payload.action == .delete {
                // Every draft of the batch is locked, in id order, before any held stock moves, so
                // the batch takes stock levels in the same order as a single completion does.
                var found: [DraftOrderID] = []
                for id in ids where try await session.draftOrders.draft(shop: shop, id: id, forUpdate: true) != nil {
                    found.append(id)
                }
                try await DraftOrderService.delete(found, shop: shop, session: session, events: events, at: clock.now())
            } else {
                for id in ids {
                    try await apply(payload, to: id, shop: shop, session: session)
                }
            }
            guard ids.count == DraftOrderBulkJobs.batchSize else { return nil }
            payload.after = ids.last?.rawValue
            return String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        }

        private func apply(_ payload: Payload, to id: DraftOrderID, shop: ShopID, session: any StoreSession) async throws {
            guard var draft = try await session.draftOrders.draft(shop: shop, id: id, forUpdate: true) else { return }
            switch payload.action {
            case .delete:
                return  // a batch of deletions runs as a whole, above
            case _ where draft.status == .completed:
                return
            case .addTags:
                let tags = Tags.normalize(draft.tags + payload.tags)
                guard tags != draft.tags else { return }
                draft.tags = tags
            case .removeTags:
                let removed = Set(payload.tags.map { $0.lowercased() })
                let tags = draft.tags.filter { !removed.contains($0.lowercased()) }
                guard tags != draft.tags else { return }
                draft.tags = tags
            }
            let customer = try await draft.customerID.asyncFlatMap { try await session.customers.customer(shop: shop, id: $0) }
            _ = try await DraftOrderService.saveChange(draft, customer: customer, at: clock.now(), shop: shop, session: session,
                                                       events: events)
        }
    }
}
