import ProformaCore
import SQLKit

/// Turns a parsed search query into a SQL predicate, field by field.
///
/// Each resource declares which fields it understands; a term on a field it does not know is
/// ignored, as Shopify does, rather than failing the listing.
struct SearchSchema: Sendable {
    /// Builds the predicate for one term; the shop id lets side-table lookups use their index.
    typealias Handler = @Sendable (SearchTerm, Int64) -> SQLQueryString?

    /// A tag side table keyed `(shop_id, tag, owner)`: its key lists a tag's owners in id order.
    struct OrderedTagIndex: Sendable {
        var table: String
        var ownerColumn: String
        /// The alias of the owners' table in the resource's queries.
        var ownerAlias: String
    }

    var fields: [String: Handler]
    var freeText: Handler
    /// Set where the resource's tags have an `OrderedTagIndex`: `tag:` terms match through it,
    /// and `source` reads pages from it.
    var orderedTags: OrderedTagIndex?

    init(fields: [String: Handler], orderedTags: OrderedTagIndex? = nil, freeText: @escaping Handler) {
        self.fields = fields
        self.orderedTags = orderedTags
        self.freeText = freeText
        if let orderedTags {
            self.fields["tag"] = SearchPredicates.tag(table: orderedTags.table, ownerColumn: orderedTags.ownerColumn,
                                                      ownerTable: orderedTags.ownerAlias)
        }
    }

    /// The keyset a search's page is read with, and its filter. A page in id order of a search
    /// that requires one exact tag is read from the ordered tag index, joined to the rows, and
    /// stops after a page of matches however many rows carry the tag; as a filter, the tag's
    /// rows would all be gathered first.
    func source(_ keyset: Keyset, for query: SearchQuery, shop: Int64) -> (Keyset, SQLQueryString?) {
        guard keyset.sortExpression == nil, let orderedTags, let (tag, rest) = Self.splitTag(query) else {
            return (keyset, predicate(for: query, shop: shop))
        }
        let owner = "t.\(orderedTags.ownerColumn)"
        let driven = Keyset(
            from: "\(unsafeRaw: orderedTags.table) t JOIN " + keyset.from
                + " ON \(unsafeRaw: keyset.alias).shop_id = t.shop_id AND \(unsafeRaw: keyset.alias).id = \(unsafeRaw: owner)",
            alias: keyset.alias, sortExpression: owner, sortIsText: false)
        let filter = (["t.shop_id = \(bind: shop) AND t.tag = \(bind: tag)"]
            + [predicate(for: rest, shop: shop)].compactMap { $0 }).joinedWithAnd()
        return (driven, filter)
    }

    /// A search that requires one exact tag, split into the tag and the rest of the search.
    static func splitTag(_ query: SearchQuery) -> (tag: String, rest: SearchQuery)? {
        func exactTag(_ query: SearchQuery) -> String? {
            guard case .term(let term) = query, term.field == "tag", term.comparison == .equal, !term.isPrefix else { return nil }
            return term.value.lowercased()
        }
        if let tag = exactTag(query) { return (tag, .matchAll) }
        guard case .and(var items) = query, let index = items.firstIndex(where: { exactTag($0) != nil }) else { return nil }
        let tag = exactTag(items.remove(at: index))!
        return (tag, items.isEmpty ? .matchAll : .and(items))
    }

    /// How many of the shop's rows in `table` (aliased `alias`) match, stopping past `limit`
    /// when one is given.
    func count(_ context: SQLContext, from table: SQLQueryString, alias: String, matching query: SearchQuery,
               shop: ShopID, limit: Int?) async throws -> Int {
        var inner: SQLQueryString = "SELECT 1 FROM " + table + " WHERE \(unsafeRaw: alias).shop_id = \(bind: shop.rawValue)"
        if let filter = predicate(for: query, shop: shop.rawValue) { inner = inner + " AND (" + filter + ")" }
        if let limit { inner = inner + " LIMIT \(literal: limit + 1)" }
        return try await context.first("SELECT COUNT(*) AS n FROM (" + inner + ") matches")?.int("n") ?? 0
    }

    func predicate(for query: SearchQuery, shop: Int64) -> SQLQueryString? {
        switch query {
        case .matchAll:
            return nil
        case .term(let term):
            guard let field = term.field else { return freeText(term, shop) }
            return fields[field]?(term, shop)
        case .and(let items):
            return items.compactMap { predicate(for: $0, shop: shop) }.map { "(" + $0 + ")" }.joinedWithAnd()
        case .or(let items):
            var parts: [SQLQueryString] = []
            for item in items {
                // An alternative that matches everything makes the whole OR match everything.
                guard let part = predicate(for: item, shop: shop) else { return nil }
                parts.append("(" + part + ")")
            }
            return parts.joined(separator: " OR ")
        case .not(let inner):
            return predicate(for: inner, shop: shop).map { "NOT (" + $0 + ")" }
        }
    }
}

/// Predicate builders shared by every resource's search schema.
enum SearchPredicates {
    /// Case-insensitive equality, or a prefix match for `value*`.
    static func text(_ column: String) -> SearchSchema.Handler {
        { term, _ in
            if term.isExistence { return "(\(unsafeRaw: column) IS NOT NULL AND \(unsafeRaw: column) <> '')" }
            if term.isPrefix {
                return "LOWER(\(unsafeRaw: column)) LIKE \(bind: likePattern(prefix: term.value)) ESCAPE '\\'"
            }
            return "LOWER(\(unsafeRaw: column)) = \(bind: term.value.lowercased())"
        }
    }

    /// Substring match on any of the columns, for free text.
    static func containsAny(_ columns: [String]) -> SearchSchema.Handler {
        { term, _ in
            let pattern = "%" + escapeLike(term.value.lowercased()) + "%"
            return columns.map { "LOWER(\(unsafeRaw: $0)) LIKE \(bind: pattern) ESCAPE '\\'" as SQLQueryString }
                .joined(separator: " OR ")
        }
    }

    /// Exact match on a column holding upper-case codes (`status:active` → `ACTIVE`).
    static func code(_ column: String) -> SearchSchema.Handler {
        { term, _ in "\(unsafeRaw: column) = \(bind: term.value.uppercased())" }
    }

    static func boolean(_ column: String) -> SearchSchema.Handler {
        { term, _ in
            switch term.value.lowercased() {
            case "true", "1", "yes": "\(unsafeRaw: column) = \(true)"
            case "false", "0", "no": "\(unsafeRaw: column) = \(false)"
            default: "1 = 0"
            }
        }
    }

    /// `id:42`, `id:>=100`, also GIDs (`id:gid://shopify/Product/42`).
    static func integer(_ column: String) -> SearchSchema.Handler {
        { term, _ in
            let digits = term.value.split(separator: "/").last.map(String.init) ?? term.value
            guard let value = Int64(digits) else { return "1 = 0" }
            return "\(unsafeRaw: column) \(unsafeRaw: sqlOperator(term.comparison)) \(bind: value)"
        }
    }

    /// Dates and times: `created_at:>'2025-01-01'`; a bare date compared for equality means
    /// that whole day (UTC).
    static func timestamp(_ column: String) -> SearchSchema.Handler {
        { term, _ in
            guard let instant = Timestamp(iso8601: term.value) else { return "1 = 0" }
            let isDateOnly = !term.value.contains("T") && !term.value.contains(" ")
            let span: Int64 = isDateOnly ? 86_400_000 : 1000
            let start = instant.millisecondsSince1970
            switch term.comparison {
            case .equal:
                return "(\(unsafeRaw: column) >= \(bind: start) AND \(unsafeRaw: column) < \(bind: start + span))"
            case .less: return "\(unsafeRaw: column) < \(bind: start)"
            case .lessOrEqual: return "\(unsafeRaw: column) < \(bind: start + span)"
            case .greater: return "\(unsafeRaw: column) >= \(bind: start + span)"
            case .greaterOrEqual: return "\(unsafeRaw: column) >= \(bind: start)"
            }
        }
    }

    /// Tags live in a side table with lower-cased values, indexed by `(shop_id, tag)`.
    /// An uncorrelated `IN` over the tag index, so that a planner can start from the few
    /// rows carrying the tag instead of probing the side table for every row.
    static func tag(table: String, ownerColumn: String, ownerTable: String) -> SearchSchema.Handler {
        { term, shop in
            let match: SQLQueryString = term.isPrefix
                ? "t.tag LIKE \(bind: likePattern(prefix: term.value)) ESCAPE '\\'"
                : "t.tag = \(bind: term.value.lowercased())"
            return """
                \(unsafeRaw: ownerTable).id IN (SELECT t.\(unsafeRaw: ownerColumn) FROM \(unsafeRaw: table) t \
                WHERE t.shop_id = \(bind: shop) AND \(match))
                """
        }
    }

    static func sqlOperator(_ comparison: SearchTerm.Comparison) -> String {
        switch comparison {
        case .equal: "="
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        }
    }

    static func likePattern(prefix: String) -> String {
        escapeLike(prefix.lowercased()) + "%"
    }

    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
