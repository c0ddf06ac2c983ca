import Foundation
import HTTPTypes
import ProformaCore
import ProformaServices

/// Cursor pagination the way Shopify's REST lists do it: the first request names its filters,
/// and the `Link` header's `page_info` carries them on with the cursor, so a follow-up request
/// sends only `page_info`, `limit` and `fields`.
struct RESTPaging {
    /// The filter parameters of the listing, as first given.
    var filters: [String: String]
    var request: PageRequest
    let limit: Int

    private struct PageInfo: Codable {
        var f: [String: String]
        var a: String?
        var b: String?
    }

    init(_ rest: RESTRequest, filterNames: [String]) throws {
        limit = try rest.limit()
        if let token = rest.query["page_info"] {
            guard let data = Data(base64URL: token), let info = try? JSONDecoder().decode(PageInfo.self, from: data) else {
                throw RESTError(status: .badRequest, message: ["page_info": ["is invalid"]])
            }
            filters = info.f
            if let after = info.a {
                guard let cursor = Cursor(token: after) else { throw RESTError(status: .badRequest, message: ["page_info": ["is invalid"]]) }
                request = PageRequest(first: limit, after: cursor)
            } else if let before = info.b {
                guard let cursor = Cursor(token: before) else { throw RESTError(status: .badRequest, message: ["page_info": ["is invalid"]]) }
                request = PageRequest(last: limit, before: cursor)
            } else {
                request = PageRequest(first: limit)
            }
        } else {
            filters = rest.query.filter { filterNames.contains($0.key) && !$0.value.isEmpty }
            request = PageRequest(first: limit)
        }
    }

    /// The `Link` header for `page`: `<url>; rel="previous", <url>; rel="next"`, or nil when
    /// everything fit on one page.
    func link<Item>(for page: Page<Item>, _ rest: RESTRequest) -> String? {
        var links: [String] = []
        if page.hasPreviousPage, let first = page.cursors.first {
            links.append("<\(url(PageInfo(f: filters, b: first.token), rest))>; rel=\"previous\"")
        }
        if page.hasNextPage, let last = page.cursors.last {
            links.append("<\(url(PageInfo(f: filters, a: last.token), rest))>; rel=\"next\"")
        }
        return links.isEmpty ? nil : links.joined(separator: ", ")
    }

    private func url(_ info: PageInfo, _ rest: RESTRequest) -> String {
        let token = (try? JSONEncoder().encode(info))?.base64URLEncoded ?? ""
        var query = "limit=\(limit)&page_info=\(token)"
        if let fields = rest.query["fields"], let escaped = fields.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "_"))) {
            query += "&fields=\(escaped)"
        }
        return "\(rest.baseURL)\(rest.path)?\(query)"
    }

    /// Search terms for the filters every listing shares: `ids`, `since_id` and the
    /// `created_at`/`updated_at` bounds. A filter value that is not what it should be is a 400.
    func commonTerms() throws -> [SearchQuery] {
        var terms: [SearchQuery] = []
        if let ids = filters["ids"] {
            let list = ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !list.isEmpty, list.allSatisfy({ Int64($0) != nil }) else {
                throw RESTError(status: .badRequest, message: ["ids": ["must be a comma-separated list of ids"]])
            }
            terms.append(.or(list.map { .term(SearchTerm(field: "id", value: $0)) }))
        }
        if let since = filters["since_id"] {
            guard Int64(since) != nil else { throw RESTError(status: .badRequest, message: ["since_id": ["must be an id"]]) }
            terms.append(.term(SearchTerm(field: "id", comparison: .greater, value: since)))
        }
        for (name, field, comparison) in [("created_at_min", "created_at", SearchTerm.Comparison.greaterOrEqual),
                                          ("created_at_max", "created_at", .lessOrEqual),
                                          ("updated_at_min", "updated_at", .greaterOrEqual),
                                          ("updated_at_max", "updated_at", .lessOrEqual)] {
            guard let text = filters[name] else { continue }
            guard let time = Timestamp(iso8601: text) else {
                throw RESTError(status: .badRequest, message: [name: ["must be an ISO 8601 date and time"]])
            }
            terms.append(.term(SearchTerm(field: field, comparison: comparison, value: time.iso8601)))
        }
        return terms
    }
}

extension SearchQuery {
    /// All of `terms`, or everything when there are none.
    static func all(_ terms: [SearchQuery]) -> SearchQuery {
        switch terms.count {
        case 0: .matchAll
        case 1: terms[0]
        default: .and(terms)
        }
    }
}
