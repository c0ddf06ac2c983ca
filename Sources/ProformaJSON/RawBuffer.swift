/// A growable buffer of trivial values with manual lifetime: the owner must
/// call `deallocate()` exactly once.
///
/// Exists for the encoder's hot paths. A Swift `Array` stored in a class pays
/// for a uniqueness check per mutation and, worse, a dynamic exclusivity
/// check (`swift_beginAccess`, a thread-local lookup) per access; profiling
/// showed those checks taking over a third of encoding time.
struct RawBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() {
        base.deallocate()
    }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inline(__always)
    mutating func reserve(_ additional: Int) {
        if count &+ additional > capacity { grow(count &+ additional) }
    }

    @inline(never)
    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        reserve(1)
        base[count] = element
        count &+= 1
    }

    @inline(__always)
    mutating func append(contentsOf source: UnsafeBufferPointer<Element>) {
        guard let start = source.baseAddress else { return }
        reserve(source.count)
        (base + count).initialize(from: start, count: source.count)
        count &+= source.count
    }

    /// For writers that reserved space and filled it through `base`.
    @inline(__always)
    mutating func commit(_ written: Int) {
        count &+= written
    }

    @inline(__always)
    mutating func removeLast(_ n: Int) {
        count &-= n
    }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base + start, count: end - start)
    }
}
