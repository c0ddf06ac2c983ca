/// A parsed query in Shopify's search syntax:
/// `status:open tag:"rush order" -tag:wholesale created_at:>'2025-01-01' (bob OR alice)`.
///
/// Terms are joined by AND unless `OR` stands between them; `NOT` or a leading `-` negates;
/// parentheses group. The parser is lenient, like Shopify's: a missing closing quote or
/// parenthesis ends at the end of the text instead of failing the whole request.
public indirect enum SearchQuery: Sendable, Hashable {
    case matchAll
    case term(SearchTerm)
    case and([SearchQuery])
    case or([SearchQuery])
    case not(SearchQuery)

    public init(parsing text: String) {
        var parser = SearchQueryParser(tokens: SearchQueryLexer.tokens(in: text))
        self = parser.parseQuery()
    }

    /// Every field-qualified term, wherever it sits in the tree.
    public var terms: [SearchTerm] {
        switch self {
        case .matchAll: []
        case .term(let term): [term]
        case .and(let items), .or(let items): items.flatMap(\.terms)
        case .not(let inner): inner.terms
        }
    }
}

public struct SearchTerm: Sendable, Hashable {
    public enum Comparison: String, Sendable, Hashable {
        case equal = ":"
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    /// The lower-cased field name, or nil for free text.
    public var field: String?
    public var comparison: Comparison
    public var value: String
    /// `value*`: match values that start with `value`.
    public var isPrefix: Bool

    public init(field: String?, comparison: Comparison = .equal, value: String, isPrefix: Bool = false) {
        self.field = field
        self.comparison = comparison
        self.value = value
        self.isPrefix = isPrefix
    }

    /// `field:*`: the field has any value.
    public var isExistence: Bool { isPrefix && value.isEmpty }
}

enum SearchToken: Hashable {
    case word(String, quoted: Bool)
    case field(String, SearchTerm.Comparison)
    case openParen
    case closeParen
    case minus
}

enum SearchQueryLexer {
    static func tokens(in text: String) -> [SearchToken] {
        var tokens: [SearchToken] = []
        let characters = Array(text)
        var index = 0
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

        func readValue() -> SearchToken {
            guard index < characters.count else { return .word("", quoted: false) }
            let first = characters[index]
            if first == "\"" || first == "'" {
                index += 1
                var value = ""
                while index < characters.count, characters[index] != first {
                    if characters[index] == "\\", index + 1 < characters.count {
                        index += 1
                    }
                    value.append(characters[index])
                    index += 1
                }
                index += 1
                return .word(value, quoted: true)
            }
            var value = ""
            while index < characters.count, !isSpace(characters[index]), characters[index] != ")",
                  !(characters[index] == "(" && value.isEmpty) {
                value.append(characters[index])
                index += 1
            }
            return .word(value, quoted: false)
        }

        while index < characters.count {
            let c = characters[index]
            if isSpace(c) { index += 1; continue }
            if c == "(" { tokens.append(.openParen); index += 1; continue }
            if c == ")" { tokens.append(.closeParen); index += 1; continue }
            if c == "-", index + 1 < characters.count, !isSpace(characters[index + 1]) {
                tokens.append(.minus)
                index += 1
                continue
            }
            if c == "\"" || c == "'" {
                tokens.append(readValue())
                continue
            }
            // A bare word, or `field:` followed by an optional comparator and a value.
            var word = ""
            while index < characters.count, !isSpace(characters[index]), characters[index] != "(",
                  characters[index] != ")", characters[index] != ":" {
                word.append(characters[index])
                index += 1
            }
            if index < characters.count, characters[index] == ":", !word.isEmpty {
                index += 1
                var comparison = SearchTerm.Comparison.equal
                if index < characters.count, characters[index] == "<" || characters[index] == ">" {
                    let less = characters[index] == "<"
                    index += 1
                    if index < characters.count, characters[index] == "=" {
                        index += 1
                        comparison = less ? .lessOrEqual : .greaterOrEqual
                    } else {
                        comparison = less ? .less : .greater
                    }
                }
                tokens.append(.field(word.lowercased(), comparison))
                tokens.append(readValue())
                continue
            }
            if word.isEmpty {
                index += 1  // a lone ':'
                continue
            }
            tokens.append(.word(word, quoted: false))
        }
        return tokens
    }
}

struct SearchQueryParser {
    let tokens: [SearchToken]
    var index = 0

    init(tokens: [SearchToken]) {
        self.tokens = tokens
    }

    mutating func parseQuery() -> SearchQuery {
        var groups: [SearchQuery] = []
        while index < tokens.count {
            if tokens[index] == .closeParen { index += 1; continue }
            groups.append(parseOr())
        }
        return Self.combineAnd(groups)
    }

    private mutating func parseOr() -> SearchQuery {
        var alternatives = [parseAnd()]
        while index < tokens.count, isKeyword("OR") {
            index += 1
            alternatives.append(parseAnd())
        }
        let nonEmpty = alternatives.filter { $0 != .matchAll }
        if nonEmpty.count == alternatives.count, alternatives.count > 1 { return .or(alternatives) }
        return nonEmpty.count == alternatives.count ? alternatives[0] : (nonEmpty.count == 1 ? nonEmpty[0] : .matchAll)
    }

    private mutating func parseAnd() -> SearchQuery {
        var items: [SearchQuery] = []
        while index < tokens.count {
            if tokens[index] == .closeParen || isKeyword("OR") { break }
            if isKeyword("AND") { index += 1; continue }
            items.append(parseUnary())
        }
        return Self.combineAnd(items)
    }

    private mutating func parseUnary() -> SearchQuery {
        if index < tokens.count, tokens[index] == .minus || isKeyword("NOT") {
            index += 1
            guard index < tokens.count else { return .matchAll }
            let inner = parseUnary()
            return inner == .matchAll ? .matchAll : .not(inner)
        }
        return parsePrimary()
    }

    private mutating func parsePrimary() -> SearchQuery {
        let token = tokens[index]
        index += 1
        switch token {
        case .openParen:
            let inner = parseOr()
            if index < tokens.count, tokens[index] == .closeParen { index += 1 }
            return inner
        case .closeParen, .minus:
            return .matchAll
        case .field(let name, let comparison):
            guard index < tokens.count, case .word(let raw, let quoted) = tokens[index] else {
                return .matchAll
            }
            index += 1
            let (value, isPrefix) = Self.splitWildcard(raw, quoted: quoted)
            return .term(SearchTerm(field: name, comparison: comparison, value: value, isPrefix: isPrefix))
        case .word(let raw, let quoted):
            let (value, isPrefix) = Self.splitWildcard(raw, quoted: quoted)
            guard !value.isEmpty else { return .matchAll }
            return .term(SearchTerm(field: nil, value: value, isPrefix: isPrefix))
        }
    }

    private func isKeyword(_ keyword: String) -> Bool {
        if case .word(keyword, quoted: false) = tokens[index] { return true }
        return false
    }

    private static func splitWildcard(_ raw: String, quoted: Bool) -> (String, Bool) {
        if !quoted, raw.hasSuffix("*") { return (String(raw.dropLast()), true) }
        return (raw, false)
    }

    private static func combineAnd(_ items: [SearchQuery]) -> SearchQuery {
        let meaningful = items.filter { $0 != .matchAll }
        switch meaningful.count {
        case 0: return .matchAll
        case 1: return meaningful[0]
        default: return .and(meaningful)
        }
    }
}
