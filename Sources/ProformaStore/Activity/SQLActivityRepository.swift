import ProformaCore
import ProformaServices
import SQLKit

struct SQLActivityRepository: ActivityRepository {
    let context: SQLContext

    func record(_ activity: Activity, shop: ShopID) async throws {
        try await context.run("""
            INSERT INTO activities \(Self.columns)
            VALUES (\(bind: shop.rawValue), \(bind: activity.subject.type), \(bind: activity.subject.id), \(bind: activity.actor),
                    \(bind: activity.action.rawValue), \(bind: activity.detail), \(bind: activity.createdAt.stored))
            """)
    }

    private static let columns: SQLQueryString = "(shop_id, subject_type, subject_id, actor, action, detail, created_at)"

    /// `INSERT INTO activities …` of `note` about each row of `subjects` (a table or a common
    /// table expression with an `id`): how a statement that writes a record writes its timeline
    /// line too.
    static func insertion(of note: ActivityNote, about subjectType: String, from subjects: SQLQueryString,
                          shop: ShopID) -> SQLQueryString {
        """
        INSERT INTO activities \(columns)
        SELECT \(bind: shop.rawValue), \(bind: subjectType), subject.id, \(bind: note.actor), \(bind: note.action.rawValue),
            \(bind: note.detail), \(bind: note.createdAt.stored)
        FROM \(subjects) AS subject
        """
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
