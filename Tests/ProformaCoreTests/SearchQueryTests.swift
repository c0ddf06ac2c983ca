import ProformaCore
import Testing

@Suite("Shopify search syntax")
struct SearchQueryTests {
    private func term(_ field: String?, _ value: String, _ comparison: SearchTerm.Comparison = .equal,
                      prefix: Bool = false) -> SearchQuery {
        .term(SearchTerm(field: field, comparison: comparison, value: value, isPrefix: prefix))
    }

    @Test("implicit AND between terms; fields are lower-cased")
    func implicitAnd() {
        #expect(SearchQuery(parsing: "status:open TAG:rush") == .and([term("status", "open"), term("tag", "rush")]))
        #expect(SearchQuery(parsing: "") == .matchAll)
        #expect(SearchQuery(parsing: "   ") == .matchAll)
    }

    @Test("OR binds looser than AND; NOT and - negate; parentheses group")
    func operators() {
        #expect(SearchQuery(parsing: "a b OR c") == .or([.and([term(nil, "a"), term(nil, "b")]), term(nil, "c")]))
        #expect(SearchQuery(parsing: "-tag:x NOT status:open") == .and([.not(term("tag", "x")), .not(term("status", "open"))]))
        #expect(SearchQuery(parsing: "(a OR b) AND c") == .and([.or([term(nil, "a"), term(nil, "b")]), term(nil, "c")]))
    }

    @Test("comparators, quotes and prefixes")
    func values() {
        #expect(SearchQuery(parsing: "created_at:>='2025-01-01'") == term("created_at", "2025-01-01", .greaterOrEqual))
        #expect(SearchQuery(parsing: "id:<100") == term("id", "100", .less))
        #expect(SearchQuery(parsing: "tag:\"rush order\"") == term("tag", "rush order"))
        #expect(SearchQuery(parsing: "sku:BOOT*") == term("sku", "BOOT", prefix: true))
        #expect(SearchQuery(parsing: "email:*").terms.first?.isExistence == true)
        #expect(SearchQuery(parsing: "\"Bob Norman\"") == term(nil, "Bob Norman"))
        #expect(SearchQuery(parsing: "customer_id:gid://shopify/Customer/5") == term("customer_id", "gid://shopify/Customer/5"))
    }

    @Test("broken input degrades instead of failing")
    func lenient() {
        #expect(SearchQuery(parsing: "tag:\"unterminated") == term("tag", "unterminated"))
        #expect(SearchQuery(parsing: "(a OR b") == .or([term(nil, "a"), term(nil, "b")]))
        #expect(SearchQuery(parsing: "a)") == term(nil, "a"))
        #expect(SearchQuery(parsing: "NOT") == .matchAll)
        #expect(SearchQuery(parsing: "tag:") == term("tag", ""))
    }
}
