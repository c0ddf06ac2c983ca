extension EncoderCore {
    /// Writes the finished arena as compact JSON with sorted object keys.
    func serialize() -> [UInt8] {
        let scratch = state.pointee.scratch
        let capacity = scratch.count + members.count * 4 + 16
        var serializer = Serializer(
            text: scratch.slice(0, scratch.count), members: members.buffer, containers: containers.buffer,
            out: JSONTextWriter(escapeSlashes: true, capacity: capacity))
        defer {
            serializer.out.deallocate()
            serializer.order.deallocate()
        }
        serializer.writeValue(EncoderCore.root)
        return serializer.out.makeArray()
    }
}

private struct Serializer {
    let text: UnsafeBufferPointer<UInt8>
    let members: UnsafeBufferPointer<EncoderCore.Member>
    let containers: UnsafeBufferPointer<EncoderCore.Container>
    var out: JSONTextWriter
    /// Shared stack of member indices; each object sorts its own slice on
    /// top, so nesting needs no per-object allocation.
    var order = RawBuffer<Int>(capacity: 64)

    mutating func writeValue(_ m: Int) {
        let member = members[m]
        switch member.kind {
        case .empty:
            // A value whose encode(to:) requested nothing: Foundation writes {}.
            out.writeStatic("{}")
        case .null:
            out.writeNull()
        case .true:
            out.writeStatic("true")
        case .false:
            out.writeStatic("false")
        case .text:
            out.writeBytes(UnsafeBufferPointer(rebasing: text[member.a..<member.b]))
        case .container:
            let c = containers[member.a]
            if c.isObject { writeObject(c) } else { writeArray(c) }
        }
    }

    mutating func writeArray(_ c: EncoderCore.Container) {
        out.writeByte(UInt8(ascii: "["))
        var m = c.first
        var first = true
        while m >= 0 {
            if !first { out.writeByte(UInt8(ascii: ",")) }
            first = false
            writeValue(m)
            m = members[m].next
        }
        out.writeByte(UInt8(ascii: "]"))
    }

    mutating func writeObject(_ c: EncoderCore.Container) {
        let start = order.count
        var m = c.first
        order.reserve(c.count)
        while m >= 0 {
            order.append(m)
            m = members[m].next
        }
        let end = order.count
        sortByKey(start, end)
        out.writeByte(UInt8(ascii: "{"))
        var first = true
        for i in start..<end {
            let m = order[i]
            // Same key encoded twice: the later one wins, as in Foundation.
            // Ties are ordered by member index, so the later one sorts last.
            if i + 1 < end && compareKeys(m, order[i + 1]) == 0 { continue }
            if !first { out.writeByte(UInt8(ascii: ",")) }
            first = false
            let member = members[m]
            if member.kind == .text && member.a == member.jsonKeyEnd {
                out.writeBytes(UnsafeBufferPointer(rebasing: text[member.jsonKeyStart..<member.b]))
            } else {
                out.writeBytes(UnsafeBufferPointer(rebasing: text[member.jsonKeyStart..<member.jsonKeyEnd]))
                writeValue(m)
            }
        }
        out.writeByte(UInt8(ascii: "}"))
        order.removeLast(end - start)
    }

    @inline(__always)
    func compareKeys(_ x: Int, _ y: Int) -> Int { KeyOrder(text: text, members: members).compare(x, y) }

    @inline(__always)
    func precedes(_ x: Int, _ y: Int) -> Bool { KeyOrder(text: text, members: members).precedes(x, y) }

    mutating func sortByKey(_ start: Int, _ end: Int) {
        if end - start <= 24 {
            // Objects are small; insertion sort beats the general sort here
            // and is already near-linear when keys arrive almost sorted.
            var i = start + 1
            while i < end {
                let m = order[i]
                var j = i
                while j > start && precedes(m, order[j - 1]) {
                    order[j] = order[j - 1]
                    j -= 1
                }
                order[j] = m
                i += 1
            }
        } else {
            let keys = KeyOrder(text: text, members: members)
            var slice = UnsafeMutableBufferPointer(start: order.base + start, count: end - start)
            slice.sort { keys.precedes($0, $1) }
        }
    }
}

private struct KeyOrder {
    let text: UnsafeBufferPointer<UInt8>
    let members: UnsafeBufferPointer<EncoderCore.Member>

    /// Foundation's `.sortedKeys` on Linux orders keys by their UTF-8 bytes
    /// (= Unicode scalar order): not by `String.<` (which would normalize
    /// "e\u{301}" to "é"), not case-insensitively, not numerically.
    @inline(__always)
    func compare(_ x: Int, _ y: Int) -> Int {
        let a = members[x]
        let b = members[y]
        if a.keyPrefix != b.keyPrefix { return a.keyPrefix < b.keyPrefix ? -1 : 1 }
        let n = min(a.keyEnd - a.keyStart, b.keyEnd - b.keyStart)
        var i = 0
        while i < n {
            let p = text[a.keyStart + i]
            let q = text[b.keyStart + i]
            if p != q { return p < q ? -1 : 1 }
            i += 1
        }
        return (a.keyEnd - a.keyStart) - (b.keyEnd - b.keyStart)
    }

    @inline(__always)
    func precedes(_ x: Int, _ y: Int) -> Bool {
        let c = compare(x, y)
        return c < 0 || (c == 0 && x < y)
    }
}
