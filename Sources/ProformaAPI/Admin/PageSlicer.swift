import ProformaServices

/// Pages through a short list already in memory (a shop's locations, a product's variants)
/// with the same cursors and rules as the database listings.
enum PageSlicer {
    /// Orders `items` by `key`, then `id`, and cuts the requested page.
    static func page<Item>(_ items: [Item], key: (Item) -> Int64, id: (Item) -> Int64, request: PageRequest) -> Page<Item> {
        func position(_ item: Item) -> (Int64, Int64) { (key(item), id(item)) }
        func position(_ cursor: Cursor) -> (Int64, Int64) {
            if case .integer(let value) = cursor.sortValue { return (value, cursor.id) }
            return (Int64.min, cursor.id)
        }
        var sorted = items.sorted { position($0) < position($1) }
        if request.reverse { sorted.reverse() }
        let ascending = !request.reverse
        func isAfter(_ item: Item, _ cursor: Cursor) -> Bool {
            ascending ? position(item) > position(cursor) : position(item) < position(cursor)
        }
        if let after = request.after { sorted = sorted.filter { isAfter($0, after) } }
        if let before = request.before { sorted = sorted.filter { !isAfter($0, before) && position($0) != position(before) } }
        let size = request.size
        let slice = request.isBackward ? Array(sorted.suffix(size)) : Array(sorted.prefix(size))
        let hasMore = sorted.count > size
        return Page(items: slice, cursors: slice.map { Cursor(sortValue: .integer(key($0)), id: id($0)) },
                    hasNextPage: request.isBackward ? request.before != nil : hasMore,
                    hasPreviousPage: request.isBackward ? hasMore : request.after != nil)
    }
}
