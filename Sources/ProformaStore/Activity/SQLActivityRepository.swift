import ProformaCore
import ProformaServices
import SQLKit

struct SQLActivityRepository: ActivityRepository {
    let context: SQLContext

    func record(_ activity: Activity, shop: ShopID) async throws {
        try await context.run("""
            INSERT INTO activities (shop_id, subject_type, subject_id, actor, action, detail, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: activity.subject.type), \(bind: activity.subject.id), \(bind: activity.actor),
                    \(bind: activity.action.rawValue), \(bind: activity.detail), \(bind: activity.createdAt.stored))
            """)
    }

    func activities(shop: ShopID, subject: ActivitySubject, limit: Int) async throws -> [Activity] {
        try await context.all("""
            SELECT * FROM activities
            WHERE shop_id = \(bind: shop.rawValue) AND subject_type = \(bind: subject.type) AND subject_id = \(bind: subject.id)
            ORDER BY id DESC LIMIT \(bind: limit)
            """).compactMap { row in
            // A row written by a newer build, with an action this one does not know, is left out.
            guard let action = Activity.Action(rawValue: try row.string("action")) else { return nil }
            return Activity(subject: subject, actor: try row.string("actor"), action: action,
                            detail: try row.optionalString("detail"), createdAt: try row.timestamp("created_at"))
        }
    }
}
