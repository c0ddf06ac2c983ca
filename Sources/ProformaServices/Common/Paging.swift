import Foundation
import ProformaJSON

/// Where a row sits in a sorted listing: its sort value and its id, which breaks ties.
public struct Cursor: Sendable, Hashable {
    public enum SortValue: Sendable, Hashable, Codable {
        case integer(Int64)
        case text(String)
    }

    public var sortValue: SortValue
    public var id: Int64

    public init(sortValue: SortValue, id: Int64) {
        self.sortValue = sortValue
        self.id = id
    }

    private struct Wire: Codable {
        var v: SortValue
        var i: Int64
    }

    /// The opaque text clients pass back as `after` or `before`. (Foundation's JSON coders took
    /// 2% of a search page's time for its two cursors.)
    public var token: String {
        Data(try! JSONDocumentEncoder().encode(Wire(v: sortValue, i: id))).base64URLEncoded
    }

    public init?(token: String) {
        guard let data = Data(base64URL: token), let wire = try? JSONDocumentDecoder().decode(Wire.self, from: data) else {
            return nil
        }
        self.init(sortValue: wire.v, id: wire.i)
    }
}

extension Data {
    /// URL-safe base64 without padding (RFC 4648 §5), for tokens that travel in URLs.
    public init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }

    public var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// A Relay-style page request: `first`/`after` walks forward, `last`/`before` backward.
public struct PageRequest: Sendable, Hashable {
    public static let maximumSize = 250

    public var first: Int?
    public var after: Cursor?
    public var last: Int?
    public var before: Cursor?
    public var reverse: Bool

    public init(first: Int? = nil, after: Cursor? = nil, last: Int? = nil, before: Cursor? = nil, reverse: Bool = false) {
        self.first = first
        self.after = after
        self.last = last
        self.before = before
        self.reverse = reverse
    }

    /// Whether the page is taken from the end of the ordering (`last`).
    public var isBackward: Bool { last != nil && first == nil }
    public var size: Int { first ?? last ?? 0 }
}

/// One page of a sorted listing.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var cursors: [Cursor]
    public var hasNextPage: Bool
    public var hasPreviousPage: Bool

    public init(items: [Item], cursors: [Cursor], hasNextPage: Bool, hasPreviousPage: Bool) {
        self.items = items
        self.cursors = cursors
        self.hasNextPage = hasNextPage
        self.hasPreviousPage = hasPreviousPage
    }

    public func map<Other: Sendable>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), cursors: cursors,
                    hasNextPage: hasNextPage, hasPreviousPage: hasPreviousPage)
    }
}
