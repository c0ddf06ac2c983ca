/// Waiters in arrival order, for the engine's locks and pools.
///
/// Invariant: elements leave in the order they arrived; the storage starts over whenever the
/// last one leaves, so a queue that empties now and then never grows past its longest line.
struct ArrivalQueue<Element> {
    private var elements: [Element] = []
    private var head = 0

    var isEmpty: Bool { head == elements.count }

    mutating func append(_ element: Element) {
        elements.append(element)
    }

    mutating func popFirst() -> Element? {
        guard !isEmpty else { return nil }
        let first = elements[head]
        head += 1
        if isEmpty {
            elements.removeAll(keepingCapacity: true)
            head = 0
        }
        return first
    }
}
