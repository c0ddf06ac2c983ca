import ProformaCore
import ProformaServices
import SQLKit

struct SQLJobRepository: JobRepository {
    let context: SQLContext

    private static func job(from row: any SQLRow) throws -> Job {
        Job(id: JobID(try row.int64("id")), shopID: ShopID(try row.int64("shop_id")), kind: try row.string("kind"),
            payload: try row.string("payload"), status: Job.Status(rawValue: try row.string("status")) ?? .failed,
            attempts: try row.int("attempts"), lastError: try row.optionalString("last_error"),
            createdAt: try row.timestamp("created_at"), completedAt: try row.optionalTimestamp("completed_at"))
    }

    func enqueue(shop: ShopID, kind: String, payload: String, at time: Timestamp) async throws -> Job {
        let id = try await context.insertReturningID("""
            INSERT INTO jobs (shop_id, kind, payload, status, attempts, run_at, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: kind), \(bind: payload), 'QUEUED', 0, \(bind: time.stored),
                    \(bind: time.stored), \(bind: time.stored))
            """)
        return Job(id: JobID(id), shopID: shop, kind: kind, payload: payload, status: .queued, attempts: 0, lastError: nil,
                   createdAt: time, completedAt: nil)
    }

    func claimNext(at time: Timestamp, leaseUntil: Timestamp) async throws -> Job? {
        // SQLite runs write transactions one at a time, so the plain subquery is enough there.
        let skipLocked: SQLQueryString = context.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let candidate: SQLQueryString = """
            SELECT shop_id, id FROM jobs
            WHERE (status = 'QUEUED' AND run_at <= \(bind: time.stored))
               OR (status = 'RUNNING' AND locked_until < \(bind: time.stored))
            ORDER BY run_at, id LIMIT 1
            """ + skipLocked
        return try await context.first("""
            UPDATE jobs SET status = 'RUNNING', attempts = attempts + 1, locked_until = \(bind: leaseUntil.stored),
                updated_at = \(bind: time.stored)
            WHERE (shop_id, id) = (
            """ + candidate + ") RETURNING *").map(Self.job(from:))
    }

    func complete(_ id: JobID, shop: ShopID, lease: Timestamp, at time: Timestamp) async throws -> Bool {
        try await endClaim(id, shop: shop, lease: lease, setting: """
            status = 'DONE', completed_at = \(bind: time.stored), updated_at = \(bind: time.stored), locked_until = NULL
            """)
    }

    func fail(_ id: JobID, shop: ShopID, lease: Timestamp, error: String, retryAt: Timestamp?,
              at time: Timestamp) async throws -> Bool {
        let outcome: SQLQueryString = if let retryAt {
            "status = 'QUEUED', run_at = \(bind: retryAt.stored)"
        } else {
            "status = 'FAILED', completed_at = \(bind: time.stored)"
        }
        return try await endClaim(id, shop: shop, lease: lease, setting: outcome + """
            , last_error = \(bind: error), locked_until = NULL, updated_at = \(bind: time.stored)
            """)
    }

    func requeue(_ id: JobID, shop: ShopID, lease: Timestamp, payload: String, at time: Timestamp) async throws -> Bool {
        try await endClaim(id, shop: shop, lease: lease, setting: """
            status = 'QUEUED', payload = \(bind: payload), attempts = 0, run_at = \(bind: time.stored),
            locked_until = NULL, last_error = NULL, updated_at = \(bind: time.stored)
            """)
    }

    /// Applies `setting` to the job while it is still running under the claim whose lease ends
    /// at `lease`; a later claim has a later lease, as it can only come once this one ran out.
    private func endClaim(_ id: JobID, shop: ShopID, lease: Timestamp, setting: SQLQueryString) async throws -> Bool {
        try await context.first("UPDATE jobs SET " + setting + """
             WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)
             AND status = 'RUNNING' AND locked_until = \(bind: lease.stored) RETURNING id
            """) != nil
    }

    func job(shop: ShopID, id: JobID) async throws -> Job? {
        try await context.first("""
            SELECT * FROM jobs WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id.rawValue)
            """).map(Self.job(from:))
    }
}
