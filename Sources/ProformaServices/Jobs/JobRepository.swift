import ProformaCore

public typealias JobID = EntityID<Job>

/// Background work stored in the database, so that any instance can run it and it survives
/// restarts.
public struct Job: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case queued = "QUEUED"
        case running = "RUNNING"
        case done = "DONE"
        case failed = "FAILED"
    }

    public var id: JobID
    public var shopID: ShopID
    public var kind: String
    public var payload: String
    public var status: Status
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Timestamp
    public var completedAt: Timestamp?

    public init(id: JobID, shopID: ShopID, kind: String, payload: String, status: Status, attempts: Int,
                lastError: String?, createdAt: Timestamp, completedAt: Timestamp?) {
        self.id = id
        self.shopID = shopID
        self.kind = kind
        self.payload = payload
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.createdAt = createdAt
        self.completedAt = completedAt
    }

    public var isDone: Bool { status == .done || status == .failed }
}

public protocol JobRepository {
    func enqueue(shop: ShopID, kind: String, payload: String, at time: Timestamp) async throws -> Job
    /// Claims the oldest due job no one else holds, marking it running until `lease` passes;
    /// on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so that instances never take the same job.
    func claimNext(at time: Timestamp, leaseUntil: Timestamp) async throws -> Job?
    // The three below end a claim, and only the claim that `lease` (its `leaseUntil`) names:
    // each returns false and changes nothing when the job has moved on since, because the claim
    // ended already (a retry of a write whose commit landed) or its lease ran out and another
    // runner claimed the job.
    func complete(_ id: JobID, shop: ShopID, lease: Timestamp, at time: Timestamp) async throws -> Bool
    /// Records a failure; the job runs again at `retryAt`, or is given up when nil.
    func fail(_ id: JobID, shop: ShopID, lease: Timestamp, error: String, retryAt: Timestamp?,
              at time: Timestamp) async throws -> Bool
    /// Stores progress (the payload) and queues the job again for its next batch.
    func requeue(_ id: JobID, shop: ShopID, lease: Timestamp, payload: String, at time: Timestamp) async throws -> Bool
    func job(shop: ShopID, id: JobID) async throws -> Job?
}
