import ProformaCore

/// Who the current task acts for, as a timeline shows it ("rep@shop.test", "API token ‘erp’",
/// "Customer (invoice link)"). Adapters bind it around each request, so that use cases record
/// it without every signature carrying an actor; work started by Proforma itself keeps the
/// default.
public enum ActingParty {
    @TaskLocal public static var name = "Proforma"
}

/// Timelines: what happened to a record, by whom. Rows are only ever added.
public protocol ActivityRepository {
    func record(_ activity: Activity, shop: ShopID) async throws
    /// The newest first.
    func activities(shop: ShopID, subject: ActivitySubject, limit: Int) async throws -> [Activity]
}

/// A timeline line about a record that a write makes or changes, by whoever the current task
/// acts for (`ActingParty`); the record is named once the write has given it an id.
public struct ActivityNote: Sendable, Hashable {
    public var action: Activity.Action
    public var actor: String
    public var detail: String?
    public var createdAt: Timestamp

    init(_ action: Activity.Action, detail: String?, at now: Timestamp) {
        self.action = action
        self.actor = ActingParty.name
        self.detail = detail
        self.createdAt = now
    }

    public func activity(about subject: ActivitySubject) -> Activity {
        Activity(subject: subject, actor: actor, action: action, detail: detail, createdAt: createdAt)
    }
}

extension StoreSession {
    /// Adds a line to the subject's timeline inside the caller's transaction, so the line and
    /// the change it describes commit together.
    func recordActivity(_ action: Activity.Action, on subject: ActivitySubject, detail: String? = nil,
                        shop: ShopID, at now: Timestamp) async throws {
        try await activities.record(ActivityNote(action, detail: detail, at: now).activity(about: subject), shop: shop)
    }
}

public struct ActivityService: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public func timeline(shop: ShopID, of subject: ActivitySubject, limit: Int = 100) async throws -> [Activity] {
        try await store.read { try await $0.activities.activities(shop: shop, subject: subject, limit: limit) }
    }
}
