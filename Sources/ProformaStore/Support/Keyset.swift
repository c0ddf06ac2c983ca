import ProformaServices
import SQLKit

/// Relay pagination by keyset: rows ordered by `(sort expression, id)` and resumed from a
/// cursor holding both, so that a page costs an index range scan however deep it is.
struct Keyset {
    /// The table or join the rows come from, aliased so that `alias.id` and `alias.shop_id` exist.
    let from: SQLQueryString
    let alias: String
    /// The sort expression; nil sorts by id alone.
    let sortExpression: String?
    let sortIsText: Bool

    /// Returns one page of rows, and their cursors, in the requested order.
    func page(
        _ context: SQLContext, select: SQLQueryString, shop: Int64, filter: SQLQueryString?, request: PageRequest
    ) async throws -> (rows: [any SQLRow], cursors: [Cursor], hasNext: Bool, hasPrevious: Bool) {
        let backward = request.isBackward
        var rows = try await context.all(query(select: select, shop: shop, filter: filter, request: request))
        let limit = request.size
        let hasMore = rows.count > limit
        if hasMore { rows.removeLast() }
        if backward { rows.reverse() }
        let cursors = try rows.map { row in
            Cursor(sortValue: try sortValue(row), id: try row.int64("id"))
        }
        return backward
            ? (rows, cursors, request.before != nil, hasMore)
            : (rows, cursors, hasMore, request.after != nil)
    }

    /// The statement `page` runs: one row more than the page, to tell whether another follows.
    func query(select: SQLQueryString, shop: Int64, filter: SQLQueryString?, request: PageRequest) -> SQLQueryString {
        let ascending = !request.reverse
        let backward = request.isBackward
        // Walking backward reads the ordering from its far end and flips the rows afterwards.
        let readAscending = ascending != backward
        let sortKey = sortExpression ?? "\(alias).id"
        var conditions: [SQLQueryString] = ["\(unsafeRaw: alias).shop_id = \(bind: shop)"]
        if let filter { conditions.append("(" + filter + ")") }
        if let after = request.after {
            conditions.append(comparison(after, greater: ascending, sortKey: sortKey))
        }
        if let before = request.before {
            conditions.append(comparison(before, greater: !ascending, sortKey: sortKey))
        }
        let direction = readAscending ? "ASC" : "DESC"
        let order: SQLQueryString = sortExpression == nil
            ? "\(unsafeRaw: alias).id \(unsafeRaw: direction)"
            : "\(unsafeRaw: sortKey) \(unsafeRaw: direction), \(unsafeRaw: alias).id \(unsafeRaw: direction)"
        return "SELECT " + select + ", " + "\(unsafeRaw: sortKey) AS sort_key FROM " + from
            + " WHERE " + conditions.joined(separator: " AND ") + " ORDER BY " + order
            + " LIMIT \(literal: request.size + 1)"
    }

    private func sortValue(_ row: any SQLRow) throws -> Cursor.SortValue {
        if sortExpression == nil { return .integer(try row.int64("id")) }
        return sortIsText ? .text(try row.optionalString("sort_key") ?? "") : .integer(try row.optionalInt64("sort_key") ?? 0)
    }

    /// `(sort, id) > (cursor.sort, cursor.id)` or `<`, spelled out so both engines use the index.
    private func comparison(_ cursor: Cursor, greater: Bool, sortKey: String) -> SQLQueryString {
        let op = greater ? ">" : "<"
        guard sortExpression != nil else {
            return "\(unsafeRaw: alias).id \(unsafeRaw: op) \(bind: cursor.id)"
        }
        let value: any Encodable & Sendable = switch cursor.sortValue {
        case .integer(let number): number
        case .text(let text): text
        }
        return """
            (\(unsafeRaw: sortKey) \(unsafeRaw: op) \(bind: value) OR (\(unsafeRaw: sortKey) = \(bind: value) \
            AND \(unsafeRaw: alias).id \(unsafeRaw: op) \(bind: cursor.id)))
            """
    }
}
