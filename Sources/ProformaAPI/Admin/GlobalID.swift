import ProformaCore

/// Shopify's global ids: `gid://shopify/Product/123`, sometimes with a query string
/// (`gid://shopify/InventoryLevel/7?inventory_item_id=9`).
public enum GlobalID {
    public static func make(_ type: String, _ id: Int64, query: String? = nil) -> String {
        // Appended piece by piece: every id of a response is made here, and interpolating an
        // integer goes through its generic description.
        let number = String(id)
        var text = "gid://shopify/"
        text.reserveCapacity(15 + type.utf8.count + number.utf8.count + (query.map { $0.utf8.count + 1 } ?? 0))
        text += type
        text += "/"
        text += number
        if let query {
            text += "?"
            text += query
        }
        return text
    }

    public static func make<Entity>(_ type: String, _ id: EntityID<Entity>) -> String {
        make(type, id.rawValue)
    }

    /// The type name and number in a gid, or nil when `text` is not one.
    public static func parse(_ text: String) -> (type: String, id: Int64, query: String?)? {
        // Searched for by byte: "?" and "/" are ASCII, so each index found is also a character's,
        // without the grapheme breaking that `split` and `firstIndex(of: Character)` do.
        let prefix = "gid://shopify/".utf8
        let bytes = text.utf8
        guard bytes.starts(with: prefix) else { return nil }
        var path = bytes.dropFirst(prefix.count)
        var query: String?
        if let mark = path.firstIndex(of: UInt8(ascii: "?")) {
            query = String(Substring(path[path.index(after: mark)...]))
            path = path[..<mark]
        }
        guard let slash = path.firstIndex(of: UInt8(ascii: "/")), slash != path.startIndex,
              let id = Int64(Substring(path[path.index(after: slash)...])), id > 0 else { return nil }
        return (String(Substring(path[..<slash])), id, query)
    }

    /// The id of a gid of the expected type; a wrong or malformed gid is the caller's mistake.
    public static func id<Entity>(_ text: String, _ type: String) throws -> EntityID<Entity> {
        guard let parsed = parse(text), parsed.type == type else {
            throw GraphQLFieldError("Invalid global id '\(text)'", extensions: ["code": .string("argumentLiteralsIncompatible")])
        }
        return EntityID(parsed.id)
    }

    /// Like `id`, but nil instead of an error: for mutation inputs, where a wrong id is
    /// reported as a user error ("… does not exist").
    public static func optionalID<Entity>(_ text: String, _ type: String) -> EntityID<Entity>? {
        guard let parsed = parse(text), parsed.type == type else { return nil }
        return EntityID(parsed.id)
    }
}
